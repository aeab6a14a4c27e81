/**
 * When a shift runs, against the two calendars it must fit: the volunteer's weekly availability
 * (day x 上午/下午/晚上) and the checkpoint's opening hours (开放时间, free text such as
 * "24小时" or "06:00-22:00").
 *
 * The whole span of a shift is checked, not its start: 中班 15:00-23:00 needs the afternoon and
 * the evening. The evening runs to 07:00 the next morning, so the three shifts of 三班倒
 * (早班 07-15, 中班 15-23, 夜班 23-07) each fall on the periods a clerk would name: 夜班 is
 * "Monday evening" alone, not Monday evening plus Tuesday morning.
 */

export const WEEK_DAYS = 7
export const DAY_MINUTES = 1440
export const WEEKDAY_LABELS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const

/** Availability is 21 flags: day (Mon..Sun) x period. */
export const PERIODS = ['morning', 'afternoon', 'night'] as const
export type Period = (typeof PERIODS)[number]
export const PERIOD_LABELS: Record<Period, string> = { morning: '上午', afternoon: '下午', night: '晚上' }
/** What each period covers, shown beside the availability boxes so the rule is not a secret. */
export const PERIOD_HOURS: Record<Period, string> = { morning: '07:00-12:00', afternoon: '12:00-18:00', night: '18:00-次日07:00' }
export const ALL_AVAILABLE = '1'.repeat(WEEK_DAYS * PERIODS.length)

/** A day's periods begin at 07:00; minutes from there: morning 0-299, afternoon 300-659, night 660-1439. */
const DAY_START = 7 * 60
const PERIOD_ENDS = [5 * 60, 11 * 60, DAY_MINUTES] as const

export interface Span {
  /** Minutes after midnight, 0..1439. */
  startMinute: number
  endMinute: number
}

export function spanMinutes(t: Span): number {
  return t.endMinute > t.startMinute ? t.endMinute - t.startMinute : t.endMinute + DAY_MINUTES - t.startMinute
}

/** The period a minute of the week falls in: the availability flag's index (day * 3 + period). */
function slotAt(minute: number): { index: number; end: number } {
  const shifted = minute - DAY_START
  const day = Math.floor(shifted / DAY_MINUTES)
  const within = shifted - day * DAY_MINUTES
  const period = PERIOD_ENDS.findIndex((end) => within < end)
  const weekday = ((day % WEEK_DAYS) + WEEK_DAYS) % WEEK_DAYS
  return { index: weekday * PERIODS.length + period, end: day * DAY_MINUTES + DAY_START + (PERIOD_ENDS[period] ?? DAY_MINUTES) }
}

/**
 * Every availability flag a shift placed on day `dayIndex` (0 = Monday) touches, in time order.
 * A Sunday night running into Monday wraps to the same week's pattern: availability is weekly.
 */
export function availabilitySlots(t: Span, dayIndex: number): number[] {
  const start = dayIndex * DAY_MINUTES + t.startMinute
  const end = start + spanMinutes(t)
  const out: number[] = []
  for (let m = start; m < end;) {
    const slot = slotAt(m)
    if (!out.includes(slot.index)) out.push(slot.index)
    m = slot.end
  }
  return out
}

/** '周一晚上' for flag 2. */
export function slotLabel(index: number): string {
  const period = PERIODS[index % PERIODS.length] ?? 'morning'
  return `${WEEKDAY_LABELS[Math.floor(index / PERIODS.length)] ?? ''}${PERIOD_LABELS[period]}`
}

/** The flags of the shift the person has not ticked; empty when they may take all of it. */
export function missingSlots(availability: string, t: Span, dayIndex: number): number[] {
  const flags = availability || ALL_AVAILABLE
  return availabilitySlots(t, dayIndex).filter((i) => flags[i] !== '1')
}

// ---------------------------------------------------------------- opening hours

export type OpeningHours = { always: true } | { always: false; ranges: Span[] }

const ALWAYS = /^(24\s*(小时|h|H|时)|全天|全日|全天候|00[:：]00\s*[-—–~～至到]\s*(24|00)[:：]00)$/
const RANGE = /(\d{1,2})[:：](\d{2})\s*[-—–~～至到]\s*(?:次日|第二天)?\s*(\d{1,2})[:：](\d{2})/g

/**
 * Reads a checkpoint's 开放时间: "24小时" / "全天", or one or more ranges ("06:00-22:00",
 * "06:00-12:00，14:00-22:00", "20:00至次日08:00": an end before the start crosses midnight). null when the text
 * says something else ("白天", empty): then nothing is checked against it.
 */
export function parseOpeningHours(text: string): OpeningHours | null {
  const clean = text.trim()
  if (clean === '') return null
  if (ALWAYS.test(clean)) return { always: true }
  const ranges: Span[] = []
  for (const match of clean.matchAll(RANGE)) {
    const [h1, m1, h2, m2] = [match[1], match[2], match[3], match[4]].map(Number) as [number, number, number, number]
    if (h1 > 24 || h2 > 24 || m1 > 59 || m2 > 59) return null
    const start = (h1 * 60 + m1) % DAY_MINUTES
    const end = (h2 * 60 + m2) % DAY_MINUTES
    if (start === end) return { always: true }
    ranges.push({ startMinute: start, endMinute: end })
  }
  return ranges.length > 0 ? { always: false, ranges } : null
}

/** Whether every minute of the shift (crossing midnight or not) falls in an opening range. */
export function withinOpeningHours(t: Span, hours: OpeningHours): boolean {
  if (hours.always) return true
  // Two days of minutes: the shift may run into the next day, a range may too.
  const open = new Uint8Array(DAY_MINUTES * 2)
  for (const r of hours.ranges) {
    for (const day of [-1, 0, 1]) {
      const from = day * DAY_MINUTES + r.startMinute
      const to = from + spanMinutes(r)
      for (let m = Math.max(from, 0); m < Math.min(to, open.length); m++) open[m] = 1
    }
  }
  const end = t.startMinute + spanMinutes(t)
  for (let m = t.startMinute; m < end; m++) if (open[m] !== 1) return false
  return true
}
