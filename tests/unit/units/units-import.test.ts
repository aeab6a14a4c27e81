import { afterEach, describe, expect, it } from 'vitest'
import type { ImportPreview, MethodArgs } from '../../../shared/contract'
import { workbook } from '../excel/support'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { community, fail, outsider, shop, unitCounts, worker } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

const HEADER = ['序号', '单位名称', '姓名', '日期', '上午体温', '下午体温']

async function preview(rows: unknown[][]): Promise<ImportPreview> {
  const bytes = await workbook({ name: '员工健康登记', merges: ['A1:F1'], rows: [['好邻居便利店员工健康登记表'], HEADER, ...rows] })
  return b.ok('excel.preview', { target: 'unitChecks', fileName: '员工健康登记.xlsx', bytes })
}

function checkArgs(p: ImportPreview): MethodArgs<'excel.check'> {
  return {
    stagingId: p.stagingId,
    sheet: p.sheet,
    headerStart: p.headerStart,
    headerEnd: p.headerEnd,
    mapping: p.columns.map((c) => c.field),
    onExisting: 'fillEmpty'
  }
}

async function setUp() {
  b = await testBackend()
  const c = await community(b)
  const u = await b.ok('units.create', shop())
  await b.ok('units.addWorker', worker(u.id, { residentId: c.zhang.id }))
  await b.ok('units.addWorker', worker(u.id, { outsider: outsider() }))
  return u
}

describe('员工健康登记: a unit’s daily sheet through the Excel import', () => {
  it('maps the headers by their synonyms, checks each row with its reason, and saves the day’s readings in one go', async () => {
    const u = await setUp()
    const p = await preview([
      [1, '好邻居便利店', '张三', '2026-02-03', 36.5, '36.7'],
      [2, '好邻居便利店', '李外地', '2026/2/3', '375', ''],
      [3, '好邻居便利店', '赵六', '2026-02-03', 36.5, ''],
      [4, '不存在的店', '张三', '2026-02-03', 36.5, ''],
      [5, '好邻居便利店', '张三', '2026-02-04', 36.5, ''],
      [6, '好邻居便利店', '李外地', '2026-02-02', '发烧', '']
    ])
    expect(p.columns.map((c) => c.field)).toEqual([null, 'unitName', 'name', 'lastCheckDay', 'morning', 'evening'])
    const check = await b.ok('excel.check', checkArgs(p))
    expect(check.counts).toMatchObject({ new: 2, error: 4 })
    const reasons = Object.fromEntries(check.rows.filter((r) => r.status === 'error').map((r) => [r.row, r.errors.map((e) => e.message).join(' ')]))
    expect(reasons).toEqual({
      5: '好邻居便利店没有名为“赵六”的在册从业人员，请先登记',
      6: '找不到单位“不存在的店”，请先在商铺单位台账中登记，或核对名称',
      7: '日期 2026-02-04 晚于今天，请核对',
      8: '上午体温“发烧”不是体温数字'
    })
    expect(check.notices).toEqual([{ level: 'alert', text: '体温异常 1 人：李外地，导入后请立即跟进。' }])
    const before = unitCounts(b)
    await b.ok('excel.commit', checkArgs(p))
    expect(b.count('unit_checks')).toBe((before.unit_checks ?? 0) + 2)
    const day = await b.ok('units.checks', { unitId: u.id, day: '2026-02-03' })
    expect(day.map((r) => [r.name, r.am, r.pm, r.health])).toEqual([
      ['张三', 36.5, 36.7, 'normal'],
      ['李外地', 37.5, null, 'abnormal']
    ])
  })

  it('a unit outside a grid worker’s grids is as unknown to their import as a missing one', async () => {
    await setUp()
    const other = { accountId: 9, actor: '网格员乙', permissions: 'all' as const, gridScope: [987] }
    const bytes = await workbook({ name: '员工健康登记', rows: [HEADER, [1, '好邻居便利店', '张三', '2026-02-03', 36.5, '']] })
    const previewed = await b.call('excel.preview', { target: 'unitChecks', fileName: '员工健康登记.xlsx', bytes }, other)
    if (!previewed.ok) throw new Error(previewed.error.message)
    const p = previewed.data as ImportPreview
    const answer = await b.call('excel.check', checkArgs(p), other)
    if (!answer.ok) throw new Error(answer.error.message)
    expect(JSON.stringify(answer.data)).toContain('找不到单位“好邻居便利店”')
    expect(fail(await b.call('units.get', { id: 1 }, other))).toMatchObject({ code: 'NOT_FOUND' })
  })
})
