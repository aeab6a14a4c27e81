import { afterEach, describe, expect, it } from 'vitest'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { grid, gridWithHousehold, household, makeId, registerCounts, resident, workerOf } from './fixtures'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

/** Grid A (3栋) and grid B (5栋), one household and one person each, plus a person with no grid. */
async function community() {
  b = await testBackend()
  const a = await gridWithHousehold(b, '甲网格', '3栋')
  const bb = await gridWithHousehold(b, '乙网格', '5栋')
  const inA = await b.ok('residents.create', resident({ name: '张三', householdId: a.household.id, relation: 'head' }))
  const inB = await b.ok('residents.create', resident({ name: '张四', idNumber: makeId('19810101'), householdId: bb.household.id, relation: 'head' }))
  const nowhere = await b.ok('residents.create', resident({ name: '张五', idNumber: makeId('19820101'), phones: [] }))
  return { a, b: bb, inA, inB, nowhere, worker: workerOf(a.grid.id) }
}

describe('grid scope of a grid worker', () => {
  it('limits lists, searches, counts and details to their own grids; unknown grids are invisible', async () => {
    const c = await community()
    const list = await b.call('residents.list', { q: 'zhang' }, c.worker)
    expect(list).toMatchObject({ ok: true, data: { total: 1, rows: [{ name: '张三' }] } })
    expect(await b.call('residents.list', {}, c.worker)).toMatchObject({ ok: true, data: { total: 1 } })
    expect(await b.call('residents.list', { gridId: c.b.grid.id }, c.worker)).toMatchObject({ ok: true, data: { total: 0 } })
    expect(await b.call('households.list', {}, c.worker)).toMatchObject({ ok: true, data: { total: 1 } })
    const grids = await b.call('grids.list', {}, c.worker)
    expect(grids.ok && (grids.data as { name: string }[]).map((g) => g.name)).toEqual(['甲网格'])
    // A person or household of another grid answers exactly as one that does not exist.
    const unseen = (envelope: unknown, id: number) => JSON.stringify(envelope).replaceAll(String(id), '#')
    for (const [method, id] of [
      ['residents.get', c.inB.id],
      ['residents.get', c.nowhere.id],
      ['households.get', c.b.household.id]
    ] as const) {
      const answer = await b.call(method, { id }, c.worker)
      expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      expect(unseen(answer, id)).toBe(unseen(await b.call(method, { id: 987654 }, c.worker), 987654))
    }
    expect(await b.call('grids.get', { id: c.b.grid.id }, c.worker)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await b.call('residents.get', { id: c.inA.id }, c.worker)).toMatchObject({ ok: true })
    expect(await b.call('residents.list', {}, workerOf())).toMatchObject({ ok: true, data: { total: 0 } })
  })

  it('refuses every change outside their grids with FORBIDDEN and writes nothing', async () => {
    const c = await community()
    const before = registerCounts(b)
    const { householdId: _h, ...fields } = resident({ name: '张四改' })
    const refused = [
      await b.call('residents.update', { ...fields, idNumber: makeId('19810101'), id: c.inB.id }, c.worker),
      await b.call('residents.delete', { id: c.inB.id, reason: '越权' }, c.worker),
      await b.call('residents.reveal', { id: c.inB.id }, c.worker),
      await b.call('residents.move', { id: c.inB.id, householdId: c.a.household.id, relation: 'other' }, c.worker),
      await b.call('residents.move', { id: c.inA.id, householdId: c.b.household.id, relation: 'other' }, c.worker),
      await b.call('residents.move', { id: c.inA.id, householdId: null, relation: null }, c.worker),
      await b.call('residents.create', resident({ name: '新人', idNumber: makeId('19990101'), householdId: c.b.household.id }), c.worker),
      await b.call('residents.create', resident({ name: '新人', idNumber: makeId('19990101') }), c.worker),
      await b.call('households.create', household('幸福里小区', '5栋', '999'), c.worker),
      await b.call('households.create', household('新小区', '1栋', '1'), c.worker),
      await b.call('households.update', { id: c.b.household.id, ...household('幸福里小区', '5栋', '1'), householderId: null }, c.worker),
      await b.call('households.update', { id: c.a.household.id, ...household('幸福里小区', '5栋', '1'), householderId: null }, c.worker),
      await b.call('households.delete', { id: c.b.household.id, reason: '越权' }, c.worker),
      await b.call('households.merge', { sourceId: c.b.household.id, targetId: c.a.household.id }, c.worker),
      await b.call('grids.update', { id: c.b.grid.id, name: '改名', notes: '', leader: null, workers: [] }, c.worker),
      await b.call('grids.create', grid('自建网格'), c.worker),
      await b.call('grids.retire', { id: c.a.grid.id }, c.worker),
      await b.call('grids.assignBuildings', { gridId: c.a.grid.id, buildings: [{ compound: '幸福里小区', building: '5栋' }] }, c.worker)
    ]
    for (const envelope of refused) {
      // Records of another grid are not found; grid structure is refused as the office's business.
      expect(envelope.ok).toBe(false)
      if (!envelope.ok) {
        expect(['FORBIDDEN', 'NOT_FOUND']).toContain(envelope.error.code)
        expect(envelope.error.message).toMatch(envelope.error.code === 'FORBIDDEN' ? /网格/ : /找不到/)
      }
    }
    expect(registerCounts(b)).toEqual(before)
  })

  it('lets them work inside their own grid', async () => {
    const c = await community()
    const added = await b.call('residents.create', resident({ name: '新人', idNumber: makeId('19990101'), householdId: c.a.household.id }), c.worker)
    expect(added).toMatchObject({ ok: true, data: { gridName: '甲网格' } })
    expect(await b.call('households.create', household('幸福里小区', '3栋', '302'), c.worker)).toMatchObject({ ok: true })
    expect(await b.call('grids.update', { id: c.a.grid.id, name: '甲网格', notes: '我的网格', leader: null, workers: [] }, c.worker)).toMatchObject({
      ok: true
    })
    const audit = b.store.get<{ actor: string }>('SELECT actor FROM audit_log ORDER BY id DESC LIMIT 1')
    expect(audit?.actor).toBe('网格员甲')
  })

  it('does not reveal who holds a duplicate ID in another grid', async () => {
    const c = await community()
    const envelope = await b.call('residents.create', resident({ name: '冒名', idNumber: makeId('19810101'), householdId: c.a.household.id }), c.worker)
    expect(envelope).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    if (!envelope.ok) {
      expect(envelope.error.details?.existingId).toBeUndefined()
      expect(envelope.error.message).not.toContain('张四')
    }
  })

  it('scopes the recycle bin too', async () => {
    const c = await community()
    await b.ok('residents.delete', { id: c.inB.id, reason: '搬走' })
    await b.ok('households.delete', { id: c.a.household.id, reason: '搬走' })
    const seen = await b.call('recycle.list', {}, c.worker)
    expect(seen).toMatchObject({ ok: true, data: { total: 1, rows: [{ kind: 'household', id: c.a.household.id }] } })
    expect(await b.call('recycle.restore', { kind: 'resident', id: c.inB.id }, c.worker)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await b.call('recycle.purge', { kind: 'resident', id: c.inB.id }, c.worker)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})
