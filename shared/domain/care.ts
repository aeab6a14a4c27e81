/**
 * Key-group care (重点人群关爱): how often a person of a key group is called or visited, and the
 * one rule for "is their contact due on day D". The 今日关爱 worklist, the per-worker print, the
 * home page's missed contacts and the bench all ask isCareDue, so a person is never due on one
 * screen and not on another.
 */
import { addDays, daysBetween } from './dates'
import type { HelpChannel } from './help'

/** Small on purpose: what committees actually schedule. The period is in calendar days. */
export const CARE_FREQUENCIES = ['daily_call', 'alternate_call', 'weekly_call', 'weekly_visit'] as const
export type CareFrequency = (typeof CARE_FREQUENCIES)[number]
export const CARE_FREQUENCY_LABELS: Record<CareFrequency, string> = {
  daily_call: '每日电话',
  alternate_call: '每两日电话',
  weekly_call: '每周电话',
  weekly_visit: '每周上门'
}
export const CARE_PERIOD_DAYS: Record<CareFrequency, number> = { daily_call: 1, alternate_call: 2, weekly_call: 7, weekly_visit: 7 }

export const CARE_METHODS = ['phone', 'visit', 'wechat'] as const
export type CareMethod = (typeof CARE_METHODS)[number]
export const CARE_METHOD_LABELS: Record<CareMethod, string> = { phone: '电话', visit: '上门', wechat: '微信' }
/** What a plan's frequency implies the contact will be (the form's default). */
export const CARE_DEFAULT_METHOD: Record<CareFrequency, CareMethod> = {
  daily_call: 'phone',
  alternate_call: 'phone',
  weekly_call: 'phone',
  weekly_visit: 'visit'
}

export const CARE_OUTCOMES = ['normal', 'needs_help', 'abnormal'] as const
export type CareOutcome = (typeof CARE_OUTCOMES)[number]
export const CARE_OUTCOME_LABELS: Record<CareOutcome, string> = { normal: '情况正常', needs_help: '需要帮助', abnormal: '异常' }

/**
 * Due on day D: from the plan's first day (its anchor, a local calendar day) on, every period
 * days. A weekly plan is due on the anchor's weekday, an every-two-days one on the anchor's
 * parity. Pure calendar-day arithmetic on 'YYYY-MM-DD' strings, so the machine's time zone and
 * month or year ends do not move it. A paused plan is never due.
 */
export function isCareDue(plan: { frequency: CareFrequency; anchorDay: string; active: boolean }, day: string): boolean {
  return isCareDueSince(plan.frequency, daysBetween(plan.anchorDay, day), plan.active)
}

/**
 * The same rule on a day count already worked out (days from the anchor to the day asked):
 * the worklist sorts 5,000 plans a call and counts each anchor once, not once a plan.
 */
export function isCareDueSince(frequency: CareFrequency, since: number, active: boolean): boolean {
  return active && since >= 0 && since % CARE_PERIOD_DAYS[frequency] === 0
}

/** The next day on or after `day` the plan is due (for the 关爱对象 list's 下次联系). */
export function nextCareDay(plan: { frequency: CareFrequency; anchorDay: string }, day: string): string {
  const since = daysBetween(plan.anchorDay, day)
  if (since <= 0) return plan.anchorDay
  const period = CARE_PERIOD_DAYS[plan.frequency]
  const rest = since % period
  return rest === 0 ? day : addDays(day, period - rest)
}

/**
 * The channel a help request raised by a care contact arrives by: a grid worker's contact is the
 * 网格员 channel (that is how the committee heard of it); a volunteer's is the contact's own way.
 */
export function careHelpChannel(byGridWorker: boolean, method: CareMethod): HelpChannel {
  if (byGridWorker) return 'grid_worker'
  return method === 'wechat' ? 'wechat' : method === 'visit' ? 'visit' : 'phone'
}
