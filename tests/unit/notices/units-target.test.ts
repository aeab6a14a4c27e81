import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { workerOf } from '../register/fixtures'
import { shop } from '../units/helpers'
import { fail, notice, noticeCounts, okAs, TODAY, town } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

/**
 * town()'s grids with shops: 甲网格 (3栋) 好邻居便利店 and a closed shop, 乙网格 (5栋) 川味小馆
 * (餐饮) and 老街理发; the households of town() are there too, and must never join a unit notice.
 */
async function shops(b: TestBackend) {
  const t = await town(b)
  const store = await b.ok('units.create', shop())
  const closed = await b.ok('units.create', shop({ name: '已关门的店', door: '底商 9 号' }))
  await b.ok('units.setStatus', { id: closed.id, status: 'closed', note: '' })
  const diner = await b.ok('units.create', shop({ name: '川味小馆', kind: 'catering', building: '5栋', door: '底商 1 号' }))
  const barber = await b.ok('units.create', shop({ name: '老街理发', building: '5栋', door: '底商 3 号', managerPhone: '13811112222' }))
  return { ...t, store, closed, diner, barber }
}

const figures = async (day: string) => {
  const report = await b.ok('report.day', { day })
  const lines = report.sections.find((s) => s.group === 'notices')?.lines ?? []
  return Object.fromEntries(lines.map((l) => [l.key, [l.value, l.unit]]))
}

describe('通知公告 to 商铺单位', () => {
  it('snapshots the targeted units (not households, not closed ones) and marks them one by one, progress per grid', async () => {
    b = await testBackend()
    const s = await shops(b)
    const n = await b.ok('notices.create', notice({ target: { kind: 'units', gridIds: [], unitKinds: [] } }))
    expect(n).toMatchObject({ audience: 'units', targetKind: 'community', targetLabel: '商铺单位（全部）', door: { targeted: 3, pending: 3 } })
    expect(b.count('notice_households')).toBe(0)
    const page = await b.ok('notices.unitChecklist', { id: n.id })
    expect(page.rows.map((r) => [r.name, r.kindLabel, r.gridName, r.managerName, r.phone])).toEqual([
      ['好邻居便利店', '沿街商铺', '甲网格', '陈老板', '139****5678'],
      ['川味小馆', '餐饮', '乙网格', '陈老板', '139****5678'],
      ['老街理发', '沿街商铺', '乙网格', '陈老板', '138****2222']
    ])
    const done = await b.ok('notices.markUnits', { id: n.id, unitIds: [s.diner.id], outcome: 'reached', how: 'in_person', note: '' })
    expect(done).toEqual({ marked: 1, progress: { targeted: 3, reached: 1, unreachable: 0, pending: 2 } })
    await b.ok('notices.markUnits', { id: n.id, unitIds: [s.barber.id], outcome: 'unreachable', how: null, note: '卷帘门关着' })
    const detail = await b.ok('notices.get', { id: n.id })
    expect(detail.progress.map((g) => [g.gridName, g.targeted, g.reached, g.unreachable, g.pending])).toEqual([
      ['乙网格', 2, 1, 1, 0],
      ['甲网格', 1, 0, 0, 1]
    ])
    expect((await b.ok('notices.unitChecklist', { id: n.id, outcome: 'pending' })).rows.map((r) => r.name)).toEqual(['好邻居便利店'])
    expect((await b.ok('notices.unitChecklist', { id: n.id, q: '理发' })).rows.map((r) => [r.name, r.outcome, r.note, r.markedBy])).toEqual([
      ['老街理发', 'unreachable', '卷帘门关着', '本机']
    ])
    const audit = b.store.get<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'notices.markUnits' ORDER BY id LIMIT 1")
    expect(audit?.summary).toBe('入户告知“关于减少外出的通知”：1 家标记为已告知（当面）')
    // A shop moved to another grid is marked by that grid's worker from then on (its row follows, as a household's does).
    await b.ok('units.update', { ...shop(), id: s.store.id, building: '5栋', managerPhone: '' })
    expect((await b.ok('notices.get', { id: n.id })).progress.map((g) => [g.gridName, g.targeted])).toEqual([['乙网格', 3]])
    // A shop registered later does not join: the denominator is fixed at publishing.
    await b.ok('units.create', shop({ name: '新开的店', door: '底商 5 号' }))
    expect((await b.ok('notices.get', { id: n.id })).door?.targeted).toBe(3)
  })

  it('targets the units of chosen grids and of chosen kinds, labelled so; grid workers see and mark only their grids’ units', async () => {
    b = await testBackend()
    const s = await shops(b)
    const byGrid = await b.ok('notices.create', notice({ target: { kind: 'units', gridIds: [s.other.id], unitKinds: [] } }))
    expect(byGrid).toMatchObject({ targetKind: 'grids', targetLabel: '商铺单位（乙网格）', door: { targeted: 2 } })
    const byKind = await b.ok('notices.create', notice({ target: { kind: 'units', gridIds: [], unitKinds: ['catering'] } }))
    expect(byKind).toMatchObject({ targetLabel: '商铺单位（餐饮）', door: { targeted: 1 } })
    const both = await b.ok('notices.create', notice({ target: { kind: 'units', gridIds: [s.a.id, s.other.id], unitKinds: ['street_shop'] } }))
    expect(both.targetLabel).toBe('商铺单位（甲网格、乙网格；沿街商铺）')
    expect((await b.ok('notices.unitChecklist', { id: both.id })).rows.map((r) => r.name)).toEqual(['好邻居便利店', '老街理发'])
    // 甲网格's worker: the 乙网格-only notice is not theirs at all; on the others only their shop.
    const worker = workerOf(s.a.id)
    expect(fail(await b.call('notices.unitChecklist', { id: byGrid.id }, worker))).toMatchObject({ code: 'NOT_FOUND' })
    const theirs = await okAs(b, 'notices.unitChecklist', { id: both.id }, worker)
    expect(theirs).toMatchObject({ total: 1, rows: [{ name: '好邻居便利店' }] })
    expect(fail(await b.call('notices.markUnits', { id: both.id, unitIds: [s.barber.id], outcome: 'reached', how: 'phone', note: '' }, worker))).toMatchObject({
      code: 'NOT_FOUND',
      details: { issues: [{ path: 'unitIds.0', message: '单位不存在' }] }
    })
    expect(await okAs(b, 'notices.markUnits', { id: both.id, unitIds: [s.store.id], outcome: 'reached', how: 'door_note', note: '' }, worker)).toEqual({
      marked: 1,
      progress: { targeted: 1, reached: 1, unreachable: 0, pending: 0 }
    })
    const sheets = await okAs(b, 'notices.sheets', { id: both.id }, worker)
    expect(sheets.sheets).toEqual([])
    expect(sheets.unitSheets.map((sheet) => [sheet.gridName, sheet.rows.map((r) => [r.name, r.outcome, r.how])])).toEqual([
      ['甲网格', [['好邻居便利店', 'reached', 'door_note']]]
    ])
  })

  it('refuses bad input in Chinese and writes nothing', async () => {
    b = await testBackend()
    const s = await shops(b)
    const before = noticeCounts(b)
    const refused = async (args: Parameters<typeof notice>[0], message: string) => {
      const error = fail(await b.call('notices.create', notice(args)))
      expect(error?.message).toContain(message)
      expect(noticeCounts(b)).toEqual(before)
      expect(b.count('notice_units')).toBe(0)
    }
    await refused({ target: { kind: 'units', gridIds: [9999], unitKinds: [] } }, '所选的网格（编号 9999）不存在')
    await refused({ target: { kind: 'units', gridIds: [], unitKinds: ['school'] } }, '内没有登记的商铺单位（已关闭的不算）')
    const error = fail(await b.call('notices.create', notice({ target: { kind: 'units', gridIds: [], unitKinds: ['bakery' as never] } })))
    expect(error).toMatchObject({ code: 'BAD_ARGS', message: expect.stringContaining('请选择单位类别') })
    const n = await b.ok('notices.create', notice({ target: { kind: 'units', gridIds: [s.other.id], unitKinds: [] } }))
    const marked = () => b.store.get<{ n: number }>("SELECT COUNT(*) AS n FROM notice_units WHERE outcome <> 'pending'")?.n
    // A unit of the caller's grids the notice did not list: refused by name, and the listed one in the same call is not marked.
    expect(fail(await b.call('notices.markUnits', { id: n.id, unitIds: [s.diner.id, s.store.id], outcome: 'reached', how: 'phone', note: '' }))).toMatchObject({
      code: 'RULE_VIOLATION',
      message: '好邻居便利店 不在这条通知的告知范围内，不能标记。'
    })
    expect(marked()).toBe(0)
    expect(fail(await b.call('notices.markUnits', { id: n.id, unitIds: [s.diner.id], outcome: 'reached', how: null, note: '' }))).toMatchObject({
      details: { issues: [{ path: 'how', message: '请选择告知方式：当面、门贴或电话' }] }
    })
    // The households' method on a unit notice, and the units' on a household one, say which list to use.
    expect(fail(await b.call('notices.mark', { id: n.id, householdIds: [s.b101.id], outcome: 'reached', how: 'phone', note: '' }))?.message).toBe(
      '这条通知告知的是商铺单位，请在它的商铺单位清单上标记。'
    )
    const toHouseholds = await b.ok('notices.create', notice({ target: { kind: 'grids', gridIds: [s.other.id] } }))
    expect(fail(await b.call('notices.markUnits', { id: toHouseholds.id, unitIds: [s.diner.id], outcome: 'reached', how: 'phone', note: '' }))?.message).toBe(
      '这条通知告知的是住户，请在它的住户清单上标记。'
    )
    expect(marked()).toBe(0)
  })

  it('counts units apart from households in the daily report (家) and in their own columns of the 宣传台账', async () => {
    b = await testBackend()
    const s = await shops(b)
    const toUnits = await b.ok('notices.create', notice({ title: '致沿街商户的通知', target: { kind: 'units', gridIds: [], unitKinds: [] } }))
    const toHouseholds = await b.ok('notices.create', notice({ target: { kind: 'buildings', buildingIds: [s.building3] } }))
    await b.ok('notices.markUnits', { id: toUnits.id, unitIds: [s.store.id, s.diner.id], outcome: 'reached', how: 'in_person', note: '' })
    await b.ok('notices.markUnits', { id: toUnits.id, unitIds: [s.barber.id], outcome: 'unreachable', how: null, note: '' })
    await b.ok('notices.mark', { id: toHouseholds.id, householdIds: [s.a101.id], outcome: 'reached', how: 'phone', note: '' })
    expect(await figures(TODAY)).toEqual({
      'notices.published': [2, '条'],
      'notices.reachedToday': [1, '户'],
      'notices.targeted': [3, '户'],
      'notices.reached': [1, '户'],
      'notices.unitsReachedToday': [2, '家'],
      'notices.unitsTargeted': [3, '家'],
      'notices.unitsReached': [2, '家']
    })
    b.clock.advance(24 * 3600_000)
    await b.ok('notices.markUnits', { id: toUnits.id, unitIds: [s.barber.id], outcome: 'reached', how: 'phone', note: '' })
    expect(await figures('2026-02-04')).toMatchObject({ 'notices.unitsReachedToday': [1, '家'], 'notices.unitsReached': [3, '家'] })
    expect(await figures(TODAY)).toMatchObject({ 'notices.unitsReached': [2, '家'] })

    const file = await b.ok('notices.export', { from: '2026-02-01', to: '2026-02-28' })
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer)
    const sheet = book.getWorksheet('宣传台账')!
    const cells = (row: number) => ['C', 'F', 'J', 'K', 'L', 'M', 'N', 'O'].map((col) => sheet.getCell(`${col}${row}`).value)
    expect(sheet.getCell('M4').value).toBe('入户目标单位数')
    expect(cells(5)).toEqual(['致沿街商户的通知', '商铺单位（全部）', null, null, null, 3, 3, 0])
    expect(cells(6)).toEqual(['关于减少外出的通知', '幸福里小区 3栋', 3, 1, 0, null, null, null])
  })
})
