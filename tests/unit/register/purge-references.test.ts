import { afterEach, describe, expect, it } from 'vitest'
import { EMPTY_HELP } from '../../../shared/schemas/help'
import { EMPTY_UNIT } from '../../../shared/schemas/units'
import { trip } from '../returnees/helpers'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { household, makeId, registerCounts, resident } from './fixtures'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

async function home() {
  b = await testBackend()
  const h = await b.ok('households.create', household())
  const grandma = await b.ok('residents.create', resident({ name: '刘奶奶', idNumber: makeId('19400101', '124'), householdId: h.id, relation: 'head' }))
  return { h, grandma }
}

/**
 * 彻底删除 from the 回收站 of a person or household that other modules' records still name: refused
 * with the records named (found by the schema's foreign keys), nothing removed; never 程序内部出错.
 */
describe('purging a person or household that other records still name', () => {
  it('refuses a person with a trip and its observation, naming both; nothing is removed', async () => {
    const { grandma } = await home()
    await b.ok('returnees.register', trip(grandma.id, { returnDate: '2026-02-01' }))
    await b.ok('residents.delete', { id: grandma.id, reason: '去世' })
    const before = registerCounts(b)
    const refused = await b.call('recycle.purge', { kind: 'resident', id: grandma.id })
    expect(refused).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } })
    const message = refused.ok ? '' : refused.error.message
    expect(message).toContain('刘奶奶 还有')
    expect(message).toContain('返程登记 1 条')
    expect(message).toContain('居家观察 1 条')
    expect(message).toContain('暂时不能彻底删除')
    expect(registerCounts(b)).toEqual(before)
    expect((await b.ok('recycle.list', {})).rows.map((r) => r.id)).toEqual([grandma.id])
  })

  it('names a help request and a job in a shop; the household the request names is kept too', async () => {
    const { h, grandma } = await home()
    await b.ok('help.create', { ...EMPTY_HELP, householdId: h.id, residentId: grandma.id, content: '帮忙买菜' })
    const shop = await b.ok('units.create', {
      ...EMPTY_UNIT,
      name: '好邻居便利店',
      compound: '幸福里小区',
      building: '3栋',
      door: '底商 2 号',
      managerName: '陈老板',
      managerPhone: '13912345678'
    })
    await b.ok('units.addWorker', { unitId: shop.id, residentId: grandma.id, outsider: null, role: '店员', trip: null, episode: null })
    await b.ok('residents.delete', { id: grandma.id, reason: '去世' })
    const refused = await b.call('recycle.purge', { kind: 'resident', id: grandma.id })
    const message = refused.ok ? '' : refused.error.message
    expect(message).toContain('居民求助 1 条')
    expect(message).toContain('从业人员 1 条')
    await b.ok('households.delete', { id: h.id, reason: '整户搬离' })
    const household = await b.call('recycle.purge', { kind: 'household', id: h.id })
    expect(household.ok ? '' : household.error.message).toContain('住户 ')
    expect(household.ok ? '' : household.error.message).toContain('居民求助 1 条')
  })

  it('still purges a person nobody else names', async () => {
    const { grandma } = await home()
    await b.ok('residents.delete', { id: grandma.id, reason: '去世' })
    expect(await b.ok('recycle.purge', { kind: 'resident', id: grandma.id })).toMatchObject({ purged: 1 })
    expect(registerCounts(b)).toMatchObject({ residents: 0 })
  })
})
