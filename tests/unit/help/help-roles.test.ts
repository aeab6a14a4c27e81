import { afterEach, describe, expect, it } from 'vitest'
import { setupAdmin, testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { loginAs } from '../support/roles'
import { workerOf } from '../register/fixtures'
import { community, fail, helpCounts, request, volunteer } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

describe('居民求助: grid scope', () => {
  it('a grid worker sees and handles only their grids’ requests; another grid’s answers as a missing one', async () => {
    b = await testBackend()
    const c = await community(b)
    const v = await b.ok('volunteers.create', volunteer({ name: '小吴' }))
    const mine = await b.ok('help.create', request({ residentId: c.grandma.id }))
    const theirs = await b.ok('help.create', request({ residentId: c.grandpa.id }))
    const nowhere = await b.ok('help.create', request({ callerName: '赵先生' }))
    const worker = workerOf(c.a.grid.id)
    expect(await b.call('help.list', {}, worker)).toMatchObject({ ok: true, data: { total: 1, rows: [{ id: mine.id }] } })
    expect(await b.call('help.list', { gridId: c.other.grid.id }, worker)).toMatchObject({ ok: true, data: { total: 0 } })
    const unseen = (envelope: unknown, id: number) => JSON.stringify(envelope).replaceAll(String(id), '#')
    const missing = 987654
    for (const id of [theirs.id, nowhere.id]) {
      for (const [method, args] of [
        ['help.get', { id }],
        ['help.suggest', { id }],
        ['help.reveal', { id }],
        ['help.act', { id, action: 'assign', volunteerId: v.id, note: '' }]
      ] as const) {
        const answer = await b.call(method, args, worker)
        expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
        expect(unseen(answer, id)).toBe(unseen(await b.call(method, { ...args, id: missing }, worker), missing))
      }
    }
    const before = helpCounts(b)
    expect(fail(await b.call('help.create', request({ residentId: c.grandpa.id }), worker))).toMatchObject({ code: 'NOT_FOUND' })
    expect(fail(await b.call('help.create', request({ householdId: c.other.household.id }), worker))).toMatchObject({ code: 'NOT_FOUND' })
    expect(fail(await b.call('help.create', request({ callerName: '钱', gridId: c.other.grid.id }), worker))).toMatchObject({ code: 'NOT_FOUND' })
    expect(fail(await b.call('help.ofHousehold', { householdId: c.other.household.id }, worker))).toMatchObject({ code: 'NOT_FOUND' })
    expect(helpCounts(b)).toEqual(before)
    // A caller met by the grid worker lands in their own grid, so it stays on their list.
    const call = await b.call('help.create', request({ callerName: '孙女士' }), worker)
    expect(call).toMatchObject({ ok: true, data: { gridId: c.a.grid.id } })
    expect(await b.call('help.act', { id: mine.id, action: 'assign', volunteerId: v.id, note: '' }, worker)).toMatchObject({ ok: true })
  })

  it('a request follows its household when the building is given to another grid', async () => {
    b = await testBackend()
    const c = await community(b)
    const { id } = await b.ok('help.create', request({ householdId: c.a.household.id }))
    await b.ok('grids.assignBuildings', { gridId: c.other.grid.id, buildings: [{ compound: '幸福里小区', building: '3栋' }] })
    expect((await b.ok('help.get', { id })).gridId).toBe(c.other.grid.id)
    expect(fail(await b.call('help.get', { id }, workerOf(c.a.grid.id)))).toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('居民求助: roles', () => {
  it('只读 views but cannot register, handle or reveal; 卡口值守 may only register a request met at the gate', async () => {
    b = await testBackend()
    const admin = await setupAdmin(b)
    const c = await community(b)
    const { id } = await b.ok('help.create', request({ residentId: c.grandma.id }))
    const readonly = await loginAs(b, admin, 'viewer', 'readonly')
    expect(await readonly.call('help.list', {})).toMatchObject({ ok: true, data: { total: 1 } })
    expect(await readonly.call('help.get', { id })).toMatchObject({ ok: true, data: { phone: '138****5678' } })
    for (const [method, args] of [
      ['help.create', request({ callerName: '赵' })],
      ['help.act', { id, action: 'cancel', note: '试试' }],
      ['help.reveal', { id }],
      ['help.suggest', { id }],
      ['help.createAtGate', { ...request({ callerName: '赵' }) }]
    ] as const) {
      expect(await readonly.call(method, args)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    const gate = await loginAs(b, admin, 'gate1', 'gate')
    const met = await gate.call('help.createAtGate', {
      householdId: c.other.household.id,
      residentId: null,
      callerName: '',
      callerPhone: '',
      callerAddress: '',
      gridId: null,
      type: 'groceries',
      content: '家里没米了'
    })
    expect(met).toMatchObject({ ok: true })
    const saved = await b.ok('help.get', { id: (met as { data: { id: number } }).data.id })
    expect(saved).toMatchObject({ channel: 'gate', urgency: 'normal', status: 'open', name: '王大爷' })
    for (const method of ['help.list', 'help.get', 'help.create', 'help.act', 'help.ofHousehold'] as const) {
      expect(await gate.call(method, { id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    // The gate's request takes no channel, urgency or notes of its own.
    expect(await gate.call('help.createAtGate', { ...request({ callerName: '赵' }) })).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } })
  })
})
