import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EMPTY_HELP } from '../../../shared/schemas/help'
import { EMPTY_UNIT } from '../../../shared/schemas/units'
import { EMPTY_VOLUNTEER } from '../../../shared/schemas/volunteers'
import { grid, household, resident } from '../register/fixtures'
import { setupAdmin, testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { loginAs } from '../support/roles'
import type { Caller } from '../support/roles'
import { NAME, PEOPLE, expectIndistinguishable, fileRows, idOf, perPerson, withoutIds } from './twins'

/**
 * The twins attack of masked-views.attack.test.ts, on the domains that came later: 居民求助 (the
 * request, its steps, the volunteer's printed task list and the 居民求助登记表) and 商铺单位 (a
 * shop's workers, the worker search and the 从业人员 export). Each twin is a resident who asks for
 * help, serves as the volunteer who takes it, and works in the same shop; an attacker reading these
 * as 只读 or 网格员 must not tell the target from a twin, and so cannot derive the hidden digits.
 */
let b: TestBackend
let readonly: Caller
let gridWorker: Caller
const requestIds: number[] = []
let unitId = 0

beforeAll(async () => {
  b = await testBackend('file')
  const token = await setupAdmin(b)
  const east = await b.ok('grids.create', grid('东区', { workers: [{ name: '网格员甲', phone: '13900002222' }] }))
  await b.ok('grids.assignBuildings', { gridId: east.id, buildings: [{ compound: '幸福里小区', building: '1栋' }] })
  const householdId = (await b.ok('households.create', household('幸福里小区', '1栋', '101'))).id
  const shop = await b.ok('units.create', {
    ...EMPTY_UNIT,
    name: '好邻居便利店',
    compound: '幸福里小区',
    building: '1栋',
    door: '底商 1 号',
    managerName: '陈老板',
    managerPhone: '13912345678'
  })
  unitId = shop.id
  for (const person of PEOPLE) {
    const r = await b.ok('residents.create', resident({ name: NAME, idNumber: idOf(person.date), phones: [person.phone], householdId, relation: 'child' }))
    const volunteer = await b.ok('volunteers.create', { ...EMPTY_VOLUNTEER, residentId: r.id, kind: 'resident', gridId: east.id })
    const request = await b.ok('help.create', { ...EMPTY_HELP, householdId, residentId: r.id, content: '帮忙买一周的菜' })
    await b.ok('help.act', { id: request.id, action: 'assign', volunteerId: volunteer.id, note: '' })
    requestIds.push(request.id)
    await b.ok('units.addWorker', { unitId, residentId: r.id, outsider: null, role: '店员', trip: null, episode: null })
  }
  readonly = await loginAs(b, token, 'duzhe', 'readonly')
  gridWorker = await loginAs(b, token, 'wangge', 'grid_worker', [east.id])
}, 120_000)
afterAll(async () => {
  await b?.close()
})

describe('attack: combining the masked fields of help requests and shop workers', () => {
  it('只读: 求助台账, each request and the shop’s workers tell nobody apart', async () => {
    const rows = (await readonly.ok('help.list', {})).rows
    expect(rows).toHaveLength(PEOPLE.length)
    expectIndistinguishable('help.list', rows)
    expectIndistinguishable('help.list q', (await readonly.ok('help.list', { q: NAME })).rows)
    expectIndistinguishable('help.get', await perPerson(readonly, 'help.get', (i) => ({ id: requestIds[i] ?? 0 })))
    expectIndistinguishable('units.get workers', (await readonly.ok('units.get', { id: unitId })).workerList)
    const hits = await readonly.ok('units.workers', { q: NAME })
    expectIndistinguishable('units.workers', hits.rows)
  })

  it('网格员: the 居民求助登记表 and the 从业人员 export tell nobody apart', async () => {
    const files = [await gridWorker.ok('help.export', {}), await gridWorker.ok('excel.exportList', { list: 'unitWorkers', filter: {} })]
    for (const file of files) {
      const rows = await fileRows(file.bytes, file.fileName)
      expect(rows.length, file.fileName).toBeGreaterThan(0)
      expectIndistinguishable(file.fileName, rows)
    }
  })

  it('is not blind: the task list, printed whole for a role that may reveal, tells them apart and is audited', async () => {
    const before = b.count('audit_log')
    const full = await gridWorker.ok('help.taskList', {})
    expect(full.full).toBe(true)
    expect(b.count('audit_log')).toBe(before + 1)
    const shown = full.groups.map((group) => JSON.stringify(withoutIds(group)))
    expect(new Set(shown).size).toBe(PEOPLE.length)
  })
})
