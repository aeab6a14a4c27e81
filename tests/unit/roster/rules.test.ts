import { describe, expect, it } from 'vitest'
import { autoFill } from '../../../shared/domain/roster-autofill'
import type { RosterInput, RulePerson, RulePlacement, RuleTemplate } from '../../../shared/domain/roster-rules'
import {
  ALL_AVAILABLE,
  availabilitySlots,
  checkRoster,
  openingHoursWarning,
  parseOpeningHours,
  placementProblems,
  shiftDuration,
  shiftInterval,
  shiftPeriod,
  withinOpeningHours
} from '../../../shared/domain/roster-rules'

const T = (id: number, name: string, start: string, end: string, minStaff = 1, leadRequired = false, cp = 1, cpName = '东门'): RuleTemplate => {
  const m = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3))
  return { id, checkpointId: cp, checkpointName: cpName, name, startMinute: m(start), endMinute: m(end), minStaff, leadRequired }
}
const early = T(1, '早班', '07:00', '15:00')
const middle = T(2, '中班', '15:00', '23:00')
const night = T(3, '夜班', '23:00', '07:00')
const westEarly = T(4, '早班', '07:00', '15:00', 1, false, 2, '西门')

const P = (id: number, name: string, extra: Partial<RulePerson> = {}): RulePerson => ({
  id,
  name,
  status: 'active',
  availability: ALL_AVAILABLE,
  canLead: false,
  ...extra
})
const at = (dayIndex: number, t: RuleTemplate, volunteerId: number, isLead = false): RulePlacement => ({ dayIndex, templateId: t.id, volunteerId, isLead })

const input = (placements: RulePlacement[], extra: Partial<RosterInput> = {}): RosterInput => ({
  templates: [early, middle, night, westEarly].map((t) => ({ ...t, minStaff: 0 })),
  people: [P(1, '张三'), P(2, '李四', { canLead: true })],
  placements,
  settings: { weeklyHourCap: 48, minRestHours: 8 },
  ...extra
})
const messages = (i: RosterInput) => checkRoster(i).map((c) => `${c.rule}: ${c.message}`)

describe('shift arithmetic', () => {
  it('places a night shift across midnight and a Sunday night into the next week', () => {
    expect(shiftDuration(night)).toBe(480)
    expect(shiftInterval(night, 0)).toEqual({ start: 23 * 60, end: 31 * 60 })
    expect(shiftInterval(night, 6)).toEqual({ start: 6 * 1440 + 23 * 60, end: 7 * 1440 + 7 * 60 })
    expect([shiftPeriod(early), shiftPeriod(middle), shiftPeriod(night)]).toEqual(['morning', 'afternoon', 'night'])
    // A shift starting at 01:00 is the evening before's night: Monday 01:00 is last Sunday night (index 20).
    expect(availabilitySlots(T(9, '凌晨', '01:00', '05:00'), 0)).toEqual([20])
    expect(availabilitySlots(night, 0)).toEqual([2])
  })
})

describe('every rule says what is wrong, in Chinese', () => {
  it('the same person in two overlapping shifts', () => {
    expect(messages(input([at(0, early, 1), at(0, westEarly, 1)]))).toEqual(['overlap: 张三 同一时间排了两个班：东门 周一 早班 与 西门 周一 早班'])
  })

  it('a night shift overlaps the next morning it runs into', () => {
    const found = checkRoster(
      input([at(0, night, 1), at(1, T(5, '早早班', '06:00', '10:00', 0), 1)], {
        templates: [night, T(5, '早早班', '06:00', '10:00', 0)].map((t) => ({ ...t, minStaff: 0 }))
      })
    )
    expect(found.map((c) => c.message)).toEqual(['张三 同一时间排了两个班：东门 周一 夜班 与 东门 周二 早早班'])
  })

  it('fewer staff than the minimum, and no lead where one is required', () => {
    const i = input([at(0, night, 1)], { templates: [{ ...night, minStaff: 3, leadRequired: true }] })
    const day0 = checkRoster(i)
      .filter((c) => c.cells[0]?.dayIndex === 0)
      .map((c) => c.message)
    expect(day0).toEqual(['东门 周一 夜班 人数不足：需要 3 人，已排 1 人', '东门 周一 夜班 需要带班人，尚未指定'])
    expect(checkRoster(i).filter((c) => c.rule === 'understaffed')).toHaveLength(7)
  })

  it('less than 8 hours of rest between two shifts, also across midnight', () => {
    expect(messages(input([at(0, middle, 1), at(1, early, 1)]))).toEqual([])
    // 23:00 -> 07:00 is exactly 8 hours: allowed. 15:00-23:00 then the night at 23:00 is 0 hours.
    expect(messages(input([at(0, middle, 1), at(0, night, 1)]))).toEqual([
      'rest: 张三 两班之间休息不足 8 小时：东门 周一 中班 23:00 下班，东门 周一 夜班 23:00 上班，只休息 0 小时'
    ])
  })

  it('rest across the week end, against last Sunday night', () => {
    const i = input([at(0, T(6, '上午班', '09:00', '12:00'), 1)], {
      templates: [night, T(6, '上午班', '09:00', '12:00', 0)].map((t) => ({ ...t, minStaff: 0 })),
      context: [at(-1, night, 1)]
    })
    expect(messages(i)).toEqual(['rest: 张三 两班之间休息不足 8 小时：东门 上周日 夜班 07:00 下班，东门 周一 上午班 09:00 上班，只休息 2 小时'])
  })

  it('more than the weekly hour cap', () => {
    const seven = [0, 1, 2, 3, 4, 5, 6].map((d) => at(d, early, 1))
    expect(messages(input(seven))).toEqual(['hours_cap: 张三 本周排班 56 小时，超过每周上限 48 小时'])
    expect(messages(input(seven, { settings: { weeklyHourCap: 56, minRestHours: 8 } }))).toEqual([])
  })

  it("outside the person's availability", () => {
    const noMondayNight = ALL_AVAILABLE.slice(0, 2) + '0' + ALL_AVAILABLE.slice(3)
    const i = input([at(0, night, 1)], { people: [P(1, '张三', { availability: noMondayNight })] })
    expect(messages(i)).toEqual(['availability: 张三 东门 周一 夜班 不在其可值班时间内（周一晚上未登记可值班）'])
  })

  it('a suspended or departed volunteer', () => {
    expect(messages(input([at(2, early, 1)], { people: [P(1, '张三', { status: 'paused' })] }))).toEqual([
      'suspended: 张三 已暂停服务，不能排班（东门 周三 早班）'
    ])
    expect(messages(input([at(2, early, 1)], { people: [P(1, '张三', { status: 'left' })] }))).toEqual([
      'suspended: 张三 已退出服务，不能排班（东门 周三 早班）'
    ])
  })

  it('a lead who is not registered as able to lead', () => {
    expect(messages(input([at(0, early, 1, true)]))).toEqual(['not_lead: 张三 未登记为可带班，不能担任 东门 周一 早班 的带班人'])
    expect(messages(input([at(0, early, 2, true)]))).toEqual([])
  })

  it('checks one more placement the same way the whole week is checked', () => {
    const i = input([at(0, middle, 1)])
    expect(placementProblems(i, at(0, night, 1)).map((c) => c.rule)).toEqual(['rest'])
    expect(placementProblems(i, at(1, middle, 1))).toEqual([])
  })
})

// 6 checkpoints x 3 shifts, 7 days, 40 people: a realistic week that cannot be fully staffed.
function bigWeek(people: number): RosterInput {
  const templates: RuleTemplate[] = []
  for (let cp = 1; cp <= 6; cp++) {
    templates.push(T(cp * 10 + 1, '早班', '07:00', '15:00', 2, false, cp, `卡口${cp}`))
    templates.push(T(cp * 10 + 2, '中班', '15:00', '23:00', 2, false, cp, `卡口${cp}`))
    templates.push(T(cp * 10 + 3, '夜班', '23:00', '07:00', 3, true, cp, `卡口${cp}`))
  }
  const list: RulePerson[] = []
  for (let i = 1; i <= people; i++) {
    const availability = Array.from({ length: 21 }, (_, k) => ((i * 7 + k * 3) % 5 === 0 ? '0' : '1')).join('')
    list.push(P(i, `志愿者${i}`, { availability, canLead: i % 4 === 0, status: i % 17 === 0 ? 'paused' : 'active' }))
  }
  return { templates, people: list, placements: [], settings: { weeklyHourCap: 48, minRestHours: 8 } }
}

describe('auto-fill', () => {
  it('fills a week on a fixed seed keeping every hard rule, checked by the same rule code', () => {
    const week = bigWeek(150)
    const result = autoFill(week, 42)
    const hard = checkRoster({ ...week, placements: result.added }).filter((c) => c.volunteerId !== null)
    expect(hard).toEqual([])
    expect(result.unfilled).toEqual([])
    expect(result.added).toHaveLength(6 * 7 * 7)
    // Fair: nobody carries more than two nights more than anyone else who works nights.
    const nights = new Map<number, number>()
    for (const p of result.added) if (p.templateId % 10 === 3) nights.set(p.volunteerId, (nights.get(p.volunteerId) ?? 0) + 1)
    expect(Math.max(...nights.values()) - Math.min(...nights.values())).toBeLessThanOrEqual(2)
    expect(autoFill(week, 42).added).toEqual(result.added)
  })

  it('keeps what the clerk placed and explains what it could not fill', () => {
    const week = bigWeek(30)
    const free = week.people.find((p) => p.status === 'active' && p.availability.startsWith('11'))?.id ?? 0
    const kept = at(0, week.templates[0] as RuleTemplate, free)
    const result = autoFill({ ...week, placements: [kept] }, 7)
    expect(result.added.some((p) => p.dayIndex === 0 && p.templateId === kept.templateId && p.volunteerId === free)).toBe(false)
    const all = [kept, ...result.added]
    expect(checkRoster({ ...week, placements: all }).filter((c) => c.volunteerId !== null)).toEqual([])
    expect(result.unfilled.length).toBeGreaterThan(0)
    for (const u of result.unfilled) expect(u.reason).toMatch(/可值班|没有/)
    expect(result.unfilled.some((u) => /本周将超过 48 小时/.test(u.reason))).toBe(true)
    // Every unfilled slot shows up as a staffing conflict, and no filled slot does.
    const short = checkRoster({ ...week, placements: all }).filter((c) => c.rule === 'understaffed').length
    expect(short).toBe(result.unfilled.filter((u) => u.missing > 0).length)
  })

  it('says there is nobody when no one may work that time', () => {
    const result = autoFill(input([], { templates: [{ ...night, minStaff: 1 }], people: [P(1, '张三', { availability: '0'.repeat(21) })] }))
    expect(result.unfilled[0]).toMatchObject({ dayIndex: 0, missing: 1, reason: '没有在这个时段可值班的志愿者' })
  })

  it('finds no lead when nobody can lead, yet still staffs the shift', () => {
    const morning = T(6, '上午班', '09:00', '12:00', 1, true)
    const result = autoFill(input([], { templates: [morning], people: [P(1, '张三')] }))
    expect(result.added).toHaveLength(7)
    expect(result.unfilled[0]).toMatchObject({ missing: 0, leadMissing: true, reason: '没有登记为可带班的在岗志愿者' })
  })
})

describe('periods of a shift and opening hours (roster-periods.ts)', () => {
  it('lists every availability box a shift touches, across midnight and the week end', () => {
    expect(availabilitySlots(early, 0)).toEqual([0, 1]) // 周一上午, 周一下午
    expect(availabilitySlots(middle, 2)).toEqual([7, 8]) // 周三下午, 周三晚上
    expect(availabilitySlots(night, 0)).toEqual([2]) // 23:00-07:00 is Monday evening alone
    expect(availabilitySlots(T(8, '长夜班', '22:00', '08:00'), 6)).toEqual([20, 0]) // Sunday evening, then Monday morning
    expect(availabilitySlots(T(9, '短班', '12:00', '18:00'), 4)).toEqual([13]) // ends as the evening begins
  })

  it('reads 开放时间 and says whether a shift fits in it', () => {
    expect(parseOpeningHours('24小时')).toEqual({ always: true })
    expect(parseOpeningHours('全天')).toEqual({ always: true })
    expect(parseOpeningHours('白天')).toBeNull()
    expect(parseOpeningHours('')).toBeNull()
    expect(parseOpeningHours('06:00-12:00，14:00-22:00')).toEqual({
      always: false,
      ranges: [
        { startMinute: 360, endMinute: 720 },
        { startMinute: 840, endMinute: 1320 }
      ]
    })
    const day = parseOpeningHours('06:00-22:00')
    const overnight = parseOpeningHours('20:00至次日08:00')
    if (!day || !overnight) throw new Error('unread')
    expect([withinOpeningHours(early, day), withinOpeningHours(middle, day), withinOpeningHours(night, day)]).toEqual([true, false, false])
    expect([withinOpeningHours(early, overnight), withinOpeningHours(night, overnight)]).toEqual([false, true])
    expect(openingHoursWarning(middle, ' 06:00-22:00 ')).toBe('东门 开放时间为 06:00-22:00，中班 15:00-23:00 超出了开放时间')
    expect(openingHoursWarning(middle, '白天')).toBe('')
  })
})
