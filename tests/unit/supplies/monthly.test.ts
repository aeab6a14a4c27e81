import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { fail, issue, item, receipt } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

const DAY = 86_400_000

describe('monthly summary (物资台账)', () => {
  it('gives opening, in, out, adjustment, loss and closing per item, balancing to the unit, and exports them', async () => {
    b = await testBackend()
    await b.ok('settings.update', { communityName: '幸福里社区' })
    const masks = await b.ok('supplies.saveItem', item())
    const gel = await b.ok('supplies.saveItem', item({ name: '免洗洗手液', category: 'disinfectant', spec: '500ml', unit: '瓶' }))
    // February (clock starts 2026-02-03).
    await b.ok('supplies.receive', receipt(masks.id, 1000))
    await b.ok('supplies.issue', issue(masks.id, 120))
    b.clock.advance(30 * DAY) // 2026-03-05
    await b.ok('supplies.receive', receipt(masks.id, 500, { source: 'donation', counterpartName: '爱心企业' }))
    const wrong = await b.ok('supplies.issue', issue(masks.id, 200))
    await b.ok('supplies.reverse', { refNo: wrong.refNo, reason: '重复登记' })
    await b.ok('supplies.issue', issue(masks.id, 150))
    await b.ok('supplies.count', { itemId: masks.id, counted: 1227, note: '' })
    await b.ok('supplies.loss', { itemId: masks.id, quantity: 7, reason: '破损' })
    await b.ok('supplies.receive', receipt(gel.id, 30))
    b.clock.advance(30 * DAY) // 2026-04-04
    await b.ok('supplies.issue', issue(masks.id, 20))

    const march = await b.ok('supplies.monthly', { month: '2026-03' })
    expect(march.rows.map((r) => [r.name, r.opening, r.received, r.issued, r.adjusted, r.lost, r.closing])).toEqual([
      ['一次性医用口罩', 880, 500, 150, -3, 7, 1220],
      ['免洗洗手液', 0, 30, 0, 0, 0, 30]
    ])
    const feb = await b.ok('supplies.monthly', { month: '2026-02' })
    expect(feb.rows).toMatchObject([{ name: '一次性医用口罩', opening: 0, received: 1000, issued: 120, closing: 880 }])
    expect((await b.ok('supplies.monthly', { month: '2026-04' })).rows[0]).toMatchObject({ opening: 1220, issued: 20, closing: 1200 })
    expect((await b.ok('supplies.monthly', { month: '2026-01' })).rows).toEqual([])
    expect(await fail(b, 'supplies.monthly', { month: '2026-13' })).toMatchObject({
      code: 'BAD_ARGS',
      message: '填写的内容有误（month）：月份格式应为 YYYY-MM'
    })

    const auditBefore = b.count('audit_log')
    const file = await b.ok('supplies.exportMonthly', { month: '2026-03' })
    expect(file.fileName).toBe('物资台账-2026年03月.xlsx')
    expect(b.count('audit_log')).toBe(auditBefore + 1)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer)
    const sheet = workbook.getWorksheet('物资台账')!
    expect(sheet.getCell('A1').value).toBe('幸福里社区物资台账（2026年3月）')
    expect(String(sheet.getCell('A2').value)).toContain('填报单位：幸福里社区')
    expect(String(sheet.getCell('A3').value)).toMatch(/^仅限疫情防控工作使用 导出人：本机 时间：/)
    expect(sheet.getRow(4).values).toEqual([
      undefined,
      '序号',
      '物资名称',
      '类别',
      '规格',
      '单位',
      '期初库存',
      '本月入库',
      '本月出库',
      '盘点调整',
      '报损',
      '期末库存',
      '其中可用',
      '其中已过期'
    ])
    expect((sheet.getRow(5).values as unknown[]).slice(1)).toEqual([1, '一次性医用口罩', '防护用品', '17.5×9.5cm', '个', 880, 500, 150, -3, 7, 1220, 1220, 0])
    expect(sheet.getCell('B5').numFmt).toBe('@')
    const detail = workbook.getWorksheet('出入库明细')!
    // 5 lines for masks and 1 for the gel in March, below the 4 header rows.
    expect(detail.rowCount).toBe(4 + 7)
    expect(detail.getCell('D7').value).toBe('出库（冲正）')
  })
})
