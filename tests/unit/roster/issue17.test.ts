import { afterEach, describe, expect, it } from 'vitest'
import type { Envelope } from '../../../shared/errors'
import { EMPTY_VOLUNTEER } from '../../../shared/schemas/volunteers'
import { ALL_AVAILABLE } from '../../../shared/domain/roster-rules'
import { setupAdmin, testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { callerOf, loginAs } from '../support/roles'

let backend: TestBackend
afterEach(async () => {
  await backend?.close()
})
const fail = (envelope: Envelope<unknown>) => (envelope.ok ? null : envelope.error)
const WEEK = '2026-02-02' // Monday; the test clock starts at Tuesday 2026-02-03 08:00Z
const HOUR = 3_600_000
/** Availability with the given flags (day * 3 + period) cleared. */
const without = (...flags: number[]) => Array.from(ALL_AVAILABLE, (c, i) => (flags.includes(i) ? '0' : c)).join('')

async function arrange(hours = '24小时') {
  backend = await testBackend()
  const east = await backend.ok('checkpoints.create', { name: '东门', place: '', kind: 'both', hours })
  const shift = (name: string, start: string, end: string, minStaff = 1) =>
    backend.ok('shifts.create', { checkpointId: east.id, name, start, end, minStaff, leadRequired: false })
  return { east, shift }
}

describe('availability over the whole span of a shift', () => {
  it('refuses 中班 15:00-23:00 to someone not free in the evening, and auto-fill never places them there', async () => {
    const { shift } = await arrange()
    const middle = await shift('中班', '15:00', '23:00')
    // Free every afternoon, never in the evening: the start (15:00) alone would let them in.
    const evenings = [2, 5, 8, 11, 14, 17, 20]
    const dayOnly = await backend.ok('volunteers.create', { ...EMPTY_VOLUNTEER, name: '白天', phone: '13900000001', availability: without(...evenings) })
    const refused = fail(await backend.call('roster.place', { week: WEEK, day: '2026-02-04', templateId: middle.id, volunteerId: dayOnly.id, isLead: false }))
    expect(refused).toMatchObject({ code: 'RULE_VIOLATION', message: '白天 东门 周三 中班 不在其可值班时间内（周三晚上未登记可值班）' })
    for (const n of [2, 3]) await backend.ok('volunteers.create', { ...EMPTY_VOLUNTEER, name: `全天${n}`, phone: `1390000000${n}` })
    const report = await backend.ok('roster.autoFill', { week: WEEK, includePast: true })
    expect(report.week.placements.filter((p) => p.volunteerId === dayOnly.id)).toEqual([])
    expect(report.week.placements).toHaveLength(7)
  })

  it('checks an overnight shift on both days it touches: 22:00-08:00 needs the evening and the next morning', async () => {
    const { shift } = await arrange()
    const night = await shift('夜班', '23:00', '07:00')
    const long = await shift('长夜班', '22:00', '08:00')
    // Sunday evening free, Monday morning (flag 0) not: Sunday's 夜班 ends at 07:00, inside the evening.
    const v = await backend.ok('volunteers.create', { ...EMPTY_VOLUNTEER, name: '夜猫', phone: '13900000003', availability: without(0) })
    await backend.ok('roster.place', { week: WEEK, day: '2026-02-08', templateId: night.id, volunteerId: v.id, isLead: false })
    const refused = fail(
      await backend.call('roster.place', { week: WEEK, day: '2026-02-08', templateId: long.id, volunteerId: v.id, isLead: false, force: false })
    )
    expect(refused?.message).toContain('夜猫 东门 周日 长夜班 不在其可值班时间内（周一上午未登记可值班）')
  })
})

describe('auto-fill on a Saturday', () => {
  it('leaves Monday to Friday and the shifts already begun alone, unless asked to fill the past too', async () => {
    const { shift } = await arrange()
    const early = await shift('早班', '07:00', '15:00')
    const night = await shift('夜班', '23:00', '07:00')
    for (let i = 1; i <= 6; i++) await backend.ok('volunteers.create', { ...EMPTY_VOLUNTEER, name: `志愿者${i}`, phone: `1390000000${i}` })
    // Saturday 2026-02-07 02:00Z: 02:00 in UTC, 10:00 in Shanghai; Friday's night shift has begun in both.
    backend.clock.advance(3 * 24 * HOUR + 18 * HOUR)
    const report = await backend.ok('roster.autoFill', { week: WEEK })
    const days = new Set(report.week.placements.map((p) => p.dayIndex))
    expect([...days].filter((d) => d < 5)).toEqual([])
    for (const [day, t] of [
      [5, night],
      [6, early],
      [6, night]
    ] as const)
      expect(report.week.placements.some((p) => p.dayIndex === day && p.templateId === t.id)).toBe(true)
    // 5 days x 2 shifts, and Saturday's 早班 too where 07:00 has passed (Shanghai).
    expect(report.skippedPast).toBeGreaterThanOrEqual(10)
    expect(report.added).toBe(report.week.placements.length)
    const summary = backend.store.get<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'roster.autoFill'")?.summary
    expect(summary).toMatch(/^自动排班 2026-02-02 起一周：新增 \d+ 人次，0 处未排满，已开始或已过去的 1[01] 处未排$/)

    const again = await backend.ok('roster.autoFill', { week: WEEK, includePast: true })
    expect(again.skippedPast).toBe(0)
    expect(new Set(again.week.placements.map((p) => p.dayIndex)).size).toBe(7)
    const last = backend.store.get<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'roster.autoFill' ORDER BY id DESC")?.summary
    expect(last).toMatch(/^自动排班 2026-02-02 起一周（含已过去的日子）：新增 \d+ 人次/)
  })
})

describe('attendance is never recorded ahead of time, and can be undone', () => {
  async function placed() {
    const { shift } = await arrange()
    const early = await shift('早班', '07:00', '15:00')
    const v = await backend.ok('volunteers.create', { ...EMPTY_VOLUNTEER, name: '志愿者甲', phone: '13900000001' })
    const w = await backend.ok('roster.place', { week: WEEK, day: '2026-02-05', templateId: early.id, volunteerId: v.id, isLead: false })
    return w.placements[0]?.id ?? 0
  }

  it('refuses 签到 for tomorrow, 签退 at a time still to come and 缺勤 before the shift, writing nothing', async () => {
    const id = await placed()
    // Wednesday 2026-02-04 08:00Z: the placement is Thursday's.
    backend.clock.advance(24 * HOUR)
    const audits = backend.count('audit_log')
    const tomorrow = fail(await backend.call('roster.attend', { id, status: 'present', checkIn: '07:00' }))
    expect(tomorrow).toMatchObject({ code: 'BAD_ARGS', details: { issues: [{ path: 'checkIn', message: '时间还没到' }] } })
    expect(tomorrow?.message).toMatch(/^签到时间 2026-02-05 07:00 还没到，不能提前签到（现在是 2026-02-04 (08|16):00）$/)
    expect(fail(await backend.call('roster.attend', { id, status: 'absent' }))?.message).toMatch(/^2026-02-05 早班 07:00 才开始，还不能记缺勤/)
    expect(fail(await backend.call('roster.attend', { id, status: 'present' }))?.message).toMatch(/^2026-02-05 早班 还没结束，不能按整班记到岗/)

    // Thursday 2026-02-05 00:00Z, i.e. 08:00 in Shanghai: 07:00 has come, 23:59 has not (any zone).
    backend.clock.advance(16 * HOUR)
    const early = fail(await backend.call('roster.attend', { id, status: 'present', checkIn: '23:59' }))
    expect(early?.message).toContain('签到时间 2026-02-05 23:59 还没到，不能提前签到')
    expect(backend.count('audit_log')).toBe(audits)
    expect(backend.count('roster_attendance')).toBe(0)
  })

  it('undoes 签退 then 签到, each in the 操作日志 with what was undone', async () => {
    const id = await placed()
    backend.clock.advance(3 * 24 * HOUR) // Friday: Thursday's shift is over
    await backend.ok('roster.attend', { id, status: 'present', checkIn: '07:05', checkOut: '15:02' })
    expect(await backend.ok('roster.undoAttend', { id })).toMatchObject({ attendance: 'present', checkIn: '07:05', checkOut: null, minutes: 0 })
    expect(await backend.ok('roster.undoAttend', { id })).toMatchObject({ attendance: null, checkIn: null, checkOut: null })
    expect(fail(await backend.call('roster.undoAttend', { id }))).toMatchObject({
      code: 'RULE_VIOLATION',
      message: '志愿者甲（2026-02-05 早班）还没有签到或缺勤记录，没有可撤销的。'
    })
    await backend.ok('roster.attend', { id, status: 'absent' })
    await backend.ok('roster.undoAttend', { id })
    const rows = backend.store.all<{ summary: string; detail: string }>("SELECT summary, detail FROM audit_log WHERE method = 'roster.undoAttend' ORDER BY id")
    expect(rows.map((r) => r.summary)).toEqual([
      '撤销签退 志愿者甲（2026-02-05 早班，签退 15:02；保留签到 07:05）',
      '撤销签到 志愿者甲（2026-02-05 早班，签到 07:05）',
      '撤销缺勤 志愿者甲（2026-02-05 早班）'
    ])
    expect(JSON.parse(rows[0]?.detail ?? '{}')).toMatchObject({ before: { status: 'present', checkIn: '07:05', checkOut: '15:02', minutes: 477 } })
    expect((await backend.ok('roster.week', { week: WEEK })).placements[0]).toMatchObject({ attendance: null })
  })
})

describe("a shift outside its checkpoint's opening hours", () => {
  it('warns on the shift and in the week, and the warning goes when the hours cover it', async () => {
    const { east, shift } = await arrange('06:00-22:00')
    expect((await shift('早班', '07:00', '15:00')).hoursWarning).toBe('')
    const night = await shift('夜班', '23:00', '07:00')
    expect(night.hoursWarning).toBe('东门 开放时间为 06:00-22:00，夜班 23:00-07:00 超出了开放时间')
    expect((await shift('晚班', '15:00', '22:00')).hoursWarning).toBe('')
    expect((await backend.ok('roster.week', { week: WEEK })).shiftWarnings).toEqual([{ templateId: night.id, message: night.hoursWarning }])
    await backend.ok('checkpoints.update', { id: east.id, name: '东门', place: '', kind: 'both', hours: '24小时' })
    expect((await backend.ok('roster.week', { week: WEEK })).shiftWarnings).toEqual([])
    expect((await backend.ok('shifts.list', {})).every((s) => s.hoursWarning === '')).toBe(true)
  })
})

describe('the printed 值班排班表', () => {
  it('gives full phones to a role that may reveal numbers (logged), masked ones to 只读 (nothing logged)', async () => {
    backend = await testBackend()
    const admin = await setupAdmin(backend)
    const clerk = await loginAs(backend, admin, 'clerk1', 'staff')
    const cp = await clerk.ok('checkpoints.create', { name: '东门', place: '', kind: 'both', hours: '24小时' })
    const early = await clerk.ok('shifts.create', { checkpointId: cp.id, name: '早班', start: '07:00', end: '15:00', minStaff: 1, leadRequired: false })
    const on = await clerk.ok('volunteers.create', { ...EMPTY_VOLUNTEER, name: '在表上', phone: '13912345678' })
    const off = await clerk.ok('volunteers.create', { ...EMPTY_VOLUNTEER, name: '不在表上', phone: '13987654321' })
    await clerk.ok('roster.place', { week: WEEK, day: WEEK, templateId: early.id, volunteerId: on.id, isLead: false })

    const full = await clerk.ok('roster.print', { week: WEEK })
    expect(full.full).toBe(true)
    const phone = (id: number, print: typeof full) => print.week.people.find((p) => p.id === id)?.phone
    expect([phone(on.id, full), phone(off.id, full)]).toEqual(['13912345678', '139****4321'])
    const row = backend.store.get<{ summary: string; actor: string }>("SELECT summary, actor FROM audit_log WHERE method = 'roster.print'")
    expect(row).toEqual({ summary: '打印值班排班表 2026-02-02 起一周（完整电话，1 人）', actor: 'clerk1测试（clerk1）' })

    const readonly = await loginAs(backend, admin, 'viewer1', 'readonly')
    const masked = await callerOf(backend, readonly.token).ok('roster.print', { week: WEEK })
    expect(masked.full).toBe(false)
    expect(phone(on.id, masked)).toBe('139****5678')
    expect(backend.store.all("SELECT id FROM audit_log WHERE method = 'roster.print'")).toHaveLength(1)
  })
})
