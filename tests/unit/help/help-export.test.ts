import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { wallClockCell } from '../../../electron/backend/excel/export/cells'
import { localIsoDate } from '../../../shared/domain/dates'
import { setupAdmin, testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { loginAs } from '../support/roles'
import { workerOf } from '../register/fixtures'
import { community, fail, request, volunteer, wallClock } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

async function sheetOf(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
  const sheet = workbook.worksheets[0]
  if (!sheet) throw new Error('no sheet')
  return sheet
}

const rowValues = (sheet: ExcelJS.Worksheet, n: number) => (sheet.getRow(n).values as unknown[]).slice(1)

describe('居民求助登记表 (help.export) through the one export engine', () => {
  it('writes the desk’s rows: wall-clock times, masked phones, labels, money in yuan, overdue in red; audited like every export', async () => {
    b = await testBackend()
    const c = await community(b)
    const v = await b.ok('volunteers.create', volunteer({ name: '陈医生' }))
    const late = await b.ok('help.create', request({ residentId: c.grandma.id, type: 'medicine', content: '代配降压药', wantedBy: wallClock(b, -60) }))
    const done = await b.ok('help.create', request({ callerName: '赵先生', callerPhone: '13912345678', channel: 'wechat', content: '买菜' }))
    await b.ok('help.act', { id: done.id, action: 'assign', volunteerId: v.id, note: '' })
    await b.ok('help.money', { id: done.id, kind: 'advance', yuan: 35.5, receiptNo: 'A1', note: '' })
    await b.ok('help.money', { id: done.id, kind: 'repay', yuan: 20, method: 'wechat', note: '' })
    await b.ok('help.act', { id: done.id, action: 'finish', note: '已送到' })
    await b.ok('help.act', { id: done.id, action: 'follow_up', satisfied: true, note: '很好' })

    const file = await b.ok('help.export', {})
    expect(file.fileName).toBe(`居民求助登记表-${localIsoDate(b.clock.now())}.xlsx`)
    const sheet = await sheetOf(file.bytes)
    expect(sheet.getCell('A1').value).toContain('居民求助登记表')
    expect(String(sheet.getCell('A2').value)).toContain('共 2 件')
    expect(rowValues(sheet, 4)).toEqual([
      '序号',
      '登记时间',
      '求助人',
      '重点人群',
      '联系电话',
      '地址',
      '网格',
      '渠道',
      '类型',
      '紧急程度',
      '求助内容',
      '要求完成',
      '状态',
      '志愿者',
      '办理结果或原因',
      '回访',
      '代购垫付(元)',
      '已还(元)',
      '登记人'
    ])
    // The overdue request first, in red; its times are the office's wall clock as real Excel dates.
    const first = rowValues(sheet, 5)
    expect(first.slice(0, 1)).toEqual([1])
    expect(sheet.getCell('B5').value).toEqual(wallClockCell(b.clock.now()))
    expect(first.slice(2, 11)).toEqual([
      '刘奶奶',
      '独居老人、高龄',
      '138****5678',
      expect.stringContaining('3栋'),
      '甲网格',
      '电话',
      '药品代购/代配',
      '一般',
      '代配降压药'
    ])
    expect(sheet.getCell('L5').value).toEqual(wallClockCell(late.wantedBy ?? ''))
    expect(sheet.getCell('M5').value).toBe('待分配（超时）')
    expect(sheet.getCell('A5').font?.color?.argb).toBe('FFC00000')
    const second = rowValues(sheet, 6)
    expect(second.slice(2, 5)).toEqual(['赵先生', undefined, '139****5678'])
    expect(second.slice(12, 19)).toEqual(['已完成', '陈医生', '已送到', '满意：很好', 35.5, 20, '本机'])
    expect(sheet.getCell('Q6').numFmt).toBe('0.00')
    expect(sheet.getCell('A6').font?.color?.argb).not.toBe('FFC00000')

    const audit = b.store.all<{ summary: string; detail: string }>("SELECT summary, detail FROM audit_log WHERE method = 'help.export'")
    expect(audit.map((a) => a.summary)).toEqual(['导出居民求助登记表，2 件'])
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({ source: 'help', rows: 2, full: false, format: 'xlsx' })
  })

  it('follows the desk’s filters and the caller’s grids; 只读 (no data.export) and 卡口值守 may not export', async () => {
    b = await testBackend()
    const admin = await setupAdmin(b)
    const c = await community(b)
    await b.ok('help.create', request({ residentId: c.grandma.id, type: 'medicine' }))
    await b.ok('help.create', request({ residentId: c.grandpa.id }))
    const medicine = await sheetOf((await b.ok('help.export', { type: 'medicine', openOnly: true })).bytes)
    expect(String(medicine.getCell('A2').value)).toContain('筛选：未办结，类型 药品代购/代配')
    expect(medicine.getCell('C5').value).toBe('刘奶奶')
    expect(medicine.getCell('C6').value).toBeNull()
    const worker = await b.call('help.export', {}, workerOf(c.other.grid.id))
    const theirs = await sheetOf((worker as { data: { bytes: Uint8Array } }).data.bytes)
    expect([theirs.getCell('C5').value, theirs.getCell('C6').value]).toEqual(['王大爷', null])
    for (const role of ['readonly', 'gate'] as const) {
      const caller = await loginAs(b, admin, `u-${role}`, role)
      expect(fail(await caller.call('help.export', {}))).toMatchObject({ code: 'FORBIDDEN' })
    }
    expect(fail(await b.call('help.export', { page: 2 }))).toMatchObject({ code: 'BAD_ARGS' })
  })
})

describe('求助台账 paging across open and closed requests', () => {
  it('pages through overdue, open by urgency, then closed newest first, without a gap or a repeat', async () => {
    b = await testBackend()
    const c = await community(b)
    const made: Record<string, number> = {}
    for (const [name, extra] of [
      ['closedOld', {}],
      ['normal', {}],
      ['life', { urgency: 'life' as const }],
      ['closedNew', {}],
      ['late', { wantedBy: wallClock(b, -10) }]
    ] as const) {
      made[name] = (await b.ok('help.create', request({ residentId: c.grandma.id, content: name, ...extra }))).id
    }
    for (const name of ['closedOld', 'closedNew']) await b.ok('help.act', { id: made[name] ?? 0, action: 'cancel', note: '不需要了' })
    const order: string[] = []
    for (let page = 1; page <= 3; page++) {
      const found = await b.ok('help.list', { page, pageSize: 2 })
      expect(found.total).toBe(5)
      order.push(...found.rows.map((r) => r.content))
    }
    expect(order).toEqual(['late', 'life', 'normal', 'closedNew', 'closedOld'])
    expect((await b.ok('help.list', { page: 4, pageSize: 2 })).rows).toEqual([])
  })
})
