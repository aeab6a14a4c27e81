import { afterEach, describe, expect, it } from 'vitest'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { workerOf } from '../register/fixtures'
import { community, fail, helpCounts, request, volunteer } from './helpers'
import { rng } from '../support/rng'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

describe('代购 money', () => {
  it('records an advance with its receipt and a payback, to the fen, each a step in the history', async () => {
    b = await testBackend()
    const c = await community(b)
    const v = await b.ok('volunteers.create', volunteer({ name: '小吴' }))
    const { id } = await b.ok('help.create', request({ residentId: c.grandma.id }))
    expect(fail(await b.call('help.money', { id, kind: 'advance', yuan: 35.5, receiptNo: '', note: '' }))).toMatchObject({
      code: 'RULE_VIOLATION',
      message: '这条求助还没有分配志愿者，不能记垫付。'
    })
    await b.ok('help.act', { id, action: 'assign', volunteerId: v.id, note: '' })
    await b.ok('help.money', { id, kind: 'advance', yuan: 35.5, receiptNo: 'XP-0203-17', note: '青菜鸡蛋挂面' })
    await b.ok('help.money', { id, kind: 'advance', yuan: 0.1, receiptNo: '', note: '' })
    await b.ok('help.money', { id, kind: 'advance', yuan: 0.2, receiptNo: '', note: '' })
    const paid = await b.ok('help.money', { id, kind: 'repay', yuan: 20, method: 'wechat', note: '' })
    // 0.1 + 0.2 is 0.30000000000000004 in floating point; in fen it is 30.
    expect(paid.money).toMatchObject({ advancedFen: 3580, repaidFen: 2000, outstandingFen: 1580 })
    expect(paid.money.entries.map((e) => [e.kind, e.amountFen, e.method, e.receiptNo])).toEqual([
      ['advance', 3550, '', 'XP-0203-17'],
      ['advance', 10, '', ''],
      ['advance', 20, '', ''],
      ['repay', 2000, 'wechat', '']
    ])
    expect(paid.steps.filter((s) => s.action === 'money').map((s) => s.note)).toEqual([
      '垫付 35.50 元（小票 XP-0203-17）：青菜鸡蛋挂面',
      '垫付 0.10 元',
      '垫付 0.20 元',
      '还款 20.00 元（微信）'
    ])
    expect(b.store.get<{ s: string }>("SELECT summary AS s FROM audit_log WHERE method = 'help.money' ORDER BY id DESC")?.s).toBe(
      `求助 #${id}（刘奶奶）还款 20.00 元（微信）`
    )
    const before = helpCounts(b)
    expect(fail(await b.call('help.money', { id, kind: 'repay', yuan: 15.81, method: 'cash', note: '' }))).toMatchObject({
      code: 'RULE_VIOLATION',
      message: '还款 15.81 元超过尚欠的 15.80 元，请核对。'
    })
    for (const yuan of [-5, 0, 1.234, 200000]) {
      expect(fail(await b.call('help.money', { id, kind: 'advance', yuan, receiptNo: '', note: '' }))).toMatchObject({ code: 'BAD_ARGS' })
    }
    expect(fail(await b.call('help.money', { id, kind: 'repay', yuan: 1, method: 'alipay', note: '' }))).toMatchObject({
      message: expect.stringContaining('请选择还款方式')
    })
    expect(helpCounts(b)).toEqual(before)
    await b.ok('help.money', { id, kind: 'repay', yuan: 15.8, method: 'cash', note: '' })
    expect((await b.ok('help.get', { id })).money.outstandingFen).toBe(0)
  })

  it('balances to the fen by volunteer, by household and in total after random advances and paybacks', async () => {
    b = await testBackend()
    const c = await community(b)
    const random = rng(2026)
    const vs = [(await b.ok('volunteers.create', volunteer({ name: '甲' }))).id, (await b.ok('volunteers.create', volunteer({ name: '乙' }))).id]
    const ids: number[] = []
    for (const who of [{ residentId: c.grandma.id }, { residentId: c.grandpa.id }, { householdId: c.a.household.id }, { callerName: '赵先生' }]) {
      const { id } = await b.ok('help.create', request(who))
      await b.ok('help.act', { id, action: 'assign', volunteerId: vs[ids.length % 2] as number, note: '' })
      ids.push(id)
    }
    // What the test expects, kept apart from the backend's books: fen owed per request.
    const owed = new Map(ids.map((id) => [id, 0]))
    for (let step = 0; step < 60; step++) {
      const id = ids[Math.floor(random() * ids.length)] as number
      const fen = 1 + Math.floor(random() * 9999)
      const yuan = fen / 100
      if (random() < 0.55) {
        await b.ok('help.money', { id, kind: 'advance', yuan, receiptNo: '', note: '' })
        owed.set(id, (owed.get(id) ?? 0) + fen)
      } else {
        const answer = await b.call('help.money', { id, kind: 'repay', yuan, method: random() < 0.5 ? 'cash' : 'wechat', note: '' })
        expect(answer.ok).toBe(fen <= (owed.get(id) ?? 0))
        if (answer.ok) owed.set(id, (owed.get(id) ?? 0) - fen)
      }
    }
    for (const id of ids) expect((await b.ok('help.get', { id })).money.outstandingFen).toBe(owed.get(id))
    const sums = await b.ok('help.balances', {})
    const total = [...owed.values()].reduce((a, n) => a + n, 0)
    expect(sums.total.outstandingFen).toBe(total)
    expect(sums.byVolunteer.reduce((a, r) => a + r.outstandingFen, 0)).toBe(total)
    expect(sums.byHousehold.reduce((a, r) => a + r.outstandingFen, 0)).toBe(total)
    expect(sums.byHousehold.reduce((a, r) => a + r.advancedFen - r.repaidFen, 0)).toBe(total)
    // 甲 holds requests 1 and 3 (grandma and her household), 乙 2 and 4.
    const ofVolunteer = (name: string) => sums.byVolunteer.find((r) => r.name === name)?.outstandingFen ?? 0
    expect(ofVolunteer('甲')).toBe((owed.get(ids[0] as number) ?? 0) + (owed.get(ids[2] as number) ?? 0))
    expect(ofVolunteer('乙')).toBe((owed.get(ids[1] as number) ?? 0) + (owed.get(ids[3] as number) ?? 0))
    // Grandma's two requests are one household line.
    const household = sums.byHousehold.find((r) => r.householdId === c.a.household.id)
    expect(household?.outstandingFen).toBe((owed.get(ids[0] as number) ?? 0) + (owed.get(ids[2] as number) ?? 0))
    // A grid worker's sums hold only their grid's requests.
    const scoped = await b.call('help.balances', {}, workerOf(c.a.grid.id))
    expect(scoped).toMatchObject({ ok: true, data: { total: { outstandingFen: household?.outstandingFen } } })
  })
})
