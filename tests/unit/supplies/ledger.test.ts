import { afterEach, describe, expect, it } from 'vitest'
import { loginNewAccount, setupAdmin, testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { fail, issue, item, ledgerProblems, receipt, suppliesCounts } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

describe('items', () => {
  it('creates an item, refuses a duplicate and bad input in Chinese, writing nothing', async () => {
    b = await testBackend()
    const masks = await b.ok('supplies.saveItem', item())
    expect(masks).toMatchObject({ name: '一次性医用口罩', unit: '个', stock: 0, hasBatches: false, low: true })
    const before = suppliesCounts(b)
    expect(await fail(b, 'supplies.saveItem', item())).toMatchObject({ code: 'CONFLICT', message: '已有同名同规格的物资“一次性医用口罩 17.5×9.5cm”。' })
    const bad = await fail(b, 'supplies.saveItem', item({ name: ' ', warningLevel: 1.5 }))
    expect(bad.code).toBe('BAD_ARGS')
    expect(bad.message).toBe('填写的内容有误（name）：请填写物资名称')
    expect(suppliesCounts(b)).toEqual(before)
  })

  it('keeps the unit and batch keeping once the ledger has lines', async () => {
    b = await testBackend()
    const masks = await b.ok('supplies.saveItem', item())
    await b.ok('supplies.receive', receipt(masks.id, 10))
    expect(await fail(b, 'supplies.saveItem', { ...item({ unit: '盒' }), id: masks.id })).toMatchObject({ code: 'RULE_VIOLATION' })
    expect(await fail(b, 'supplies.saveItem', { ...item({ hasBatches: true }), id: masks.id })).toMatchObject({ code: 'RULE_VIOLATION' })
    const renamed = await b.ok('supplies.saveItem', { ...item({ warningLevel: 5 }), id: masks.id })
    expect(renamed).toMatchObject({ warningLevel: 5, stock: 10, low: false })
  })
})

describe('the ledger', () => {
  it('receives, issues, counts and writes off with balances before and after and an audit row each', async () => {
    b = await testBackend()
    const masks = await b.ok('supplies.saveItem', item())
    const rk = await b.ok('supplies.receive', receipt(masks.id, 1000))
    expect(rk).toMatchObject({
      refNo: 'RK20260203-0001',
      stock: 1000,
      lines: [{ kind: 'in', quantity: 1000, balanceBefore: 0, balanceAfter: 1000, source: 'allocated' }]
    })
    const gate = await b.ok('checkpoints.create', { name: '东门卡口', place: '幸福路 1 号', kind: 'both', hours: '24小时' })
    const toGate = { counterpartKind: 'checkpoint', checkpointId: gate.id, counterpartName: '', receiver: '李卡口' } as const
    const ck = await b.ok('supplies.issue', issue(masks.id, 300, toGate))
    expect(ck.lines).toMatchObject([
      {
        refNo: 'CK20260203-0001',
        kind: 'out',
        quantity: -300,
        balanceBefore: 1000,
        balanceAfter: 700,
        counterpartKind: 'checkpoint',
        counterpartName: '东门卡口',
        checkpointId: gate.id,
        receiver: '李卡口',
        actor: '本机'
      }
    ])
    const pd = await b.ok('supplies.count', { itemId: masks.id, counted: 695, note: '月末盘点' })
    expect(pd.lines).toMatchObject([{ kind: 'count', quantity: -5, counted: 695, balanceAfter: 695 }])
    const bs = await b.ok('supplies.loss', { itemId: masks.id, quantity: 15, reason: '受潮' })
    expect(bs).toMatchObject({ refNo: 'BS20260203-0001', stock: 680, lines: [{ quantity: -15, reason: '受潮' }] })
    const second = await b.ok('supplies.issue', issue(masks.id, 1, toGate))
    expect(second.refNo).toBe('CK20260203-0002')
    const audit = b.store.all<{ summary: string; record: string }>("SELECT summary, record FROM audit_log WHERE method LIKE 'supplies.%' ORDER BY id")
    expect(audit[1]?.summary).toBe('入库 RK20260203-0001 一次性医用口罩 +1000 个，结存 1000 个')
    expect(audit.map((a) => a.summary)).toEqual([
      '新建物资 一次性医用口罩 17.5×9.5cm（个）',
      '入库 RK20260203-0001 一次性医用口罩 +1000 个，结存 1000 个',
      '出库 CK20260203-0001 一次性医用口罩 -300 个，结存 700 个，发往 东门卡口',
      '盘点 PD20260203-0001 一次性医用口罩 -5 个，结存 695 个',
      '报损 BS20260203-0001 一次性医用口罩 -15 个，结存 680 个：受潮',
      '出库 CK20260203-0002 一次性医用口罩 -1 个，结存 679 个，发往 东门卡口'
    ])
    expect(audit[1]?.record).toBe('supply:RK20260203-0001')
    expect(ledgerProblems(b)).toEqual([])
  })

  it('refuses an issue beyond stock with the amount available, and writes nothing', async () => {
    b = await testBackend()
    const masks = await b.ok('supplies.saveItem', item())
    await b.ok('supplies.receive', receipt(masks.id, 50))
    const before = suppliesCounts(b)
    const error = await fail(b, 'supplies.issue', issue(masks.id, 51))
    expect(error).toMatchObject({
      code: 'RULE_VIOLATION',
      message: '库存不足：“一次性医用口罩”现有可用 50 个，本次需要 51 个。',
      details: { available: 50, wanted: 51 }
    })
    expect(await fail(b, 'supplies.loss', { itemId: masks.id, quantity: 60, reason: '丢失' })).toMatchObject({ code: 'RULE_VIOLATION' })
    expect(suppliesCounts(b)).toEqual(before)
    expect((await b.ok('supplies.items', {}))[0]?.stock).toBe(50)
  })

  it('accepts only whole positive quantities, with Chinese messages', async () => {
    b = await testBackend()
    const masks = await b.ok('supplies.saveItem', item())
    const before = suppliesCounts(b)
    expect((await fail(b, 'supplies.receive', receipt(masks.id, 2.5))).message).toBe('填写的内容有误（quantity）：数量必须是整数（按物资的计量单位）')
    expect((await fail(b, 'supplies.receive', receipt(masks.id, 0))).message).toBe('填写的内容有误（quantity）：数量必须大于 0')
    expect((await fail(b, 'supplies.issue', issue(masks.id, 1, { receiver: '' }))).message).toBe('填写的内容有误（receiver）：请填写领取人')
    expect((await fail(b, 'supplies.receive', receipt(masks.id, 5, { source: 'donation', counterpartName: '' }))).message).toBe('捐赠入库请填写捐赠方。')
    expect(await fail(b, 'supplies.receive', receipt(999, 5))).toMatchObject({ code: 'NOT_FOUND' })
    expect(suppliesCounts(b)).toEqual(before)
  })

  it('corrects a mistake with a reversing booking, once, and never edits the original', async () => {
    b = await testBackend()
    const masks = await b.ok('supplies.saveItem', item())
    await b.ok('supplies.receive', receipt(masks.id, 100))
    const wrong = await b.ok('supplies.issue', issue(masks.id, 40))
    const cz = await b.ok('supplies.reverse', { refNo: wrong.refNo, reason: '数量登记错误' })
    expect(cz).toMatchObject({
      refNo: 'CZ20260203-0001',
      stock: 100,
      lines: [{ kind: 'out', quantity: 40, balanceBefore: 60, balanceAfter: 100, reversesId: wrong.lines[0]?.id, reason: '数量登记错误' }]
    })
    const original = await b.ok('supplies.ledger', { counterpart: wrong.refNo })
    expect(original.rows[0]).toMatchObject({ quantity: -40, balanceAfter: 60, reversedBy: cz.lines[0]?.id })
    expect(await fail(b, 'supplies.reverse', { refNo: wrong.refNo, reason: '再来' })).toMatchObject({
      code: 'CONFLICT',
      message: `${wrong.refNo} 已经冲正过，不能重复冲正。`
    })
    expect(await fail(b, 'supplies.reverse', { refNo: cz.refNo, reason: '再来' })).toMatchObject({ code: 'RULE_VIOLATION' })
    expect(await fail(b, 'supplies.reverse', { refNo: 'CK19990101-0001', reason: '无' })).toMatchObject({ code: 'NOT_FOUND' })
    // Reversing a receipt whose goods have gone out would make stock negative: refused with what is left.
    const rk = await b.ok('supplies.receive', receipt(masks.id, 10))
    await b.ok('supplies.issue', issue(masks.id, 105))
    expect(await fail(b, 'supplies.reverse', { refNo: rk.refNo, reason: '错录' })).toMatchObject({ code: 'RULE_VIOLATION', details: { available: 5 } })
    expect(ledgerProblems(b)).toEqual([])
  })

  it('filters the ledger by item, kind, date range and counterpart', async () => {
    b = await testBackend()
    const masks = await b.ok('supplies.saveItem', item())
    const gel = await b.ok('supplies.saveItem', item({ name: '免洗洗手液', category: 'disinfectant', spec: '500ml', unit: '瓶' }))
    await b.ok('supplies.receive', receipt(masks.id, 100))
    await b.ok('supplies.receive', receipt(gel.id, 20, { source: 'donation', counterpartName: '爱心企业' }))
    b.clock.advance(86_400_000)
    await b.ok('supplies.issue', issue(masks.id, 10, { counterpartKind: 'household', counterpartName: '3栋1单元301', receiver: '王住户' }))
    await b.ok('supplies.issue', issue(gel.id, 2))
    const page = (args: object) => b.ok('supplies.ledger', args)
    expect((await page({ itemId: gel.id })).total).toBe(2)
    expect((await page({ kind: 'out' })).total).toBe(2)
    expect((await page({ from: '2026-02-04', to: '2026-02-04' })).total).toBe(2)
    expect((await page({ to: '2026-02-03' })).total).toBe(2)
    expect((await page({ counterpart: '爱心' })).rows.map((r) => r.itemName)).toEqual(['免洗洗手液'])
    expect((await page({ counterpart: '王住户' })).rows).toMatchObject([{ counterpartKind: 'household', day: '2026-02-04' }])
    expect((await page({ pageSize: 1, page: 2 })).rows).toHaveLength(1)
  })
})

describe('batches and expiry', () => {
  it('issues the earliest expiry first, skips expired batches, and lists expired and soon-to-expire ones', async () => {
    b = await testBackend()
    const gel = await b.ok(
      'supplies.saveItem',
      item({ name: '84消毒液', category: 'disinfectant', spec: '500ml', unit: '瓶', hasBatches: true, warningLevel: 5 })
    )
    expect(await fail(b, 'supplies.receive', receipt(gel.id, 10))).toMatchObject({ code: 'BAD_ARGS', message: '“84消毒液”按批次管理，请填写批号和有效期。' })
    await b.ok('supplies.receive', receipt(gel.id, 10, { batchNo: 'B-LATE', expiryDate: '2026-12-31' }))
    await b.ok('supplies.receive', receipt(gel.id, 6, { batchNo: 'B-SOON', expiryDate: '2026-02-20' }))
    await b.ok('supplies.receive', receipt(gel.id, 4, { batchNo: 'B-OLD', expiryDate: '2026-01-31', confirmExpired: true }))
    expect(await fail(b, 'supplies.receive', receipt(gel.id, 1, { batchNo: 'B-LATE', expiryDate: '2027-01-01' }))).toMatchObject({ code: 'CONFLICT' })
    const expiring = await b.ok('supplies.batches', {})
    expect(expiring.map((x) => [x.batchNo, x.status, x.daysLeft])).toEqual([
      ['B-OLD', 'expired', -3],
      ['B-SOON', 'soon', 17]
    ])
    const out = await b.ok('supplies.issue', issue(gel.id, 8))
    expect(out.lines.map((l) => [l.batchNo, l.quantity])).toEqual([
      ['B-SOON', -6],
      ['B-LATE', -2]
    ])
    expect(out.lines.map((l) => l.balanceAfter)).toEqual([14, 12])
    const refused = await fail(b, 'supplies.issue', issue(gel.id, 9))
    expect(refused.message).toBe('库存不足：“84消毒液”现有可用 8 瓶，本次需要 9 瓶。另有已过期 4 瓶 不能发放，请报损处理。')
    const old = expiring[0]!
    expect(await fail(b, 'supplies.loss', { itemId: gel.id, quantity: 4, reason: '过期' })).toMatchObject({ message: '“84消毒液”按批次管理，请选择批次。' })
    await b.ok('supplies.loss', { itemId: gel.id, batchId: old.id, quantity: 4, reason: '过期' })
    const late = (await b.ok('supplies.batches', { itemId: gel.id }))[0]!
    expect(late).toMatchObject({ batchNo: 'B-LATE', stock: 8, status: 'ok' })
    const counted = await b.ok('supplies.count', { itemId: gel.id, batchId: late.id, counted: 9, note: '' })
    expect(counted.lines[0]).toMatchObject({ quantity: 1, batchNo: 'B-LATE', balanceAfter: 9 })
    const [view] = await b.ok('supplies.items', {})
    expect(view).toMatchObject({ stock: 9, usable: 9, expired: 0, nextExpiry: '2026-12-31', low: false })
    expect(ledgerProblems(b)).toEqual([])
  })
})

describe('permissions', () => {
  it('lets a read-only account look but not book', async () => {
    b = await testBackend()
    await setupAdmin(b)
    const masks = await b.ok('supplies.saveItem', item())
    await b.ok('accounts.create', { username: 'viewer', displayName: '只读员', role: 'readonly', password: 'Look#2026abc' })
    const { token } = await loginNewAccount(b, 'viewer', 'Look#2026abc')
    expect((await b.callAs(token, 'supplies.items', {})).ok).toBe(true)
    const before = suppliesCounts(b)
    expect(await b.callAs(token, 'supplies.receive', receipt(masks.id, 5))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: '您没有“物资入库”的权限。' }
    })
    expect(suppliesCounts(b)).toEqual(before)
  })
})
