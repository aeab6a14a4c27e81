import type { RosterAssignment, RosterWeek, ShiftTemplate } from '../../../shared/contract'
import { addDays, daysBetween, localIsoDate, splitIsoDate } from '../../../shared/domain/dates'
import { maskPhone } from '../../../shared/domain/mask'
import type { RosterInput, RulePlacement, RuleTemplate } from '../../../shared/domain/roster-rules'
import { DAY_MINUTES, WEEK_DAYS, checkRoster, hhmm, openingHoursWarning, parseHhmm, shiftDuration } from '../../../shared/domain/roster-rules'
import { AppError } from '../../../shared/errors'
import type { ShiftCreate } from '../../../shared/schemas/roster'
import type { Db } from '../kit/db'
import type { AssignmentRecord, TemplateRecord, TemplateValues } from './roster.repo'
import { assignmentsBetween, getTemplate, liveTemplates, readRosterSettings, rosterPeople } from './roster.repo'

/** The Monday of the week a date falls in (weeks run Monday to Sunday, as offices print them). */
export function mondayOf(iso: string): string {
  const parts = splitIsoDate(iso)
  if (!parts) throw new AppError('BAD_ARGS', `日期 ${iso} 不存在`, { issues: [{ path: 'week', message: '日期不存在' }] })
  const weekday = (new Date(Date.UTC(parts.y, parts.m - 1, parts.d)).getUTCDay() + 6) % 7
  return addDays(iso, -weekday)
}

export const toRuleTemplate = (t: TemplateRecord): RuleTemplate => ({
  id: t.id,
  checkpointId: t.checkpointId,
  checkpointName: t.checkpointName,
  name: t.name,
  startMinute: t.startMinute,
  endMinute: t.endMinute,
  minStaff: t.minStaff,
  leadRequired: t.leadRequired === 1
})

export const toShiftTemplate = (t: TemplateRecord): ShiftTemplate => ({
  id: t.id,
  checkpointId: t.checkpointId,
  checkpointName: t.checkpointName,
  name: t.name,
  start: hhmm(t.startMinute),
  end: hhmm(t.endMinute),
  minStaff: t.minStaff,
  leadRequired: t.leadRequired === 1,
  retired: t.retiredAt !== null,
  hoursWarning: openingHoursWarning(toRuleTemplate(t), t.checkpointHours)
})

export function templateValues(args: ShiftCreate): TemplateValues {
  return {
    checkpointId: args.checkpointId,
    name: args.name,
    startMinute: parseHhmm(args.start) ?? 0,
    endMinute: parseHhmm(args.end) ?? 0,
    minStaff: args.minStaff,
    leadRequired: args.leadRequired
  }
}

export function liveTemplate(db: Db, id: number): TemplateRecord {
  const t = getTemplate(db, id)
  if (!t) throw new AppError('NOT_FOUND', '找不到这个班次。', { id })
  if (t.retiredAt) throw new AppError('RULE_VIOLATION', `班次“${t.checkpointName} ${t.name}”已停用。`, { id })
  return t
}

export const toAssignment = (week: string, a: AssignmentRecord, templates: Map<number, RuleTemplate>): RosterAssignment => {
  const t = templates.get(a.templateId)
  const scheduled = t ? shiftDuration(t) : 0
  return {
    id: a.id,
    day: a.day,
    dayIndex: daysBetween(week, a.day),
    templateId: a.templateId,
    volunteerId: a.volunteerId,
    isLead: a.isLead === 1,
    override: a.override,
    attendance: a.attendance,
    checkIn: a.checkIn || null,
    checkOut: a.checkOut || null,
    minutes: a.minutes ?? (a.attendance === null ? scheduled : 0)
  }
}

/** The week with everything the rules need, and its conflicts. */
export function loadWeek(db: Db, anyDay: string): RosterWeek {
  const week = mondayOf(anyDay)
  const records = liveTemplates(db)
  const templates = records.map(toRuleTemplate)
  const byId = new Map(templates.map((t) => [t.id, t]))
  const rows = assignmentsBetween(db, addDays(week, -1), addDays(week, WEEK_DAYS)).filter((a) => byId.has(a.templateId))
  const all = rows.map((a) => toAssignment(week, a, byId))
  const placements = all.filter((a) => a.dayIndex >= 0 && a.dayIndex < WEEK_DAYS)
  const context = all
    .filter((a) => a.dayIndex < 0 || a.dayIndex >= WEEK_DAYS)
    .map(({ dayIndex, templateId, volunteerId, isLead }) => ({ dayIndex, templateId, volunteerId, isLead }))
  const settings = readRosterSettings(db)
  const people = rosterPeople(db).map((p) => ({
    id: p.id,
    name: p.name,
    phone: maskPhone(p.phone),
    kind: p.kind,
    status: p.status,
    availability: p.availability,
    canLead: p.canLead === 1
  }))
  const checkpoints: { id: number; name: string }[] = []
  for (const t of records) if (!checkpoints.some((c) => c.id === t.checkpointId)) checkpoints.push({ id: t.checkpointId, name: t.checkpointName })
  const ruleSettings = { weeklyHourCap: settings.weeklyHourCap, minRestHours: settings.minRestHours }
  const input: RosterInput = { templates, people, placements, context, settings: ruleSettings }
  return {
    week,
    days: Array.from({ length: WEEK_DAYS }, (_, i) => addDays(week, i)),
    checkpoints,
    templates,
    people,
    placements,
    context,
    settings: ruleSettings,
    conflicts: checkRoster(input),
    shiftWarnings: records.flatMap((t) => {
      const message = openingHoursWarning(toRuleTemplate(t), t.checkpointHours)
      return message ? [{ templateId: t.id, message }] : []
    })
  }
}

export function ruleInput(w: RosterWeek, placements: readonly RulePlacement[] = w.placements): RosterInput {
  return { templates: w.templates, people: w.people, placements: [...placements], context: w.context, settings: w.settings }
}

/** Seeds differ by week so two weeks do not come out alike, yet the same week fills the same way. */
export function weekSeed(week: string): number {
  return Number(week.replaceAll('-', '')) % 2147483647
}

/**
 * Minutes from `day` 00:00 to the instant `now`, on the office's wall clock (the machine's time
 * zone, as every "today" of the app): negative when the day is still to come.
 */
export function minutesSince(day: string, now: Date): number {
  return daysBetween(day, localIsoDate(now)) * DAY_MINUTES + now.getHours() * 60 + now.getMinutes()
}
