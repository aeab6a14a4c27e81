/**
 * Roster rules, pure over plain data so the backend validates every placement and the week
 * view shows conflicts live with the same code (auto-fill, in roster-autofill.ts, uses them too).
 *
 * Time is whole minutes from the roster week's Monday 00:00 (office local time). A shift
 * placed on day d runs [d*1440 + start, +duration); a shift whose end is not after its start
 * crosses midnight, so 夜班 23:00-07:00 on Sunday ends at minute 10,500 of the next week. Rest
 * and overlap across the week boundary are checked against `context` placements (the last
 * day of the week before and the first day of the week after), which count for nothing else.
 */

import { DAY_MINUTES, PERIODS, WEEK_DAYS, WEEKDAY_LABELS, missingSlots, slotLabel, spanMinutes } from './roster-periods'
import type { OpeningHours, Period } from './roster-periods'
import { parseOpeningHours, withinOpeningHours } from './roster-periods'

export * from './roster-periods'

export interface RuleTemplate {
  id: number
  checkpointId: number
  checkpointName: string
  name: string
  /** Minutes after midnight, 0..1439. */
  startMinute: number
  endMinute: number
  minStaff: number
  leadRequired: boolean
}

export interface RulePerson {
  id: number
  name: string
  status: 'active' | 'paused' | 'left'
  availability: string
  canLead: boolean
}

export interface RulePlacement {
  /** 0 = Monday of the week; -1 or 7 for context placements of the neighbouring weeks. */
  dayIndex: number
  templateId: number
  volunteerId: number
  isLead: boolean
}

export interface RuleSettings {
  weeklyHourCap: number
  minRestHours: number
}
export const DEFAULT_RULE_SETTINGS: RuleSettings = { weeklyHourCap: 48, minRestHours: 8 }

export type RuleCode = 'overlap' | 'rest' | 'hours_cap' | 'availability' | 'suspended' | 'not_lead' | 'understaffed' | 'no_lead'
export const RULE_LABELS: Record<RuleCode, string> = {
  overlap: '时间重叠',
  rest: '休息不足',
  hours_cap: '超过周工时上限',
  availability: '不在可值班时间',
  suspended: '志愿者已暂停或退出',
  not_lead: '不能带班',
  understaffed: '人数不足',
  no_lead: '缺带班人'
}

export interface Cell {
  dayIndex: number
  templateId: number
}

export interface Conflict {
  rule: RuleCode
  message: string
  volunteerId: number | null
  cells: Cell[]
}

export interface RosterInput {
  templates: RuleTemplate[]
  people: RulePerson[]
  placements: RulePlacement[]
  context?: RulePlacement[]
  settings: RuleSettings
}

export function shiftDuration(t: Pick<RuleTemplate, 'startMinute' | 'endMinute'>): number {
  return spanMinutes(t)
}

export function shiftInterval(t: RuleTemplate, dayIndex: number): { start: number; end: number } {
  const start = dayIndex * DAY_MINUTES + t.startMinute
  return { start, end: start + shiftDuration(t) }
}

/** The period a shift starts in (roster-periods.ts: 07:00-12:00 morning, 12:00-18:00 afternoon,
 *  else night), for spreading nights fairly; availability is checked over the whole span. */
export function shiftPeriod(t: Pick<RuleTemplate, 'startMinute'>): Period {
  const hour = Math.floor(t.startMinute / 60)
  if (hour >= 7 && hour < 12) return PERIODS[0]
  if (hour >= 12 && hour < 18) return PERIODS[1]
  return PERIODS[2]
}

export function isAvailable(person: RulePerson, t: RuleTemplate, dayIndex: number): boolean {
  return missingSlots(person.availability, t, dayIndex).length === 0
}

export function hhmm(minute: number): string {
  const m = ((minute % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
}

export function parseHhmm(text: string): number | null {
  const match = /^(\d{1,2})[:：](\d{2})$/.exec(text.trim())
  if (!match) return null
  const h = Number(match[1])
  const m = Number(match[2])
  return h <= 23 && m <= 59 ? h * 60 + m : null
}

function dayLabel(dayIndex: number): string {
  if (dayIndex < 0) return '上周日'
  if (dayIndex >= WEEK_DAYS) return '下周一'
  return WEEKDAY_LABELS[dayIndex] ?? ''
}

export function cellLabel(t: RuleTemplate, dayIndex: number): string {
  return `${t.checkpointName} ${dayLabel(dayIndex)} ${t.name}`
}

const hours = (minutes: number) => Number((minutes / 60).toFixed(1))

/**
 * A warning, not a refusal, when a shift runs while its checkpoint is closed (the office may
 * staff the gate before it opens); '' when the shift fits or the hours are not times.
 */
export function openingHoursWarning(t: Pick<RuleTemplate, 'name' | 'checkpointName' | 'startMinute' | 'endMinute'>, hoursText: string): string {
  const hours: OpeningHours | null = parseOpeningHours(hoursText)
  if (!hours || withinOpeningHours(t, hours)) return ''
  return `${t.checkpointName} 开放时间为 ${hoursText.trim()}，${t.name} ${hhmm(t.startMinute)}-${hhmm(t.endMinute)} 超出了开放时间`
}

export interface Booked {
  p: RulePlacement
  t: RuleTemplate
  start: number
  end: number
  inWeek: boolean
}

/** What placing `person` on a booked list would break, one message a rule (person rules only). */
export function personProblems(
  person: RulePerson,
  t: RuleTemplate,
  dayIndex: number,
  booked: readonly Booked[],
  settings: RuleSettings,
  weekMinutes: number
): Conflict[] {
  const out: Conflict[] = []
  const cell = { dayIndex, templateId: t.id }
  const here = shiftInterval(t, dayIndex)
  if (person.status !== 'active') {
    const label = person.status === 'paused' ? '暂停' : '退出'
    out.push({ rule: 'suspended', volunteerId: person.id, cells: [cell], message: `${person.name} 已${label}服务，不能排班（${cellLabel(t, dayIndex)}）` })
  }
  const missing = missingSlots(person.availability, t, dayIndex)
  if (missing.length > 0) {
    out.push({
      rule: 'availability',
      volunteerId: person.id,
      cells: [cell],
      message: `${person.name} ${cellLabel(t, dayIndex)} 不在其可值班时间内（${missing.map(slotLabel).join('、')}未登记可值班）`
    })
  }
  const rest = settings.minRestHours * 60
  for (const b of booked) {
    if (b.p.dayIndex === dayIndex && b.t.id === t.id) continue
    const other = { dayIndex: b.p.dayIndex, templateId: b.t.id }
    if (here.start < b.end && b.start < here.end) {
      out.push({
        rule: 'overlap',
        volunteerId: person.id,
        cells: [cell, other],
        message: `${person.name} 同一时间排了两个班：${cellLabel(b.t, b.p.dayIndex)} 与 ${cellLabel(t, dayIndex)}`
      })
    } else if (here.start < b.end + rest && b.start < here.end + rest) {
      const [first, second] =
        b.start < here.start ? [b, { t, start: here.start, end: here.end, p: { dayIndex } }] : [{ t, start: here.start, end: here.end, p: { dayIndex } }, b]
      const gap = second.start - first.end
      out.push({
        rule: 'rest',
        volunteerId: person.id,
        cells: [cell, other],
        message: `${person.name} 两班之间休息不足 ${settings.minRestHours} 小时：${cellLabel(first.t, first.p.dayIndex)} ${hhmm(first.end)} 下班，${cellLabel(second.t, second.p.dayIndex)} ${hhmm(second.start)} 上班，只休息 ${hours(gap)} 小时`
      })
    }
  }
  const total = weekMinutes + (dayIndex >= 0 && dayIndex < WEEK_DAYS ? shiftDuration(t) : 0)
  if (total > settings.weeklyHourCap * 60) {
    out.push({
      rule: 'hours_cap',
      volunteerId: person.id,
      cells: [cell],
      message: `${person.name} 本周排班 ${hours(total)} 小时，超过每周上限 ${settings.weeklyHourCap} 小时`
    })
  }
  return out
}

export function indexTemplates(templates: readonly RuleTemplate[]): Map<number, RuleTemplate> {
  return new Map(templates.map((t) => [t.id, t]))
}

export function toBooked(p: RulePlacement, t: RuleTemplate, inWeek: boolean): Booked {
  return { p, t, ...shiftInterval(t, p.dayIndex), inWeek }
}

/** Every conflict of a week: per person (each pair reported once) and per cell. */
export function checkRoster(input: RosterInput): Conflict[] {
  const templates = indexTemplates(input.templates)
  const people = new Map(input.people.map((p) => [p.id, p]))
  const conflicts: Conflict[] = []
  const byPerson = new Map<number, Booked[]>()
  const add = (p: RulePlacement, inWeek: boolean) => {
    const t = templates.get(p.templateId)
    if (!t) return
    const list = byPerson.get(p.volunteerId) ?? []
    list.push(toBooked(p, t, inWeek))
    byPerson.set(p.volunteerId, list)
  }
  for (const p of input.context ?? []) add(p, false)
  for (const p of input.placements) add(p, true)
  for (const [volunteerId, list] of byPerson) {
    const person = people.get(volunteerId) ?? { id: volunteerId, name: `志愿者#${volunteerId}`, status: 'left', availability: '', canLead: false }
    list.sort((a, b) => a.start - b.start)
    let minutes = 0
    const seen: Booked[] = []
    for (const b of list) {
      if (!b.inWeek) {
        seen.push(b)
        continue
      }
      // Only rules this placement adds: pairs with earlier ones, hours up to here.
      const found = personProblems(person, b.t, b.p.dayIndex, seen, input.settings, minutes)
      for (const c of found) if (c.rule !== 'hours_cap') conflicts.push(c)
      if (b.p.isLead && !person.canLead) {
        conflicts.push({
          rule: 'not_lead',
          volunteerId,
          cells: [{ dayIndex: b.p.dayIndex, templateId: b.t.id }],
          message: `${person.name} 未登记为可带班，不能担任 ${cellLabel(b.t, b.p.dayIndex)} 的带班人`
        })
      }
      minutes += shiftDuration(b.t)
      seen.push(b)
    }
    // Context placements after the week (next Monday) are checked against this week's too.
    if (minutes > input.settings.weeklyHourCap * 60) {
      conflicts.push({
        rule: 'hours_cap',
        volunteerId,
        cells: list.filter((b) => b.inWeek).map((b) => ({ dayIndex: b.p.dayIndex, templateId: b.t.id })),
        message: `${person.name} 本周排班 ${hours(minutes)} 小时，超过每周上限 ${input.settings.weeklyHourCap} 小时`
      })
    }
  }
  conflicts.push(...cellProblems(input))
  return conflicts
}

/** Staffing minimums and the shift lead, per cell of the week. */
export function cellProblems(input: Pick<RosterInput, 'templates' | 'placements'>): Conflict[] {
  const out: Conflict[] = []
  const counts = new Map<string, { n: number; lead: boolean }>()
  for (const p of input.placements) {
    const key = `${p.dayIndex}:${p.templateId}`
    const c = counts.get(key) ?? { n: 0, lead: false }
    c.n += 1
    c.lead ||= p.isLead
    counts.set(key, c)
  }
  for (let day = 0; day < WEEK_DAYS; day++) {
    for (const t of input.templates) {
      const c = counts.get(`${day}:${t.id}`) ?? { n: 0, lead: false }
      const cell = { dayIndex: day, templateId: t.id }
      if (c.n < t.minStaff)
        out.push({ rule: 'understaffed', volunteerId: null, cells: [cell], message: `${cellLabel(t, day)} 人数不足：需要 ${t.minStaff} 人，已排 ${c.n} 人` })
      if (t.leadRequired && !c.lead) out.push({ rule: 'no_lead', volunteerId: null, cells: [cell], message: `${cellLabel(t, day)} 需要带班人，尚未指定` })
    }
  }
  return out
}

/** Conflicts that adding one placement would bring, for the picker and the backend's check. */
export function placementProblems(input: RosterInput, add: RulePlacement): Conflict[] {
  const templates = indexTemplates(input.templates)
  const t = templates.get(add.templateId)
  const person = input.people.find((p) => p.id === add.volunteerId)
  if (!t || !person) return []
  const booked: Booked[] = []
  let minutes = 0
  for (const [p, inWeek] of [...(input.context ?? []).map((p) => [p, false] as const), ...input.placements.map((p) => [p, true] as const)]) {
    if (p.volunteerId !== add.volunteerId) continue
    const other = templates.get(p.templateId)
    if (!other) continue
    if (inWeek) minutes += shiftDuration(other)
    booked.push(toBooked(p, other, inWeek))
  }
  const out = personProblems(person, t, add.dayIndex, booked, input.settings, minutes)
  if (add.isLead && !person.canLead)
    out.push({
      rule: 'not_lead',
      volunteerId: person.id,
      cells: [{ dayIndex: add.dayIndex, templateId: t.id }],
      message: `${person.name} 未登记为可带班，不能担任带班人`
    })
  return out
}
