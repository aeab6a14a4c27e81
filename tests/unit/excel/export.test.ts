import { afterEach, describe, expect, it } from 'vitest'
import type { ResidentDetail } from '../../../shared/contract'
import type { Envelope } from '../../../shared/errors'
import { household, makeId, resident, workerOf } from '../register/fixtures'
import type { TestBackend } from '../support/backend'
import { setupAdmin } from '../support/backend'
import { excelBackend, readBack } from './support'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

const ZHANG = makeId('19800101', '123')

async function seed() {
  await setupAdmin(b)
  const h = await b.ok('households.create', household())
  await b.ok(
    'residents.create',
    resident({
      name: '张三',
      idNumber: ZHANG,
      householdId: h.id,
      relation: 'head',
      tags: ['chronic', 'hardship'],
      notes: '=HYPERLINK("http://x")',
      birthDate: null
    })
  )
  await b.ok(
    'residents.create',
    resident({ name: '李四', idNumber: makeId('19900215', '124'), phones: ['13998764321', '0371-65551234'], householdId: h.id, relation: 'spouse' })
  )
  return h
}

describe('excel export: lists and report templates', () => {
  it('exports a list masked, with Chinese headers, text IDs and phones, real dates, a frozen header and the notice', async () => {
    b = await excelBackend()
    await seed()
    const file = await b.ok('excel.exportList', { list: 'residents', filter: { q: '张' } })
    expect(file.fileName).toBe('居民名单-2026-02-03.xlsx')
    const ws = (await readBack(file.bytes)).worksheets[0]
    expect(ws?.getCell('A1').value).toBe('幸福里社区居民名单')
    expect(String(ws?.getCell('A3').value)).toMatch(/^仅限疫情防控工作使用 导出人：本机/)
    expect((ws?.getRow(4).values as unknown[]).slice(1, 8)).toEqual(['姓名', '性别', '出生日期', '年龄', '证件类型', '证件号码', '联系电话'])
    expect(ws?.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 })
    expect(ws?.getCell('F5').value).toBe(`110101********${ZHANG.slice(-4)}`)
    expect(ws?.getCell('F5').numFmt).toBe('@')
    // Masked: the birth year only (with region and last 4 the date is the whole ID), age by year.
    expect(ws?.getCell('C5').value).toBe('1980年')
    expect(ws?.getCell('D5').value).toBe(46)
    expect(ws?.getCell('M5').value).toBe('=HYPERLINK("http://x")')
    expect(ws?.getCell('M5').formula).toBeUndefined()
    expect(ws?.rowCount).toBe(5)
    const audit = b.store.all<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'excel.exportList'")
    expect(audit[0]?.summary).toBe('导出居民名单 1 条（号码已遮盖）')
  })

  it('full numbers need data.exportFull and a reason, which is audited; CSV prefixes formula-like cells', async () => {
    b = await excelBackend()
    await seed()
    const staff = { accountId: 9, actor: '只读员', permissions: new Set(['data.export'] as const), gridScope: 'all' as const }
    const denied = (await b.call('excel.exportListFull', { list: 'residents', filter: {}, reason: '街道核对' }, staff)) as Envelope<unknown>
    expect(denied.ok ? '' : denied.error.code).toBe('FORBIDDEN')
    const noReason = (await b.call('excel.exportListFull', { list: 'residents', filter: {}, reason: ' ' })) as Envelope<unknown>
    expect(noReason.ok ? '' : noReason.error.message).toContain('原因')
    const csv = await b.ok('excel.exportListFull', { list: 'residents', filter: {}, reason: '街道核对', format: 'csv' })
    const text = new TextDecoder().decode(csv.bytes)
    expect(text).toContain(ZHANG)
    // A full export has the birth date beside the full number, and the age in completed years.
    expect(text).toContain('张三,男,1980-01-01,46,')
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`)
    const audit = b.store.all<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'excel.exportListFull'")
    expect(audit[0]?.summary).toBe('导出居民名单 2 条（完整号码），原因：街道核对')
  })

  it('respects grid scope: a grid worker exports only their own grids', async () => {
    b = await excelBackend()
    await seed()
    const g = await b.ok('grids.create', { name: '第二网格', notes: '', leader: null, workers: [] })
    const file = await b.ok('excel.exportList', { list: 'households', filter: {} })
    expect((await readBack(file.bytes)).worksheets[0]?.rowCount).toBe(5)
    const scoped = (await b.call('excel.exportList', { list: 'residents', filter: {} }, workerOf(g.id))) as Envelope<{ bytes: Uint8Array }>
    if (!scoped.ok) throw new Error(scoped.error.message)
    expect((await readBack(scoped.data.bytes)).worksheets[0]?.rowCount).toBe(4)
  })

  it('export with full numbers, then import into an empty register: nothing lost', async () => {
    b = await excelBackend()
    await seed()
    const before = await b.ok('residents.list', {})
    const file = await b.ok('excel.exportListFull', { list: 'residents', filter: {}, reason: '迁移' })
    const revealed = await Promise.all(before.rows.map((r) => b.ok('residents.reveal', { id: r.id })))
    const details = await Promise.all(before.rows.map((r) => b.ok('residents.get', { id: r.id })))
    await b.close()
    b = await excelBackend()
    const p = await b.ok('excel.preview', { target: 'residents', fileName: file.fileName, bytes: new Uint8Array(file.bytes) })
    const summary = await b.ok('excel.commit', {
      stagingId: p.stagingId,
      sheet: p.sheet,
      headerStart: p.headerStart,
      headerEnd: p.headerEnd,
      mapping: p.columns.map((c) => c.field),
      onExisting: 'skip'
    })
    expect(summary).toMatchObject({ created: 2, errors: 0 })
    const after = await b.ok('residents.list', {})
    const strip = (r: ResidentDetail) => ({ ...r, id: 0, householdId: 0, gridId: null, createdAt: '', updatedAt: '' })
    const afterDetails = await Promise.all(after.rows.map((r) => b.ok('residents.get', { id: r.id })))
    expect(afterDetails.map(strip)).toEqual(details.map(strip))
    const again = await Promise.all(after.rows.map((r) => b.ok('residents.reveal', { id: r.id })))
    expect(again.map((r) => [r.idNumber, r.phones])).toEqual(revealed.map((r) => [r.idNumber, r.phones]))
  })

  it("fills the built-in 居民花名册 keeping its merges and header block, with today's date", async () => {
    b = await excelBackend()
    await seed()
    const list = await b.ok('excel.templates', {})
    expect(list.map((t) => t.name)).toEqual(['返程人员排查登记表', '居民花名册', '居家观察台账'])
    const roster = list[1]
    expect(roster?.mapping.slice(0, 6)).toEqual(['seq', 'name', 'sex', 'birthDate', 'idNumber', 'phone'])
    const file = await b.ok('excel.fillTemplate', { templateId: 'builtin:residents-roster', filter: {} })
    const ws = (await readBack(file.bytes)).worksheets[0]
    expect(ws?.getCell('A1').value).toBe('幸福里社区居民花名册')
    expect(String(ws?.getCell('A2').value)).toContain('填报单位：幸福里社区')
    expect(String(ws?.getCell('G2').value)).toContain('填报日期：2026年2月3日')
    expect(ws?.model.merges).toEqual(expect.arrayContaining(['A1:K1', 'B4:E4', 'A4:A5']))
    expect([ws?.getCell('A6').value, ws?.getCell('B6').value, ws?.getCell('A7').value]).toEqual([1, '张三', 2])
    expect(ws?.getCell('B6').border?.left?.style).toBe('thin')
    expect(String(ws?.getCell('A9').value)).toContain('仅限疫情防控工作使用')
    const returnee = await b.ok('excel.fillTemplate', { templateId: 'builtin:returnee-check', filter: {} })
    const rs = (await readBack(returnee.bytes)).worksheets[0]
    expect(rs?.getCell('A1').value).toBe('幸福里社区返程人员排查登记表')
    // It is filled from the returnee trips now (tests/unit/excel/returnee-template.test.ts): none registered here.
    expect(rs?.getCell('B6').value).toBeNull()
  })

  it('registers a street-office template with a sign-off block under the table and fills it', async () => {
    b = await excelBackend()
    await seed()
    const ExcelJS = (await import('exceljs')).default
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('日报')
    ws.mergeCells('A1:D1')
    ws.getCell('A1').value = '××社区每日排查表'
    ws.getRow(2).values = ['序号', '姓名', '身份证号', '联系电话']
    ws.mergeCells('A4:B4')
    ws.getCell('A4').value = '签发人：'
    ws.getCell('C4').value = '填报日期：'
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer)
    const inspected = await b.ok('excel.inspectTemplate', { fileName: '日报.xlsx', bytes })
    expect([inspected.headerStart, inspected.headerEnd]).toEqual([2, 2])
    const t = await b.ok('excel.registerTemplate', {
      name: '每日排查表',
      list: 'residents',
      fileName: '日报.xlsx',
      bytes,
      sheet: inspected.sheet,
      headerStart: 2,
      headerEnd: 2,
      mapping: inspected.columns.map((c) => c.field)
    })
    const file = await b.ok('excel.fillTemplate', { templateId: t.id, filter: {} })
    const out = (await readBack(file.bytes)).worksheets[0]
    expect([out?.getCell('B3').value, out?.getCell('B4').value]).toEqual(['张三', '李四'])
    expect(out?.getCell('A6').value).toBe('签发人：')
    expect(out?.getCell('C6').value).toBe('填报日期：2026年2月3日')
    expect(out?.model.merges).toContain('A6:B6')
  })
})
