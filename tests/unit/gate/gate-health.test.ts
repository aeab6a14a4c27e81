import { afterEach, describe, expect, it } from 'vitest'
import type { GateEntryView } from '../../../shared/contract'
import { loginNewAccount, setupAdmin, testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { arrangeGate, failure, gateEntry } from './gate-support'

let backend: TestBackend
afterEach(async () => {
  await backend?.close()
})

/** The clock's hour on the office's wall decides the slot of the gate's reading (早 before noon). */
const slot = () => (backend.clock.now().getHours() < 12 ? 'morning' : 'evening')

async function observed() {
  const arranged = await arrangeGate(backend)
  const episode = await backend.ok('monitoring.start', { residentId: arranged.resident.id, tripId: null, kind: 'home_observation', startDate: '2026-02-01' })
  return { ...arranged, episode }
}

const feverOf = (checkpointId: number, residentId: number, action: 'turn_back' | 'observe' | 'hospital' = 'hospital') =>
  gateEntry(checkpointId, { who: 'resident', residentId, name: '', reason: '', temperature: 38.4, action })

describe('a gate fever of a resident under observation', () => {
  it('is the day’s check of their episode: 异常, in the 异常 worklist and counted', async () => {
    backend = await testBackend()
    const { east, resident, episode } = await observed()
    const saved = await backend.ok('gate.register', feverOf(east.id, resident.id))
    expect(saved.health).toEqual({ episodeId: episode.id, kind: '居家观察', open: true })

    const detail = await backend.ok('monitoring.episode', { id: episode.id })
    expect(detail.abnormal).toBe(true)
    expect(detail.checks).toHaveLength(1)
    expect(detail.checks[0]).toMatchObject({ day: '2026-02-03', outcome: 'abnormal', abnormal: true, [slot()]: 38.4, note: '卡口（东门）测得 38.4℃，送医' })
    const worklist = await backend.ok('monitoring.worklist', { list: 'abnormal' })
    expect(worklist.rows.map((row: { name: string }) => row.name)).toEqual(['曾小明'])
    const today = await backend.ok('monitoring.today', {})
    expect(today.abnormal).toBe(1)
    expect(today.report).toMatchObject({ abnormalChecksToday: 1, gateFevers: 1, gateHospital: 1, hospital: 0 })
  })

  it('keeps the day’s earlier check and adds the gate’s reading to it', async () => {
    backend = await testBackend()
    const { east, resident, episode } = await observed()
    const other = slot() === 'morning' ? 'evening' : 'morning'
    await backend.ok('monitoring.check', {
      episodeId: episode.id,
      morning: null,
      evening: null,
      [other]: 36.6,
      symptoms: ['fatigue'],
      outcome: 'normal',
      note: '电话'
    })
    await backend.ok('gate.register', feverOf(east.id, resident.id, 'observe'))
    const [check] = (await backend.ok('monitoring.episode', { id: episode.id })).checks
    expect(check).toMatchObject({ [other]: 36.6, [slot()]: 38.4, symptoms: ['fatigue'], outcome: 'abnormal', note: '电话；卡口（东门）测得 38.4℃，留观' })
  })

  it('closes the episode as 转送医院 when the gate confirms 送医, and only then', async () => {
    backend = await testBackend()
    const { east, resident, episode } = await observed()
    const admin = await setupAdmin(backend)
    await backend.callAs(admin, 'accounts.create', { username: 'gate1', displayName: '李值守', role: 'gate', password: 'Gate#2026ab' })
    const gate = (await loginNewAccount(backend, 'gate1', 'Gate#2026ab')).token
    const observe = (await backend.callAs(gate, 'gate.register', feverOf(east.id, resident.id, 'observe'))) as { ok: true; data: GateEntryView }
    expect(failure(await backend.callAs(gate, 'gate.hospital', { entryId: observe.data.id }))?.code).toBe('RULE_VIOLATION')
    expect((await backend.ok('monitoring.episode', { id: episode.id })).status).toBe('observing')

    const sent = (await backend.callAs(gate, 'gate.register', feverOf(east.id, resident.id, 'hospital'))) as { ok: true; data: GateEntryView }
    expect(await backend.callAs(gate, 'gate.hospital', { entryId: sent.data.id })).toEqual({ ok: true, data: { name: '曾小明' } })
    const closed = await backend.ok('monitoring.episode', { id: episode.id })
    expect(closed).toMatchObject({ status: 'hospital', statusDate: '2026-02-03', statusReason: '卡口（东门）体温 38.4℃，送医' })
    expect((await backend.ok('monitoring.today', {})).report.hospital).toBe(1)
    expect(failure(await backend.callAs(gate, 'gate.hospital', { entryId: sent.data.id }))?.code).toBe('RULE_VIOLATION')
    const audit = backend.store.get<{ summary: string }>(`SELECT summary FROM audit_log WHERE method = 'gate.hospital'`)
    expect(audit?.summary).toBe('卡口送医：曾小明 的观察记录标记为转送医院')
  })

  it('is taken back out of the check by a 更正 of the temperature, and stays when the 更正 keeps a fever', async () => {
    backend = await testBackend()
    const { east, resident, episode } = await observed()
    const saved = await backend.ok('gate.register', feverOf(east.id, resident.id, 'observe'))
    const base = { entryId: saved.id, direction: 'in', who: 'resident', name: '', phone: '', reason: '', plate: '', note: '录错' } as const
    await backend.ok('gate.correct', { ...base, temperature: 38.9, action: 'observe' })
    expect((await backend.ok('monitoring.episode', { id: episode.id })).checks[0]).toMatchObject({ [slot()]: 38.9, abnormal: true })
    await backend.ok('gate.correct', { ...base, temperature: 36.4, action: 'pass' })
    const after = await backend.ok('monitoring.episode', { id: episode.id })
    expect(after.checks).toEqual([])
    expect(after.abnormal).toBe(false)
    expect((await backend.ok('monitoring.today', {})).report.gateFevers).toBe(0)
  })

  it('waits for the office when a grid worker has saved the day’s check since the gate', async () => {
    backend = await testBackend()
    const { east, resident, episode } = await observed()
    const saved = await backend.ok('gate.register', feverOf(east.id, resident.id, 'observe'))
    backend.clock.advance(60_000)
    await backend.ok('monitoring.check', { episodeId: episode.id, morning: 38.4, evening: 38.4, symptoms: [], outcome: 'abnormal', note: '复测' })
    const refused = await backend.call('gate.correct', {
      entryId: saved.id,
      direction: 'in',
      who: 'resident',
      name: '',
      phone: '',
      reason: '',
      plate: '',
      temperature: 36.4,
      action: 'pass',
      note: '录错'
    })
    expect(failure(refused)).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('已由网格员更新') })
    expect(backend.count('gate_corrections')).toBe(0)
    expect((await backend.ok('monitoring.episode', { id: episode.id })).checks[0]).toMatchObject({ note: '复测', abnormal: true })
  })
})

describe('a gate fever of a resident not under observation', () => {
  it('is a health event of the person: on their page, in the day’s list and counts', async () => {
    backend = await testBackend()
    const { east, resident } = await arrangeGate(backend)
    await backend.ok('gate.register', gateEntry(east.id, { temperature: 38.0, action: 'turn_back' })) // a visitor: counted, no person page
    const saved = await backend.ok('gate.register', feverOf(east.id, resident.id, 'turn_back'))
    expect(saved.health).toBeNull()
    const mine = await backend.ok('gate.fevers', { residentId: resident.id })
    expect(mine).toEqual([
      expect.objectContaining({
        id: saved.id,
        name: '曾小明',
        checkpointName: '东门',
        temperature: 38.4,
        action: 'turn_back',
        episodeId: null,
        address: '幸福里小区 3栋 2单元 301'
      })
    ])
    expect((await backend.ok('gate.fevers', {})).map((f: { name: string }) => f.name)).toEqual(['曾小明'])
    expect((await backend.ok('gate.fevers', { day: '2026-02-02' })).length).toBe(0)
    expect((await backend.ok('monitoring.today', {})).report).toMatchObject({ gateFevers: 2, gateHospital: 0 })
    expect(failure(await backend.call('gate.fevers', { residentId: 9999 }))?.code).toBe('NOT_FOUND')
  })
})
