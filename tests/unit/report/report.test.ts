import { afterEach, describe, expect, it } from 'vitest'
import { DAY_MS, check, community, trip } from '../returnees/helpers'
import { setupAdmin, testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { loginAs } from '../support/roles'
import { figure, gateEntry } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

describe('每日疫情防控报表: what is counted', () => {
  it('counts people, not trips: one person with two trips is one returnee', async () => {
    b = await testBackend()
    const { zhang, li } = await community(b)
    // 张三: an old trip and one today; 李四: two trips both up to today, one today. Clock: 2026-02-03.
    await b.ok('returnees.register', trip(zhang.id, { returnDate: '2026-01-10', episode: null }))
    await b.ok('returnees.register', trip(zhang.id, { returnDate: '2026-02-03', episode: null }))
    await b.ok(
      'returnees.register',
      trip(li.id, { returnDate: '2026-02-01', episode: null, origin: { province: '北京市', city: '北京市', district: '朝阳区' } })
    )
    await b.ok('returnees.register', trip(li.id, { returnDate: '2026-02-03', episode: null }))
    const r = await b.ok('report.day', {})
    expect(r.day).toBe('2026-02-03')
    expect(figure(r, 'returnees.returnedToday')).toBe(2)
    expect(figure(r, 'returnees.registeredToday')).toBe(2)
    expect(figure(r, 'returnees.total')).toBe(2)
    // Each person under the province of their latest trip: both came back from 湖北 today.
    expect(figure(r, 'returnees.province.湖北省.today')).toBe(2)
    expect(figure(r, 'returnees.province.湖北省.total')).toBe(2)
    expect(() => figure(r, 'returnees.province.北京市.total')).toThrow()
    expect(r.text).toContain('今日返回2人')
  })

  it('leaves a 作废 trip out of every returnee figure', async () => {
    b = await testBackend()
    const { zhang } = await community(b)
    const wrong = await b.ok('returnees.register', trip(zhang.id, { returnDate: '2026-02-03', episode: null }))
    expect(figure(await b.ok('report.day', {}), 'returnees.returnedToday')).toBe(1)
    await b.ok('returnees.voidTrip', { id: wrong.id, reason: '录错了人' })
    const r = await b.ok('report.day', {})
    expect(figure(r, 'returnees.returnedToday')).toBe(0)
    expect(figure(r, 'returnees.registeredToday')).toBe(0)
    expect(figure(r, 'returnees.total')).toBe(0)
    expect(figure(r, 'returnees.notObserved')).toBe(0)
  })

  it('今日返回 goes by the return date, 今日新登记 by the day it was typed in', async () => {
    b = await testBackend()
    const { zhang } = await community(b)
    // Typed in on 02-03 for a return on 02-01.
    await b.ok('returnees.register', trip(zhang.id, { returnDate: '2026-02-01', episode: null }))
    const today = await b.ok('report.day', {})
    expect(figure(today, 'returnees.returnedToday')).toBe(0)
    expect(figure(today, 'returnees.registeredToday')).toBe(1)
    expect(figure(today, 'returnees.total')).toBe(1)
    const returnDay = await b.ok('report.day', { day: '2026-02-01' })
    expect(figure(returnDay, 'returnees.returnedToday')).toBe(1)
    expect(figure(returnDay, 'returnees.registeredToday')).toBe(0)
    const before = await b.ok('report.day', { day: '2026-01-31' })
    expect(figure(before, 'returnees.total')).toBe(0)
  })

  it('a returnee without an observation is 未纳入观察 until one covers the return', async () => {
    b = await testBackend()
    const { zhang, li } = await community(b)
    await b.ok('returnees.register', trip(zhang.id, { returnDate: '2026-02-02', episode: null }))
    await b.ok('returnees.register', trip(li.id, { returnDate: '2026-02-02' }))
    const r = await b.ok('report.day', {})
    expect(figure(r, 'returnees.notObserved')).toBe(1)
    expect(figure(r, 'observation.observing')).toBe(1)
    expect(figure(r, 'observation.kind.home_observation')).toBe(1)
    expect(figure(r, 'observation.newToday')).toBe(0)
    expect(figure(await b.ok('report.day', { day: '2026-02-02' }), 'observation.newToday')).toBe(1)
    await b.ok('monitoring.start', { residentId: zhang.id, tripId: null, kind: 'home_isolation' })
    const after = await b.ok('report.day', {})
    expect(figure(after, 'returnees.notObserved')).toBe(0)
    expect(figure(after, 'observation.kind.home_isolation')).toBe(1)
    expect(figure(after, 'observation.observing')).toBe(2)
  })

  it('a fever at the gate counts with the day’s 异常 whatever its disposition, and 送医 with 转送医院', async () => {
    b = await testBackend()
    const { zhang } = await community(b)
    const gate = await b.ok('checkpoints.create', { name: '东门', place: '', kind: 'both', hours: '' })
    await b.ok('gate.register', gateEntry(gate.id, { who: 'resident', residentId: zhang.id, name: '张三', temperature: 38.2, action: 'hospital' }))
    await b.ok('gate.register', gateEntry(gate.id, { name: '访客乙', phone: '13900001111', temperature: 37.6, action: 'turn_back' }))
    await b.ok('gate.register', gateEntry(gate.id, { name: '访客乙', phone: '13900001111', temperature: 37.8, action: 'turn_back', direction: 'out' }))
    await b.ok('gate.register', gateEntry(gate.id, { name: '访客丙' }))
    const r = await b.ok('report.day', {})
    expect(figure(r, 'gate.checkpoints')).toBe(1)
    expect(figure(r, 'gate.in.visitor')).toBe(2)
    expect(figure(r, 'gate.out.visitor')).toBe(1)
    expect(figure(r, 'gate.in.resident')).toBe(1)
    expect(figure(r, 'gate.fever')).toBe(3)
    expect(figure(r, 'gate.action.hospital')).toBe(1)
    expect(figure(r, 'gate.action.turn_back')).toBe(2)
    // People: 张三 and 访客乙 (twice at the gate, once counted).
    expect(figure(r, 'observation.abnormalGate')).toBe(2)
    expect(figure(r, 'observation.abnormal')).toBe(2)
    expect(figure(r, 'observation.hospitalToday')).toBe(1)
    expect(r.sections.flatMap((s) => s.lines).find((l) => l.key === 'observation.abnormal')?.alert).toBe(true)
  })

  it('a person abnormal both at a check and at the gate is one 异常; 应测/已测/未测 follow the checks', async () => {
    b = await testBackend()
    const { zhang, li } = await community(b)
    const z = await b.ok('returnees.register', trip(zhang.id, { returnDate: '2026-02-01' }))
    await b.ok('returnees.register', trip(li.id, { returnDate: '2026-02-01' }))
    const zEpisode = z.episode?.id
    if (!zEpisode) throw new Error('no episode')
    await b.ok('monitoring.check', check(zEpisode, { morning: 37.9, outcome: 'abnormal', symptoms: ['fever'] }))
    const gate = await b.ok('checkpoints.create', { name: '东门', place: '', kind: 'both', hours: '' })
    await b.ok('gate.register', gateEntry(gate.id, { who: 'resident', residentId: zhang.id, name: '张三', temperature: 38.0, action: 'observe' }))
    const r = await b.ok('report.day', {})
    expect(figure(r, 'observation.due')).toBe(2)
    expect(figure(r, 'observation.checked')).toBe(1)
    expect(figure(r, 'observation.unchecked')).toBe(1)
    expect(figure(r, 'observation.abnormalChecks')).toBe(1)
    expect(figure(r, 'observation.abnormalGate')).toBe(1)
    expect(figure(r, 'observation.abnormal')).toBe(1)
  })

  it('解除 and 转送医院 by their dates; past days keep what was open then', async () => {
    b = await testBackend()
    const { zhang, li, wang } = await community(b)
    // 王五's observation ended on 01-24 and nobody released him: still observed, 期满未解除.
    await b.ok('returnees.register', trip(wang.id, { returnDate: '2026-01-10' }))
    const z = await b.ok('returnees.register', trip(zhang.id, { returnDate: '2026-01-20' }))
    const l = await b.ok('returnees.register', trip(li.id, { returnDate: '2026-01-25' }))
    await b.ok('monitoring.setStatus', { episodeId: z.episode?.id ?? 0, status: 'released', reason: '期满' })
    b.clock.advance(DAY_MS)
    await b.ok('monitoring.setStatus', { episodeId: l.episode?.id ?? 0, status: 'hospital', reason: '发热' })
    const d3 = await b.ok('report.day', { day: '2026-02-03' })
    expect(figure(d3, 'observation.releasedToday')).toBe(1)
    expect(figure(d3, 'observation.observing')).toBe(2)
    // 张三's period ended on 02-03 and he was released that day; 李四's runs to 02-08.
    expect(figure(d3, 'observation.endedNotReleased')).toBe(1)
    expect(figure(d3, 'observation.due')).toBe(1)
    const d4 = await b.ok('report.day', {})
    expect(d4.day).toBe('2026-02-04')
    expect(figure(d4, 'observation.releasedToday')).toBe(0)
    expect(figure(d4, 'observation.releasedTotal')).toBe(1)
    expect(figure(d4, 'observation.hospitalToday')).toBe(1)
    expect(figure(d4, 'observation.observing')).toBe(1)
    // On 02-02, before either closed, all three were observed.
    expect(figure(await b.ok('report.day', { day: '2026-02-02' }), 'observation.observing')).toBe(3)
  })
})

describe('每日疫情防控报表: who may see it', () => {
  it('is the whole community’s: refused to a grid worker, shown to 只读 without export or submit', async () => {
    b = await testBackend()
    const admin = await setupAdmin(b)
    const { east } = await community(b)
    const worker = await loginAs(b, admin, 'wangge', 'grid_worker', [east.id])
    const refused = await worker.call('report.day', {})
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await worker.call('report.export', { day: '2026-02-03' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const reader = await loginAs(b, admin, 'duzhe', 'readonly')
    const seen = await reader.ok('report.day', {})
    expect(seen.header.unit).toBe('幸福里社区')
    expect(await reader.call('report.submit', { day: '2026-02-03', reporter: '', phone: '', reviewer: '', note: '', digest: seen.digest })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    })
    expect(await reader.call('report.export', { day: '2026-02-03' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('refuses a day that does not exist', async () => {
    b = await testBackend()
    expect(await b.call('report.day', { day: '2026-02-30' })).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } })
  })
})
