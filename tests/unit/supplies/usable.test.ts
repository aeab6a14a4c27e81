import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { wallClock } from '../../../electron/backend/disinfection/schedule'
import { stockSplitOn } from '../../../electron/backend/supplies/supplies.service'
import { expiryStatus, isExpired } from '../../../shared/domain/supplies'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { fail, issue, item, ledgerProblems, receipt, suppliesCounts } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

const DAY = 86_400_000
// The clock starts 2026-02-03 (16:00 in Beijing, 08:00 UTC: the same day under either TZ).
const gelItem = item({ name: '84消毒液', category: 'disinfectant', spec: '500ml', unit: '瓶', hasBatches: true, warningLevel: 7050 })

describe('the usable / expired rule', () => {
  it('is one comparison: usable through the expiry day, expired from the day after, soon within 30 days', () => {
    expect(isExpired('2026-02-03', '2026-02-03')).toBe(false)
    expect(isExpired('2026-02-02', '2026-02-03')).toBe(true)
    expect(expiryStatus('2026-03-05', '2026-02-03')).toBe('soon')
    expect(expiryStatus('2026-03-06', '2026-02-03')).toBe('ok')
    expect(expiryStatus('2026-01-31', '2026-02-03')).toBe('expired')
  })
})

describe('an expired batch received (the 7100 including 100 expired of the issue)', () => {
  it('is refused until confirmed, then counted apart from usable stock in every total', async () => {
    b = await testBackend()
    await b.ok('settings.update', { communityName: '幸福里社区' })
    const gel = await b.ok('supplies.saveItem', gelItem)
    const good = await b.ok('supplies.receive', receipt(gel.id, 7000, { batchNo: 'B-GOOD', expiryDate: '2026-12-31' }))
    expect(good.warnings).toEqual([])

    const before = suppliesCounts(b)
    const refused = await fail(b, 'supplies.receive', receipt(gel.id, 100, { batchNo: 'B-OLD', expiryDate: '2026-01-31' }))
    expect(refused).toMatchObject({ code: 'RULE_VIOLATION', details: { expired: true, issues: [{ path: 'confirmExpired' }] } })
    expect(refused.message).toContain('批号 B-OLD 已于 2026-01-31 过期')
    expect(suppliesCounts(b)).toEqual(before)

    const old = await b.ok('supplies.receive', receipt(gel.id, 100, { batchNo: 'B-OLD', expiryDate: '2026-01-31', confirmExpired: true }))
    expect(old.stock).toBe(7100)
    expect(old.warnings).toEqual(['批号 B-OLD 已过期（有效期至 2026-01-31），已记入“已过期”库存，不计入可用库存，请尽快报损。'])
    const audit = b.store.get<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'supplies.receive' ORDER BY id DESC LIMIT 1")
    expect(audit?.summary).toContain('已过期')

    // Stock tab and item drawer.
    const [view] = await b.ok('supplies.items', {})
    expect(view).toMatchObject({ stock: 7100, usable: 7000, expired: 100, low: true })
    // Batches (drawer, home alerts).
    expect((await b.ok('supplies.batches', {})).map((x) => [x.batchNo, x.status, x.stock])).toEqual([['B-OLD', 'expired', 100]])
    // Monthly report and its export.
    const feb = await b.ok('supplies.monthly', { month: '2026-02' })
    expect(feb.asOf).toBe('2026-02-03')
    expect(feb.rows[0]).toMatchObject({ closing: 7100, closingUsable: 7000, closingExpired: 100 })
    const file = await b.ok('supplies.exportMonthly', { month: '2026-02' })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer)
    const row = (workbook.getWorksheet('物资台账')!.getRow(5).values as unknown[]).slice(1)
    expect(row.slice(-3)).toEqual([7100, 7000, 100])
    // The daily report's entry point: the same split for any day.
    expect(stockSplitOn(b.store, '2026-02-03').get(gel.id)).toEqual({ stock: 7100, usable: 7000, expired: 100 })
    // Issues never take it.
    const out = await b.ok('supplies.issue', issue(gel.id, 7000))
    expect(out.lines.map((l) => l.batchNo)).toEqual(['B-GOOD'])
    expect((await fail(b, 'supplies.issue', issue(gel.id, 1))).message).toContain('另有已过期 100 瓶 不能发放')
    expect(ledgerProblems(b)).toEqual([])
  })

  it('warns of a batch expiring within 30 days, and moves it to expired once its day has passed, past months included', async () => {
    b = await testBackend()
    const gel = await b.ok('supplies.saveItem', gelItem)
    const soon = await b.ok('supplies.receive', receipt(gel.id, 40, { batchNo: 'B-SOON', expiryDate: '2026-02-20' }))
    expect(soon.warnings).toEqual(['批号 B-SOON 的84消毒液将于 2026-02-20 到期（还有 17 天），请优先发放。'])
    await b.ok('supplies.receive', receipt(gel.id, 60, { batchNo: 'B-LATE', expiryDate: '2027-06-30' }))
    expect((await b.ok('supplies.items', {}))[0]).toMatchObject({ stock: 100, usable: 100, expired: 0 })

    b.clock.advance(17 * DAY) // 2026-02-20: its last usable day.
    expect((await b.ok('supplies.items', {}))[0]).toMatchObject({ usable: 100, expired: 0 })
    b.clock.advance(DAY) // 2026-02-21
    expect((await b.ok('supplies.items', {}))[0]).toMatchObject({ stock: 100, usable: 60, expired: 40 })
    b.clock.advance(20 * DAY) // 2026-03-13: February is a past month, split on its last day.
    await b.ok('supplies.issue', issue(gel.id, 10))
    const feb = await b.ok('supplies.monthly', { month: '2026-02' })
    expect(feb).toMatchObject({ asOf: '2026-02-28', rows: [{ closing: 100, closingUsable: 60, closingExpired: 40 }] })
    const mar = await b.ok('supplies.monthly', { month: '2026-03' })
    expect(mar).toMatchObject({ asOf: '2026-03-13', rows: [{ closing: 90, closingUsable: 50, closingExpired: 40 }] })
    // A past day keeps its own figures: on 2026-02-10 nothing had expired yet.
    expect(stockSplitOn(b.store, '2026-02-10').get(gel.id)).toEqual({ stock: 100, usable: 100, expired: 0 })
    expect(stockSplitOn(b.store, '2026-03-13').get(gel.id)).toEqual({ stock: 90, usable: 50, expired: 40 })
  })
})

describe('a stocktake of several batches (盘点)', () => {
  it('counts them in one booking, one line a batch, and balances', async () => {
    b = await testBackend()
    const gel = await b.ok('supplies.saveItem', gelItem)
    const masks = await b.ok('supplies.saveItem', item())
    await b.ok('supplies.receive', receipt(gel.id, 30, { batchNo: 'B1', expiryDate: '2026-06-30' }))
    await b.ok('supplies.receive', receipt(gel.id, 20, { batchNo: 'B2', expiryDate: '2026-09-30' }))
    await b.ok('supplies.receive', receipt(gel.id, 5, { batchNo: 'B3', expiryDate: '2026-01-15', confirmExpired: true }))
    const [b1, b2, b3] = await b.ok('supplies.batches', { itemId: gel.id }).then((list) => ['B1', 'B2', 'B3'].map((no) => list.find((x) => x.batchNo === no)!))

    const doc = await b.ok('supplies.stocktake', {
      itemId: gel.id,
      counts: [
        { batchId: b1!.id, counted: 27 },
        { batchId: b2!.id, counted: 20 },
        { batchId: b3!.id, counted: 6 }
      ],
      note: '月末盘点'
    })
    expect(doc.refNo).toBe('PD20260203-0001')
    expect(doc.lines.map((l) => [l.batchNo, l.kind, l.quantity, l.counted, l.balanceBefore, l.balanceAfter])).toEqual([
      ['B1', 'count', -3, 27, 55, 52],
      ['B2', 'count', 0, 20, 52, 52],
      ['B3', 'count', 1, 6, 52, 53]
    ])
    expect(doc.stock).toBe(53)
    expect((await b.ok('supplies.items', {})).find((x) => x.id === gel.id)).toMatchObject({ stock: 53, usable: 47, expired: 6 })
    const audit = b.store.all<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'supplies.stocktake'")
    expect(audit.map((a) => a.summary)).toEqual(['盘点 PD20260203-0001 84消毒液 -2 瓶，结存 53 瓶（3 个批次）'])
    expect(ledgerProblems(b)).toEqual([])

    // All or nothing: a bad row anywhere writes no line at all.
    const other = await b.ok('supplies.saveItem', { ...gelItem, name: '75%酒精' })
    await b.ok('supplies.receive', receipt(other.id, 5, { batchNo: 'X1', expiryDate: '2026-12-31' }))
    const foreign = (await b.ok('supplies.batches', { itemId: other.id }))[0]!
    const before = suppliesCounts(b)
    const mixed = {
      itemId: gel.id,
      counts: [
        { batchId: b1!.id, counted: 1 },
        { batchId: foreign.id, counted: 1 }
      ],
      note: ''
    }
    expect(await fail(b, 'supplies.stocktake', mixed)).toMatchObject({ code: 'NOT_FOUND', message: '第 2 行的批次不属于“84消毒液”。' })
    const twice = {
      itemId: gel.id,
      counts: [
        { batchId: b1!.id, counted: 1 },
        { batchId: b1!.id, counted: 2 }
      ],
      note: ''
    }
    expect(await fail(b, 'supplies.stocktake', twice)).toMatchObject({ code: 'BAD_ARGS', message: '批号 B1 填了两次，请只保留一行。' })
    expect(await fail(b, 'supplies.stocktake', { itemId: masks.id, counts: [{ batchId: b1!.id, counted: 1 }], note: '' })).toMatchObject({
      code: 'RULE_VIOLATION'
    })
    expect((await fail(b, 'supplies.stocktake', { itemId: gel.id, counts: [], note: '' })).message).toContain('请至少填写一个批次的实盘数量')
    expect((await fail(b, 'supplies.stocktake', { itemId: gel.id, counts: [{ batchId: b1!.id, counted: -1 }], note: '' })).code).toBe('BAD_ARGS')
    expect(suppliesCounts(b)).toEqual(before)
  })
})

describe('出库 to a checkpoint', () => {
  it('takes a checkpoint picked from the list, by id, and writes its own name', async () => {
    b = await testBackend()
    const masks = await b.ok('supplies.saveItem', item())
    await b.ok('supplies.receive', receipt(masks.id, 100))
    const east = await b.ok('checkpoints.create', { name: '东门卡口', place: '幸福路 1 号', kind: 'both', hours: '24小时' })
    const west = await b.ok('checkpoints.create', { name: '西门卡口', place: '', kind: 'pedestrian', hours: '' })
    await b.ok('checkpoints.retire', { id: west.id })
    const before = suppliesCounts(b)
    const toGate = { counterpartKind: 'checkpoint', receiver: '李卡口' } as const
    expect((await fail(b, 'supplies.issue', issue(masks.id, 5, { ...toGate, counterpartName: '东门' }))).message).toBe(
      '填写的内容有误（checkpointId）：请从卡口列表中选择卡口'
    )
    expect(await fail(b, 'supplies.issue', issue(masks.id, 5, { ...toGate, checkpointId: 999 }))).toMatchObject({ code: 'NOT_FOUND' })
    expect(await fail(b, 'supplies.issue', issue(masks.id, 5, { ...toGate, checkpointId: west.id }))).toMatchObject({
      code: 'RULE_VIOLATION',
      message: '卡口“西门卡口”已撤销。'
    })
    expect((await fail(b, 'supplies.issue', issue(masks.id, 5, { counterpartName: '' }))).message).toBe('填写的内容有误（counterpartName）：请填写发放对象')
    expect(suppliesCounts(b)).toEqual(before)

    // Whatever text came along, the line names the checkpoint picked.
    const doc = await b.ok('supplies.issue', issue(masks.id, 5, { ...toGate, checkpointId: east.id, counterpartName: '东大门' }))
    expect(doc.lines[0]).toMatchObject({ counterpartKind: 'checkpoint', counterpartName: '东门卡口', checkpointId: east.id })
    const reversal = await b.ok('supplies.reverse', { refNo: doc.refNo, reason: '登记错了' })
    expect(reversal.lines[0]).toMatchObject({ counterpartName: '东门卡口', checkpointId: east.id })
    expect(ledgerProblems(b)).toEqual([])
  })
})

describe('the agent picker of 消杀', () => {
  it('lists 消杀用品 only, and a log refuses any other item, writing nothing', async () => {
    b = await testBackend()
    const masks = await b.ok('supplies.saveItem', item())
    const gel = await b.ok('supplies.saveItem', item({ name: '84消毒液', category: 'disinfectant', spec: '500ml', unit: '瓶' }))
    const alcohol = await b.ok('supplies.saveItem', item({ name: '75%酒精', category: 'disinfectant', spec: '500ml', unit: '瓶' }))
    await b.ok('supplies.receive', receipt(masks.id, 10))
    await b.ok('supplies.receive', receipt(gel.id, 10))
    expect((await b.ok('supplies.items', { category: 'disinfectant' })).map((x) => x.name).sort()).toEqual([alcohol.name, gel.name].sort())
    expect(await b.ok('supplies.items', {})).toHaveLength(3)
    expect((await fail(b, 'supplies.items', { category: 'masks' })).code).toBe('BAD_ARGS')

    const corridor = await b.ok('disinfection.savePlace', {
      name: '3栋楼道',
      kind: 'corridor',
      building: '3栋',
      gridId: null,
      schedule: 'per_day',
      timesPerDay: 2,
      intervalDays: 1,
      active: true,
      notes: ''
    })
    const log = {
      placeId: corridor.id,
      doneAt: wallClock(b.clock.now()),
      agent: '含氯消毒液',
      concentration: '含氯 500 mg/L',
      method: 'spray',
      operator: '刘师傅',
      checker: '',
      note: ''
    } as const
    const before = suppliesCounts(b)
    expect(await fail(b, 'disinfection.log', { ...log, stock: { itemId: masks.id, quantity: 1 } })).toMatchObject({
      code: 'RULE_VIOLATION',
      message: '“一次性医用口罩”属于防护用品，消杀只能领用消杀用品。',
      details: { issues: [{ path: 'stock.itemId' }] }
    })
    expect(suppliesCounts(b)).toEqual(before)
    const done = await b.ok('disinfection.log', { ...log, stock: { itemId: gel.id, quantity: 1 } })
    expect(done.refNo).toBe('CK20260203-0001')
  })
})
