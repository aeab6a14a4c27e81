import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EMPTY_VOLUNTEER } from '../../../shared/schemas/volunteers'
import { grid, household, resident } from '../register/fixtures'
import { trip } from '../returnees/helpers'
import { setupAdmin, testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { callerOf, loginAs } from '../support/roles'
import type { Caller } from '../support/roles'
import { NAME, PEOPLE, TWINS, expectIndistinguishable, fileRows, idOf, perPerson, unknownPositions } from './twins'

/**
 * Attack: combine every field of every masked view and export of a person to rebuild their ID
 * (masked 110101********XXXX) and mobile (138****5678).
 *
 * Method: twins. Beside the target live people who share everything an attacker could see and
 * differ only in the hidden digits: same name, household, trip, volunteer entry; IDs with the same
 * region and last 4 (same sequence and check digit) but other birth dates in the same year;
 * mobiles with the same first 3 and last 4. If every masked view and export, read through dispatch
 * by the attacking roles, shows the target and each twin identically (record ids aside), nothing
 * shown tells them apart, so every digit position in which they differ cannot be derived. Those
 * positions are counted: at least 4 of the ID and 4 of the phone.
 */
let b: TestBackend
let admin: Caller
let readonly: Caller
let gridWorker: Caller
let gate: Caller
const residentIds: number[] = []
const episodeIds: number[] = []
let householdId = 0

beforeAll(async () => {
  b = await testBackend('file')
  const token = await setupAdmin(b)
  admin = callerOf(b, token)
  const east = await b.ok('grids.create', grid('东区', { workers: [{ name: '网格员甲', phone: '13900002222' }] }))
  await b.ok('grids.assignBuildings', { gridId: east.id, buildings: [{ compound: '幸福里小区', building: '1栋' }] })
  householdId = (await b.ok('households.create', household('幸福里小区', '1栋', '101'))).id
  for (const person of PEOPLE) {
    const r = await b.ok('residents.create', resident({ name: NAME, idNumber: idOf(person.date), phones: [person.phone], householdId, relation: 'child' }))
    residentIds.push(r.id)
    const registered = await b.ok('returnees.register', trip(r.id, { returnDate: '2026-02-01' }))
    episodeIds.push(registered.episode?.id ?? 0)
    await b.ok('volunteers.create', { ...EMPTY_VOLUNTEER, residentId: r.id, kind: 'resident', gridId: east.id })
  }
  readonly = await loginAs(b, token, 'duzhe', 'readonly')
  gridWorker = await loginAs(b, token, 'wangge', 'grid_worker', [east.id])
  gate = await loginAs(b, token, 'kakou', 'gate')
}, 120_000)
afterAll(async () => {
  await b?.close()
})

describe('attack: combining every field of every masked view and export', () => {
  it('has twins that differ from the target in month and day only', () => {
    expect(TWINS.length).toBeGreaterThanOrEqual(2)
    expect(new Set(PEOPLE.map((p) => idOf(p.date).slice(-4))).size).toBe(1)
    expect(new Set(PEOPLE.map((p) => p.date.slice(0, 4))).size).toBe(1)
  })

  it('只读: lists, details, household members, returnees, monitoring worklists, the printed sheet and volunteers tell nobody apart', async () => {
    const list = await readonly.ok('residents.list', { q: NAME })
    expectIndistinguishable('residents.list', list.rows)
    expectIndistinguishable('residents.get', await perPerson(readonly, 'residents.get', (i) => ({ id: residentIds[i] ?? 0 })))
    const members = (await readonly.ok('households.get', { id: householdId })).members
    expectIndistinguishable('households.get members', members)
    expectIndistinguishable('returnees.list', (await readonly.ok('returnees.list', {})).rows)
    expectIndistinguishable('returnees.get', await perPerson(readonly, 'returnees.get', (i) => ({ residentId: residentIds[i] ?? 0 })))
    for (const list of ['due', 'ending', 'missed', 'abnormal'] as const) {
      const rows = (await readonly.ok('monitoring.worklist', { list })).rows
      if (rows.length > 0) expectIndistinguishable(`monitoring.worklist ${list}`, rows)
    }
    expectIndistinguishable('monitoring.episode', await perPerson(readonly, 'monitoring.episode', (i) => ({ id: episodeIds[i] ?? 0 })))
    const sheet = await readonly.ok('monitoring.sheet', {})
    expectIndistinguishable(
      'monitoring.sheet',
      sheet.groups.flatMap((g) => g.rows)
    )
    expectIndistinguishable('volunteers.list', await readonly.ok('volunteers.list', {}))
  })

  it('卡口值守: the gate look-up by name and by a phone tail tells nobody apart', async () => {
    expectIndistinguishable('gate.search name', await gate.ok('gate.search', { q: NAME }))
    expectIndistinguishable('gate.search tail', await gate.ok('gate.search', { q: '5678' }))
  })

  it('网格员: masked exports, CSV and every built-in report template tell nobody apart; a full export does', async () => {
    const files = [
      await gridWorker.ok('excel.exportList', { list: 'residents', filter: { q: NAME } }),
      await gridWorker.ok('excel.exportList', { list: 'residents', filter: {}, format: 'csv' }),
      await gridWorker.ok('excel.exportList', { list: 'returnees', filter: {} }),
      await gridWorker.ok('excel.exportList', { list: 'returnees', filter: {}, format: 'csv' }),
      await gridWorker.ok('excel.exportList', { list: 'observations', filter: {} }),
      await gridWorker.ok('excel.exportList', { list: 'observations', filter: {}, format: 'csv' })
    ]
    for (const templateId of ['builtin:residents-roster', 'builtin:returnee-check', 'builtin:observation-ledger']) {
      files.push(await gridWorker.ok('excel.fillTemplate', { templateId, filter: {} }))
    }
    for (const file of files) expectIndistinguishable(file.fileName, await fileRows(file.bytes, file.fileName))
    // The comparison is not blind: with full numbers (audited) the same rows differ.
    const full = await admin.ok('excel.exportListFull', { list: 'residents', filter: { q: NAME }, reason: '核对' })
    expect(new Set(await fileRows(full.bytes, full.fileName)).size).toBe(PEOPLE.length)
  })

  it('leaves at least 4 digits of the ID and 4 of the phone that cannot be derived', () => {
    // Everything shown above is the same for all of them, so each position in which they differ is unknown.
    const idUnknown = unknownPositions(PEOPLE.map((p) => idOf(p.date)))
    const phoneUnknown = unknownPositions(PEOPLE.map((p) => p.phone))
    expect(idUnknown).toEqual([10, 11, 12, 13])
    expect(phoneUnknown).toEqual([3, 4, 5, 6])
  })
})
