/**
 * When a place is next due for disinfection, and whether it is overdue. Times are the
 * office's wall clock ('YYYY-MM-DD HH:mm'); arithmetic runs on minutes as if in UTC so the
 * machine's time zone never shifts a result.
 */
import { addDays, daysBetween } from './dates'
import type { Schedule } from './disinfection'

export interface ScheduleInput {
  schedule: Schedule
  timesPerDay: number
  intervalDays: number
  /** Last disinfection, or null when never done. */
  lastDoneAt: string | null
  /** When the place was added: a place never done is due one interval after that. */
  createdAt: string
}

export interface ScheduleStatus {
  nextDueAt: string
  overdue: boolean
  overdueText: string
}

const pad = (n: number) => String(n).padStart(2, '0')

export function wallClock(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}

function toMinutes(local: string): number {
  const [d, t = '00:00'] = local.split(' ')
  const [y, m, day] = (d ?? '').split('-').map(Number)
  const [h, min] = t.split(':').map(Number)
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, day ?? 1, h ?? 0, min ?? 0) / 60_000
}

function fromMinutes(minutes: number): string {
  const d = new Date(minutes * 60_000)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

export function scheduleText(s: Pick<ScheduleInput, 'schedule' | 'timesPerDay' | 'intervalDays'>): string {
  if (s.schedule === 'per_day') return `每天 ${s.timesPerDay} 次`
  return s.intervalDays === 1 ? '每天 1 次' : `每 ${s.intervalDays} 天 1 次`
}

/**
 * 每天 N 次: due 24/N hours after the last time (twice a day = every 12 hours).
 * 每 N 天 1 次: due by the end of the day N days after the last day; the day itself is not late.
 */
export function scheduleStatus(input: ScheduleInput, now: string): ScheduleStatus {
  const base = input.lastDoneAt ?? input.createdAt
  if (input.schedule === 'per_day') {
    const due = toMinutes(base) + Math.floor((24 * 60) / input.timesPerDay)
    const late = toMinutes(now) - due
    if (late <= 0) return { nextDueAt: fromMinutes(due), overdue: false, overdueText: '' }
    const text = late >= 24 * 60 ? `逾期 ${Math.floor(late / (24 * 60))} 天` : `逾期 ${Math.max(1, Math.floor(late / 60))} 小时`
    return { nextDueAt: fromMinutes(due), overdue: true, overdueText: text }
  }
  const dueDay = addDays(base.slice(0, 10), input.intervalDays)
  const lateDays = daysBetween(dueDay, now.slice(0, 10))
  return { nextDueAt: dueDay, overdue: lateDays > 0, overdueText: lateDays > 0 ? `逾期 ${lateDays} 天` : '' }
}

/** How many times a place is to be done on a day (for the day sheet): 0 when not due that day. */
export function timesOnDay(input: ScheduleInput, day: string): number {
  if (input.schedule === 'per_day') return input.timesPerDay
  const base = (input.lastDoneAt ?? input.createdAt).slice(0, 10)
  // Due on (or already past) its day; a place done on the day itself shows through its log.
  return addDays(base, input.intervalDays) <= day ? 1 : 0
}
