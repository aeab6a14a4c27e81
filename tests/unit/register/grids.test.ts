import { afterEach, describe, expect, it } from 'vitest'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { grid, household, makeId, registerCounts, resident } from './fixtures'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

describe('grids', () => {
  it('creates, lists, renames and re-staffs a grid', async () => {
    b = await testBackend()
    const person = await b.ok('residents.create', resident())
    const g = await b.ok('grids.create', grid('第一网格', { workers: [{ name: '张三', phone: '138 1234 5678', residentId: person.id }] }))
    expect(g).toMatchObject({ name: '第一网格', retired: false, leader: { name: '李网格长', phone: '13900001111', residentId: null } })
    expect(g.workers).toEqual([{ name: '张三', phone: '13812345678', residentId: person.id }])
    const renamed = await b.ok('grids.update', { id: g.id, name: '幸福一网格', notes: '东区', leader: null, workers: [] })
    expect(renamed).toMatchObject({ name: '幸福一网格', notes: '东区', leader: null, workers: [] })
    expect((await b.ok('grids.list', {})).map((x) => x.name)).toEqual(['幸福一网格'])
    expect(b.store.get<{ summary: string }>('SELECT summary FROM audit_log ORDER BY id DESC LIMIT 1')?.summary).toBe('修改网格“第一网格”，更名为“幸福一网格”')
  })

  it('refuses a duplicate name, an empty name, a bad staff phone and an unknown linked resident, writing nothing', async () => {
    b = await testBackend()
    await b.ok('grids.create', grid('第一网格'))
    const before = registerCounts(b)
    expect(await b.call('grids.create', grid('第一网格'))).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { existingId: 1 } } })
    expect(await b.call('grids.create', grid(' '))).toMatchObject({ ok: false, error: { code: 'BAD_ARGS', details: { issues: [{ path: 'name' }] } } })
    expect(await b.call('grids.create', grid('二', { leader: { name: '王', phone: '12345' } }))).toMatchObject({
      ok: false,
      error: { code: 'BAD_ARGS', details: { issues: [{ path: 'leader.phone' }] } }
    })
    expect(await b.call('grids.create', grid('三', { workers: [{ name: '王', phone: '', residentId: 99 }] }))).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', details: { issues: [{ path: 'workers.0.residentId' }] } }
    })
    expect(await b.call('grids.update', { id: 42, name: 'x', notes: '', leader: null, workers: [] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(registerCounts(b)).toEqual(before)
  })

  it('assigns buildings so that households and residents follow, and shows them on the grid page', async () => {
    b = await testBackend()
    const h = await b.ok('households.create', household('幸福里小区', '3栋', '301'))
    await b.ok('residents.create', resident({ householdId: h.id, relation: 'head', tags: ['over80'] }))
    expect(h.gridId).toBeNull()
    const g = await b.ok('grids.create', grid('第一网格'))
    const assigned = await b.ok('grids.assignBuildings', {
      gridId: g.id,
      buildings: [
        { compound: '幸福里小区', building: '3栋' },
        { compound: '幸福里小区', building: '10栋' }
      ]
    })
    expect(assigned).toEqual({ buildings: 2, households: 1 })
    expect((await b.ok('households.get', { id: h.id })).gridName).toBe('第一网格')
    expect((await b.ok('residents.list', { gridId: g.id })).total).toBe(1)
    const page = await b.ok('grids.get', { id: g.id })
    expect(page).toMatchObject({ buildingCount: 2, householdCount: 1, residentCount: 1, keyGroupCount: 1 })
    expect(page.buildings).toEqual([
      { compound: '幸福里小区', building: '3栋', householdCount: 1, residentCount: 1 },
      { compound: '幸福里小区', building: '10栋', householdCount: 0, residentCount: 0 }
    ])
    // A new household in an assigned building is in the grid from the start.
    expect((await b.ok('households.create', household('幸福里小区', '10栋', '101'))).gridId).toBe(g.id)
    await b.ok('grids.assignBuildings', { gridId: null, buildings: [{ compound: '幸福里小区', building: '3栋' }] })
    expect((await b.ok('residents.list', { gridId: g.id })).total).toBe(0)
    expect(await b.call('grids.assignBuildings', { gridId: 99, buildings: [{ compound: '幸福里小区', building: '3栋' }] })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' }
    })
  })

  it('retires a grid only when its buildings have moved elsewhere; a retired grid takes no buildings', async () => {
    b = await testBackend()
    const g = await b.ok('grids.create', grid('旧网格'))
    await b.ok('grids.assignBuildings', { gridId: g.id, buildings: [{ compound: '老小区', building: '1栋' }] })
    const before = registerCounts(b)
    expect(await b.call('grids.retire', { id: g.id })).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION', details: { buildingCount: 1 } } })
    expect(registerCounts(b)).toEqual(before)
    await b.ok('grids.assignBuildings', { gridId: null, buildings: [{ compound: '老小区', building: '1栋' }] })
    expect(await b.ok('grids.retire', { id: g.id })).toMatchObject({ retired: true })
    expect(await b.ok('grids.list', {})).toEqual([])
    expect((await b.ok('grids.list', { includeRetired: true }))[0]).toMatchObject({ name: '旧网格', retired: true })
    expect(await b.call('grids.assignBuildings', { gridId: g.id, buildings: [{ compound: '老小区', building: '1栋' }] })).toMatchObject({
      ok: false,
      error: { code: 'RULE_VIOLATION' }
    })
    expect(await b.call('grids.retire', { id: g.id })).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } })
    // The name is free again for a new grid.
    await b.ok('grids.create', grid('旧网格'))
  })

  it('needs register.edit to change grids and register.view to read them', async () => {
    b = await testBackend()
    const viewer = { accountId: 3, actor: '访客', permissions: new Set(['register.view'] as const), gridScope: 'all' as const }
    expect(await b.call('grids.create', grid('x'), viewer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await b.call('grids.list', {}, viewer)).toMatchObject({ ok: true })
    const none = { accountId: 4, actor: '无权限', permissions: new Set([] as never[]), gridScope: 'all' as const }
    expect(await b.call('grids.list', {}, none)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(makeId()).toHaveLength(18)
  })
})
