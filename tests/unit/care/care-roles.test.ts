import { afterEach, describe, expect, it } from 'vitest'
import { setupAdmin, testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { loginAs } from '../support/roles'
import { makeId, resident, workerOf } from '../register/fixtures'
import { careCommunity, careCounts, contact, fail, plan } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

async function twoGrids(b: TestBackend) {
  const c = await careCommunity(b)
  const lonely = await b.ok(
    'residents.create',
    resident({
      name: '赵奶奶',
      idNumber: makeId('19360101', '555'),
      phones: ['13700001111'],
      tags: ['alone_elderly'],
      householdId: c.other.household.id,
      relation: 'parent'
    })
  )
  const mine = await b.ok('care.create', plan(c.grandma.id, c.worker.id))
  const theirs = await b.ok('care.create', plan(lonely.id, c.worker.id))
  return { ...c, lonely, mine, theirs }
}

describe('关爱: grid scope', () => {
  it('a grid worker sees and contacts only their grids’ people; another grid’s plan answers as a missing one', async () => {
    b = await testBackend()
    const c = await twoGrids(b)
    const worker = workerOf(c.a.grid.id)
    expect(await b.call('care.plans', {}, worker)).toMatchObject({ ok: true, data: { total: 1, rows: [{ id: c.mine.id }] } })
    expect(await b.call('care.worklist', {}, worker)).toMatchObject({ ok: true, data: { counts: { due: 1 }, rows: [{ id: c.mine.id }] } })
    expect(await b.call('care.worklist', { gridId: c.other.grid.id }, worker)).toMatchObject({ ok: true, data: { counts: { due: 0 } } })
    const unseen = (envelope: unknown, id: number) => JSON.stringify(envelope).replaceAll(String(id), '#')
    const update = { frequency: 'daily_call', anchorDay: '2026-02-03', accountId: c.worker.id, volunteerId: null, notes: '', active: false } as const
    const before = careCounts(b)
    for (const [method, args] of [
      ['care.contact', contact(c.theirs.id)],
      ['care.update', { ...update, id: c.theirs.id }]
    ] as const) {
      const answer = await b.call(method, args, worker)
      expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      const missing = await b.call(method, method === 'care.contact' ? contact(987654) : { ...update, id: 987654 }, worker)
      expect(unseen(answer, c.theirs.id)).toBe(unseen(missing, 987654))
    }
    expect(fail(await b.call('care.ofResident', { residentId: c.lonely.id }, worker))).toMatchObject({ code: 'NOT_FOUND' })
    expect(fail(await b.call('care.create', plan(c.lonely.id, c.worker.id), worker))).toMatchObject({ code: 'NOT_FOUND' })
    const bulk = {
      gridId: c.other.grid.id,
      keyGroup: 'alone_elderly',
      frequency: 'daily_call',
      anchorDay: '2026-02-03',
      accountId: c.worker.id,
      volunteerId: null,
      notes: ''
    } as const
    expect(fail(await b.call('care.bulkCreate', bulk, worker))).toMatchObject({ code: 'NOT_FOUND' })
    expect(careCounts(b)).toEqual(before)
    expect(await b.call('care.contact', contact(c.mine.id), worker)).toMatchObject({ ok: true })
    expect(await b.call('care.printList', {}, worker)).toMatchObject({ ok: true, data: { groups: [{ rows: [{ name: '刘奶奶' }] }] } })
  })
})

describe('关爱: roles', () => {
  it('只读 views and prints masked; 卡口值守 has nothing of care; a role that may reveal prints whole numbers, audited', async () => {
    b = await testBackend()
    const admin = await setupAdmin(b)
    const c = await twoGrids(b)
    const readonly = await loginAs(b, admin, 'viewer', 'readonly')
    expect(await readonly.call('care.worklist', {})).toMatchObject({ ok: true, data: { counts: { due: 2 } } })
    const quiet = b.count('audit_log')
    expect(await readonly.call('care.printList', {})).toMatchObject({
      ok: true,
      data: { full: false, groups: [{ rows: [{ phone: '138****5678' }, { phone: '137****1111' }] }] }
    })
    expect(b.count('audit_log')).toBe(quiet)
    const before = careCounts(b)
    for (const [method, args] of [
      ['care.contact', contact(c.mine.id)],
      ['care.create', plan(c.grandpa.id, c.worker.id)],
      ['care.update', { id: c.mine.id, frequency: 'daily_call', anchorDay: '2026-02-03', accountId: c.worker.id, volunteerId: null, notes: '', active: false }]
    ] as const) {
      expect(await readonly.call(method, args)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    expect(careCounts(b)).toEqual(before)
    const gate = await loginAs(b, admin, 'gate1', 'gate')
    for (const method of ['care.worklist', 'care.plans', 'care.alerts', 'care.printList', 'care.workers']) {
      expect(await gate.call(method, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    const staff = await loginAs(b, admin, 'clerk', 'staff')
    const audits = b.count('audit_log')
    const printed = await staff.ok('care.printList', {})
    expect(printed).toMatchObject({ full: true, groups: [{ workerName: '网格员小李', rows: [{ phone: '13812345678' }, { phone: '13700001111' }] }] })
    expect(b.count('audit_log')).toBe(audits + 1)
    expect(await staff.ok('care.workers', {})).toMatchObject({ accounts: [{ name: '网格员小李', grids: '甲网格' }] })
  })
})

describe('关爱: the plan follows the register', () => {
  it('a building given to another grid moves the plan with it; the recycle bin takes it off the lists; a purge takes it away', async () => {
    b = await testBackend()
    const c = await twoGrids(b)
    await b.ok('care.contact', contact(c.mine.id))
    await b.ok('grids.assignBuildings', { gridId: c.other.grid.id, buildings: [{ compound: '幸福里小区', building: '3栋' }] })
    expect(await b.call('care.worklist', { list: 'done' }, workerOf(c.a.grid.id))).toMatchObject({ ok: true, data: { counts: { due: 0, done: 0 } } })
    expect(await b.call('care.worklist', { list: 'done' }, workerOf(c.other.grid.id))).toMatchObject({ ok: true, data: { counts: { due: 1, done: 1 } } })
    await b.ok('residents.delete', { id: c.grandma.id, reason: '搬走了' })
    expect(await b.ok('care.worklist', {})).toMatchObject({ counts: { due: 1, done: 0 }, rows: [{ name: '赵奶奶' }] })
    expect(fail(await b.call('care.contact', contact(c.mine.id, { day: '2026-02-02' })))).toMatchObject({ code: 'NOT_FOUND' })
    expect(await b.call('recycle.purge', { kind: 'resident', id: c.grandma.id })).toMatchObject({ ok: true })
    expect([b.count('care_plans'), b.count('care_contacts')]).toEqual([1, 0])
  })
})
