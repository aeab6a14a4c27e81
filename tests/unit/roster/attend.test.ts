import { afterEach, describe, expect, it } from 'vitest'
import type { Envelope } from '../../../shared/errors'
import { EMPTY_VOLUNTEER } from '../../../shared/schemas/volunteers'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'

let backend: TestBackend
afterEach(async () => {
  await backend?.close()
})
const fail = (envelope: Envelope<unknown>) => (envelope.ok ? null : envelope.error)
const WEEK = '2026-02-02'

describe('签到 / 签退 as two steps', () => {
  it('records 签到 alone, then 签退 with the hours; the week shows the times; 缺勤 clears them', async () => {
    backend = await testBackend()
    const east = await backend.ok('checkpoints.create', { name: '东门', place: '', kind: 'both', hours: '24小时' })
    const night = await backend.ok('shifts.create', { checkpointId: east.id, name: '夜班', start: '23:00', end: '07:00', minStaff: 1, leadRequired: false })
    const v = await backend.ok('volunteers.create', { ...EMPTY_VOLUNTEER, name: '志愿者甲', phone: '13900000001' })
    const w = await backend.ok('roster.place', { week: WEEK, day: '2026-02-03', templateId: night.id, volunteerId: v.id, isLead: false })
    const id = w.placements[0]?.id ?? 0
    expect(w.placements[0]).toMatchObject({ attendance: null, checkIn: null, checkOut: null })
    // Wednesday 08:00Z: Tuesday's night shift is over (08:00 or 16:00 on the office's clock).
    backend.clock.advance(86_400_000)

    const refused = fail(await backend.call('roster.attend', { id, status: 'present', checkOut: '07:00' }))
    expect(refused).toMatchObject({ code: 'BAD_ARGS', message: '请先签到，再签退' })

    expect(await backend.ok('roster.attend', { id, status: 'present', checkIn: '22:50' })).toMatchObject({
      attendance: 'present',
      checkIn: '22:50',
      checkOut: null,
      minutes: 0
    })
    expect((await backend.ok('roster.week', { week: WEEK })).placements[0]).toMatchObject({ checkIn: '22:50', checkOut: null, minutes: 0 })
    const out = await backend.ok('roster.attend', { id, status: 'present', checkIn: '22:50', checkOut: '07:05' })
    expect(out).toMatchObject({ checkIn: '22:50', checkOut: '07:05', minutes: 8 * 60 + 15 })
    expect((await backend.ok('roster.week', { week: WEEK })).placements[0]).toMatchObject({
      attendance: 'present',
      checkIn: '22:50',
      checkOut: '07:05',
      minutes: 495
    })
    expect(await backend.ok('volunteers.hours', { month: '2026-02' })).toEqual([
      { volunteerId: v.id, name: '志愿者甲', kind: 'resident', shifts: 1, absences: 0, minutes: 495 }
    ])

    await backend.ok('roster.attend', { id, status: 'absent', checkIn: '22:50' })
    expect((await backend.ok('roster.week', { week: WEEK })).placements[0]).toMatchObject({ attendance: 'absent', checkIn: null, checkOut: null, minutes: 0 })
    const summaries = backend.store.all<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'roster.attend' ORDER BY id").map((r) => r.summary)
    expect(summaries).toEqual([
      '签到 志愿者甲（2026-02-03 夜班，22:50）',
      '签到签退 志愿者甲（2026-02-03 夜班，8.3 小时）',
      '记缺勤 志愿者甲（2026-02-03 夜班）'
    ])
  })
})
