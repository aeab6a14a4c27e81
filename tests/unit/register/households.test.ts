import { afterEach, describe, expect, it } from 'vitest'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { grid, household, makeId, registerCounts, resident } from './fixtures'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

async function family(hid: number) {
  const head = await b.ok('residents.create', resident({ householdId: hid, relation: 'head' }))
  const wife = await b.ok('residents.create', resident({ name: '李梅', idNumber: makeId('19820303', '246'), householdId: hid, relation: 'spouse' }))
  const kid = await b.ok('residents.create', resident({ name: '张小宝', idNumber: makeId('20150606', '135'), householdId: hid, relation: 'child', phones: [] }))
  return { head, wife, kid }
}

describe('households', () => {
  it('creates a household with members and grows the compound and building lists', async () => {
    b = await testBackend()
    const h = await b.ok('households.create', {
      address: { compound: ' 幸福里小区 ', building: '１０栋', unit: '', room: '1201' },
      tenure: 'rented',
      notes: '租户'
    })
    expect(h).toMatchObject({ address: '幸福里小区 10栋 1201', parts: { compound: '幸福里小区', building: '10栋', unit: '', room: '1201' }, tenure: 'rented' })
    await b.ok('households.create', household('幸福里小区', '2栋', '101'))
    await b.ok('households.create', household('阳光花园', '1号楼', '101'))
    await family(h.id)
    const detail = await b.ok('households.get', { id: h.id })
    expect(detail.members.map((m) => [m.name, m.relation])).toEqual([
      ['张三', 'head'],
      ['李梅', 'spouse'],
      ['张小宝', 'child']
    ])
    expect(detail).toMatchObject({ householderName: '张三', memberCount: 3 })
    expect(await b.ok('households.addressOptions', {})).toEqual({
      compounds: [
        {
          name: '幸福里小区',
          buildings: [
            { name: '2栋', gridId: null, gridName: '' },
            { name: '10栋', gridId: null, gridName: '' }
          ]
        },
        { name: '阳光花园', buildings: [{ name: '1号楼', gridId: null, gridName: '' }] }
      ]
    })
    const list = await b.ok('households.list', { compound: '幸福里小区' })
    expect(list.rows.map((r) => r.address)).toEqual(['幸福里小区 2栋 2单元 101', '幸福里小区 10栋 1201'])
    expect((await b.ok('households.list', { q: 'zxb' })).rows.map((r) => r.id)).toEqual([h.id])
    expect((await b.ok('households.list', { q: '10栋1201' })).total).toBe(1)
  })

  it('refuses a household without a room or with a bad tenure, writing nothing', async () => {
    b = await testBackend()
    const before = registerCounts(b)
    expect(await b.call('households.create', { ...household(), address: { compound: '幸福里', building: '1栋', unit: '', room: '' } })).toMatchObject({
      ok: false,
      error: { code: 'BAD_ARGS', details: { issues: [{ path: 'address.room', message: '请填写房号' }] } }
    })
    expect(await b.call('households.create', { ...household(), tenure: 'castle' })).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } })
    expect(await b.call('households.get', { id: 5 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(registerCounts(b)).toEqual(before)
  })

  it('updates the address (members follow into the new grid) and changes the householder', async () => {
    b = await testBackend()
    const g = await b.ok('grids.create', grid('二网格'))
    await b.ok('grids.assignBuildings', { gridId: g.id, buildings: [{ compound: '幸福里小区', building: '5栋' }] })
    const h = await b.ok('households.create', household())
    const { head, wife } = await family(h.id)
    const updated = await b.ok('households.update', { id: h.id, ...household('幸福里小区', '5栋', '502'), householderId: wife.id })
    expect(updated).toMatchObject({ gridName: '二网格', householderName: '李梅', address: '幸福里小区 5栋 2单元 502' })
    expect((await b.ok('residents.get', { id: wife.id })).relation).toBe('head')
    expect((await b.ok('residents.get', { id: head.id })).relation).toBeNull()
    expect((await b.ok('residents.list', { gridId: g.id })).total).toBe(3)
    const other = await b.ok('households.create', household('阳光花园', '1栋', '1'))
    const stranger = await b.ok('residents.create', resident({ name: '路人', idNumber: makeId('19700101'), householdId: other.id }))
    expect(await b.call('households.update', { id: h.id, ...household(), householderId: stranger.id })).toMatchObject({
      ok: false,
      error: { code: 'RULE_VIOLATION', details: { issues: [{ path: 'householderId' }] } }
    })
  })

  it('deletes a household with its members into the recycle bin', async () => {
    b = await testBackend()
    const h = await b.ok('households.create', household())
    await family(h.id)
    expect(await b.call('households.delete', { id: h.id, reason: '' })).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } })
    expect(await b.ok('households.delete', { id: h.id, reason: '整户搬离' })).toEqual({ id: h.id, members: 3 })
    expect((await b.ok('households.list', {})).total).toBe(0)
    expect((await b.ok('residents.list', {})).total).toBe(0)
    expect(await b.call('households.get', { id: h.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await b.call('residents.create', resident({ name: '新人', idNumber: makeId('19990101'), householdId: h.id }))).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' }
    })
  })

  it('merges two households that turn out to be one', async () => {
    b = await testBackend()
    const a = await b.ok('households.create', household('幸福里小区', '3栋', '301'))
    const dup = await b.ok('households.create', household('幸福里小区', '3栋', '301'))
    const { head } = await family(a.id)
    const other = await b.ok('residents.create', resident({ name: '张老汉', idNumber: makeId('19400101'), householdId: dup.id, relation: 'head' }))
    const merged = await b.ok('households.merge', { sourceId: dup.id, targetId: a.id })
    expect(merged.memberCount).toBe(4)
    expect(merged.householderId).toBe(head.id)
    expect(merged.members.find((m) => m.id === other.id)?.relation).toBeNull()
    expect(await b.call('households.get', { id: dup.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect((await b.ok('recycle.list', {})).rows[0]).toMatchObject({ kind: 'household', id: dup.id, reason: '已并入住户 幸福里小区 3栋 2单元 301' })
    expect(await b.call('households.merge', { sourceId: a.id, targetId: a.id })).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } })
    expect(await b.call('households.merge', { sourceId: dup.id, targetId: a.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})
