import { afterEach, describe, expect, it } from 'vitest'
import type { Envelope } from '../../../shared/errors'
import { EMPTY_VOLUNTEER } from '../../../shared/schemas/volunteers'
import type { VolunteerInput } from '../../../shared/schemas/volunteers'
import { checkRoster } from '../../../shared/domain/roster-rules'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'

let backend: TestBackend
afterEach(async () => {
  await backend?.close()
})
const fail = (envelope: Envelope<unknown>) => (envelope.ok ? null : envelope.error)
const WEEK = '2026-02-02' // Monday; the test clock stands at Tuesday 2026-02-03 08:00Z

async function arrange(people = 12) {
  backend = await testBackend()
  const east = await backend.ok('checkpoints.create', { name: '东门', place: '', kind: 'both', hours: '24小时' })
  const early = await backend.ok('shifts.create', { checkpointId: east.id, name: '早班', start: '07:00', end: '15:00', minStaff: 1, leadRequired: false })
  const night = await backend.ok('shifts.create', { checkpointId: east.id, name: '夜班', start: '23:00', end: '07:00', minStaff: 2, leadRequired: true })
  const ids: number[] = []
  for (let i = 1; i <= people; i++) {
    const v: VolunteerInput = { ...EMPTY_VOLUNTEER, name: `志愿者${i}`, phone: `1390000${String(i).padStart(4, '0')}`, canLead: i % 3 === 0 }
    ids.push((await backend.ok('volunteers.create', v)).id)
  }
  return { east, early, night, ids }
}

describe('shift templates (班次)', () => {
  it('creates 早班 and a 夜班 across midnight; refuses a bad time or a duplicate name, writing nothing', async () => {
    const { east, night } = await arrange(0)
    expect(night).toMatchObject({ name: '夜班', start: '23:00', end: '07:00', minStaff: 2, leadRequired: true, checkpointName: '东门' })
    const before = backend.count('shift_templates')
    const bad = fail(
      await backend.call('shifts.create', { checkpointId: east.id, name: '中班', start: '25:00', end: '23:00', minStaff: 1, leadRequired: false })
    )
    expect(bad).toMatchObject({ code: 'BAD_ARGS', message: expect.stringContaining('开始时间应为 时:分，例如 07:00') })
    const same = fail(
      await backend.call('shifts.create', { checkpointId: east.id, name: '中班', start: '15:00', end: '15:00', minStaff: 1, leadRequired: false })
    )
    expect(same?.message).toContain('开始和结束时间不能相同')
    const dup = fail(
      await backend.call('shifts.create', { checkpointId: east.id, name: '夜班', start: '22:00', end: '06:00', minStaff: 1, leadRequired: false })
    )
    expect(dup).toMatchObject({ code: 'CONFLICT', message: '这个卡口已有名为“夜班”的班次。' })
    expect(backend.count('shift_templates')).toBe(before)
  })
})

describe('roster placement', () => {
  it('places a person, shows the cell conflicts, and refuses a rule break unless confirmed', async () => {
    const { early, night, ids } = await arrange()
    const [a, b] = ids as [number, number]
    let week = await backend.ok('roster.place', { week: WEEK, day: '2026-02-02', templateId: early.id, volunteerId: a, isLead: false })
    expect(week.placements).toHaveLength(1)
    expect(week.conflicts.filter((c) => c.cells[0]?.dayIndex === 0).map((c) => c.message)).toEqual([
      '东门 周一 夜班 人数不足：需要 2 人，已排 0 人',
      '东门 周一 夜班 需要带班人，尚未指定'
    ])
    // Monday night then Tuesday early: 0 hours of rest.
    await backend.ok('roster.place', { week: WEEK, day: '2026-02-02', templateId: night.id, volunteerId: b, isLead: false })
    const refused = fail(await backend.call('roster.place', { week: WEEK, day: '2026-02-03', templateId: early.id, volunteerId: b, isLead: false }))
    expect(refused).toMatchObject({
      code: 'RULE_VIOLATION',
      message: '志愿者2 两班之间休息不足 8 小时：东门 周一 夜班 07:00 下班，东门 周二 早班 07:00 上班，只休息 0 小时'
    })
    expect(backend.count('roster_assignments')).toBe(2)
    week = await backend.ok('roster.place', { week: WEEK, day: '2026-02-03', templateId: early.id, volunteerId: b, isLead: false, force: true })
    expect(week.conflicts.find((c) => c.rule === 'rest')?.volunteerId).toBe(b)
    const audit = backend.store.get<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'roster.place' ORDER BY id DESC")
    expect(audit?.summary).toContain('已确认冲突：志愿者2 两班之间休息不足 8 小时')
  })

  it('refuses a lead who may not lead, a day outside the week and a duplicate', async () => {
    const { early, ids } = await arrange()
    const notLead = fail(await backend.call('roster.place', { week: WEEK, day: '2026-02-02', templateId: early.id, volunteerId: ids[0] ?? 0, isLead: true }))
    expect(notLead?.message).toBe('志愿者1 未登记为可带班，不能担任带班人')
    const outside = fail(await backend.call('roster.place', { week: WEEK, day: '2026-02-09', templateId: early.id, volunteerId: ids[0] ?? 0, isLead: false }))
    expect(outside?.message).toBe('2026-02-09 不在这一周（2026-02-02 起）内。')
    await backend.ok('roster.place', { week: WEEK, day: '2026-02-02', templateId: early.id, volunteerId: ids[0] ?? 0, isLead: false })
    expect(
      fail(await backend.call('roster.place', { week: WEEK, day: '2026-02-02', templateId: early.id, volunteerId: ids[0] ?? 0, isLead: false }))?.code
    ).toBe('CONFLICT')
    expect(backend.count('roster_assignments')).toBe(1)
  })

  it('refuses a suspended volunteer', async () => {
    const { early, ids } = await arrange(1)
    const v = await backend.ok('volunteers.get', { id: ids[0] ?? 0 })
    const { gridName: _g, updatedAt, ...rest } = v
    await backend.ok('volunteers.update', { ...rest, phone: '', status: 'paused', expectedUpdatedAt: updatedAt })
    const error = fail(await backend.call('roster.place', { week: WEEK, day: '2026-02-04', templateId: early.id, volunteerId: v.id, isLead: false }))
    expect(error?.message).toBe('志愿者1 已暂停服务，不能排班（东门 周三 早班）')
  })

  it('sees rest across the week end: last Sunday night, then Monday early', async () => {
    const { early, night, ids } = await arrange()
    await backend.ok('roster.place', { week: '2026-01-26', day: '2026-02-01', templateId: night.id, volunteerId: ids[2] ?? 0, isLead: true })
    const week = await backend.ok('roster.week', { week: '2026-02-05' })
    expect(week.week).toBe(WEEK)
    expect(week.context).toEqual([{ dayIndex: -1, templateId: night.id, volunteerId: ids[2], isLead: true }])
    const error = fail(await backend.call('roster.place', { week: WEEK, day: WEEK, templateId: early.id, volunteerId: ids[2] ?? 0, isLead: false }))
    expect(error?.message).toBe('志愿者3 两班之间休息不足 8 小时：东门 上周日 夜班 07:00 下班，东门 周一 早班 07:00 上班，只休息 0 小时')
  })
})

describe('auto-fill, copy last week, today and service hours', () => {
  it('fills the week keeping every rule, reports what it could not fill, and copies it to the next week', async () => {
    const { early, night, ids } = await arrange(6)
    await backend.ok('roster.place', { week: WEEK, day: WEEK, templateId: early.id, volunteerId: ids[0] ?? 0, isLead: false })
    const report = await backend.ok('roster.autoFill', { week: WEEK, seed: 1 })
    const week = report.week
    expect(week.placements.some((p) => p.dayIndex === 0 && p.templateId === early.id && p.volunteerId === ids[0])).toBe(true)
    expect(week.conflicts.filter((c) => c.volunteerId !== null)).toEqual([])
    expect(checkRoster({ ...week, placements: week.placements }).filter((c) => c.volunteerId !== null)).toEqual([])
    // Two leads (志愿者3, 志愿者6) cannot cover 7 nights within 48 hours each with 8 hours of rest... they can: 6 nights max.
    expect(report.added).toBe(week.placements.length - 1)
    for (const u of report.unfilled) expect(u.label).toMatch(/^东门 周. (早班|夜班)$/)
    expect(report.unfilled.every((u) => u.reason.length > 0)).toBe(true)
    expect(backend.store.get<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'roster.autoFill'")?.summary).toMatch(
      /^自动排班 2026-02-02 起一周：新增 \d+ 人次/
    )

    backend.clock.advance(7 * 86_400_000)
    const copied = await backend.ok('roster.copyLastWeek', { week: '2026-02-09' })
    expect(copied.copied + copied.skipped).toBe(week.placements.length)
    expect(copied.conflicts.filter((c) => c.volunteerId !== null)).toEqual([])
    void night
  })

  it("shows the gate today's duty with masked phones, and sums service hours from 签到/签退", async () => {
    const { east, early, night, ids } = await arrange(3)
    await backend.ok('roster.place', { week: WEEK, day: '2026-02-03', templateId: night.id, volunteerId: ids[2] ?? 0, isLead: true })
    const w = await backend.ok('roster.place', { week: WEEK, day: '2026-02-03', templateId: early.id, volunteerId: ids[0] ?? 0, isLead: false })
    const today = await backend.ok('roster.today', { checkpointId: east.id })
    expect(today).toEqual([
      { shift: '早班', start: '07:00', end: '15:00', name: '志愿者1', phone: '139****0001', isLead: false },
      { shift: '夜班', start: '23:00', end: '07:00', name: '志愿者3', phone: '139****0003', isLead: true }
    ])
    // The next day: Tuesday's night shift is over by Wednesday 08:00Z in any time zone it runs in.
    backend.clock.advance(86_400_000)
    const nightId = w.placements.find((p) => p.templateId === night.id)?.id ?? 0
    const earlyId = w.placements.find((p) => p.templateId === early.id)?.id ?? 0
    expect((await backend.ok('roster.attend', { id: nightId, status: 'present', checkIn: '22:55', checkOut: '07:10' })).minutes).toBe(8 * 60 + 15)
    await backend.ok('roster.attend', { id: earlyId, status: 'absent' })
    const bad = fail(await backend.call('roster.attend', { id: earlyId, status: 'present', checkIn: '7点' }))
    expect(bad?.message).toBe('时间应为 时:分，例如 07:05')
    const hours = await backend.ok('volunteers.hours', { month: '2026-02' })
    expect(hours).toEqual([
      { volunteerId: ids[2], name: '志愿者3', kind: 'resident', shifts: 1, absences: 0, minutes: 495 },
      { volunteerId: ids[0], name: '志愿者1', kind: 'resident', shifts: 0, absences: 1, minutes: 0 }
    ])
  })

  it('keeps the weekly cap as a setting', async () => {
    backend = await testBackend()
    expect(await backend.ok('roster.settings', {})).toEqual({ weeklyHourCap: 48, minRestHours: 8, dutyOfficer: '', dutyPhone: '' })
    const saved = await backend.ok('roster.saveSettings', { weeklyHourCap: 40, minRestHours: 10, dutyOfficer: '王主任', dutyPhone: '0371-65551234' })
    expect(saved.weeklyHourCap).toBe(40)
    expect(fail(await backend.call('roster.saveSettings', { ...saved, weeklyHourCap: 100 }))?.message).toContain('每周上限最多 84 小时')
  })
})
