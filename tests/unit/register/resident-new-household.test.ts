import { afterEach, describe, expect, it } from 'vitest'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { grid, household, makeId, registerCounts, resident, workerOf } from './fixtures'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

describe('登记居民 with a household typed in the same form (residents.create newHousehold)', () => {
  it('creates the household and the person in one step, the person as its 户主, one 操作日志 row', async () => {
    b = await testBackend()
    const auditBefore = b.count('audit_log')
    const person = await b.ok('residents.create', resident({ name: '赵新', relation: 'head', newHousehold: household('幸福里小区', '7栋', '702', '1单元') }))
    expect(person.householdId).not.toBeNull()
    const home = await b.ok('households.get', { id: person.householdId! })
    expect(home.address).toBe('幸福里小区 7栋 1单元 702')
    expect(home.members.map((m) => m.name)).toEqual(['赵新'])
    expect(home.householderName).toBe('赵新')
    expect(b.count('audit_log')).toBe(auditBefore + 1)
    const row = b.store.get<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'residents.create'")
    expect(row?.summary).toContain('新建住户 幸福里小区 7栋 1单元 702')
  })

  it('a refused person leaves no household behind', async () => {
    b = await testBackend()
    await b.ok('residents.create', resident({ name: '张三', idNumber: makeId('19800101') }))
    const before = registerCounts(b)
    const again = await b.call(
      'residents.create',
      resident({ name: '张三', idNumber: makeId('19800101'), newHousehold: household('幸福里小区', '8栋', '801') })
    )
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(registerCounts(b)).toEqual(before)
  })

  it('refuses an existing household and a new one at once, writing nothing', async () => {
    b = await testBackend()
    const existing = await b.ok('households.create', household('幸福里小区', '3栋', '301'))
    const before = registerCounts(b)
    const both = await b.call('residents.create', resident({ householdId: existing.id, newHousehold: household('幸福里小区', '9栋', '901') }))
    expect(both).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } })
    if (!both.ok) expect(both.error.message).toContain('二者选一')
    expect(registerCounts(b)).toEqual(before)
  })

  it('lets a grid worker create a household in their own grid only', async () => {
    b = await testBackend()
    const mine = await b.ok('grids.create', grid('甲网格'))
    await b.ok('grids.assignBuildings', { gridId: mine.id, buildings: [{ compound: '幸福里小区', building: '3栋' }] })
    const other = await b.ok('grids.create', grid('乙网格'))
    await b.ok('grids.assignBuildings', { gridId: other.id, buildings: [{ compound: '幸福里小区', building: '5栋' }] })
    const worker = workerOf(mine.id)
    const before = registerCounts(b)
    const outside = await b.call('residents.create', resident({ name: '外网格', newHousehold: household('幸福里小区', '5栋', '501') }), worker)
    expect(outside.ok).toBe(false)
    expect(registerCounts(b)).toEqual(before)
    const inside = await b.call('residents.create', resident({ name: '本网格', relation: 'head', newHousehold: household('幸福里小区', '3栋', '302') }), worker)
    expect(inside).toMatchObject({ ok: true, data: { name: '本网格', gridName: '甲网格' } })
  })
})
