import { addDays } from './dates'

/**
 * 数据保留与清理: how long each kind of epidemic personal data is kept after its purpose ends. The
 * one place these rules live; the backend's purge, its preview and the 数据保留 page all read them.
 *
 * Personal data collected for epidemic prevention serves that purpose only and is kept no longer
 * than needed (PIPL; the 2020 national notice). The register of residents and households is the
 * committee's ordinary register and stays; what goes is the epidemic record about people.
 *
 * A row goes when the day its purpose ended is more than N days before today (today's date in the
 * office's time). What "its purpose ended" means differs by kind:
 * - gate entries of visitors, vehicles and deliveries: the day of the entry;
 * - gate entries of residents: the day of the entry;
 * - gate fevers (an entry with a temperature at or above the threshold): the day of the entry, but
 *   a fever linked to an observation stays as long as that observation and goes with it;
 * - observation episodes (居家观察 ...), with their daily checks and change history: the day the
 *   observation ended (解除 / 转院 / 失联). An observation still running never goes by age;
 * - returnee trips, with their companions: the return date, and only once no observation of the
 *   trip is kept any longer (a trip whose observation is still open never goes).
 * Corrections of a gate entry (更正) go with the entry.
 */

/** The kinds whose period the administrator sets. */
export const RETENTION_PERIOD_KINDS = ['visitorEntries', 'residentEntries', 'gateFevers', 'episodes', 'trips'] as const
export type RetentionPeriodKind = (typeof RETENTION_PERIOD_KINDS)[number]

/** Days kept after the purpose ends, per kind. */
export type RetentionPeriods = Record<RetentionPeriodKind, number>

export const DEFAULT_RETENTION_PERIODS: RetentionPeriods = {
  visitorEntries: 30,
  residentEntries: 30,
  gateFevers: 90,
  episodes: 90,
  trips: 180
}

/** The longest period a clerk may set: ten years (beyond that it is not a retention rule). */
export const MAX_RETENTION_DAYS = 3650

/** Every kind a purge removes and counts, in the order the preview and the certificate list them. */
export const PURGE_KINDS = [
  'visitorEntries',
  'residentEntries',
  'gateFevers',
  'gateCorrections',
  'episodes',
  'checks',
  'episodeEvents',
  'trips',
  'companions'
] as const
export type PurgeKind = (typeof PURGE_KINDS)[number]

export const PURGE_KIND_LABELS: Record<PurgeKind, string> = {
  visitorEntries: '来访人员、车辆、快递的出入登记',
  residentEntries: '居民的出入登记',
  gateFevers: '卡口体温异常登记',
  gateCorrections: '出入登记的更正记录',
  episodes: '已结束的居家观察记录',
  checks: '每日健康监测（体温、症状）',
  episodeEvents: '观察期调整、解除等变更记录',
  trips: '返程登记',
  companions: '同行人员'
}

/** What each period means, in plain words for the 数据保留 page. */
export const PERIOD_HINTS: Record<RetentionPeriodKind, { label: string; after: string }> = {
  visitorEntries: { label: '来访人员、车辆、快递的出入登记', after: '登记当天' },
  residentEntries: { label: '居民的出入登记（体温正常）', after: '登记当天' },
  gateFevers: { label: '卡口体温异常登记', after: '登记当天（正在观察的人随观察记录保留）' },
  episodes: { label: '居家观察记录（含每日体温、症状）', after: '观察结束（解除、转院、失联）' },
  trips: { label: '返程登记（含同行人员）', after: '返回日期（观察未结束的不清理）' }
}

/** The purpose ended before this day: a row whose day is earlier goes (today minus the period). */
export type RetentionCutoffs = Record<RetentionPeriodKind, string>

export function retentionCutoffs(today: string, periods: RetentionPeriods): RetentionCutoffs {
  return {
    visitorEntries: addDays(today, -periods.visitorEntries),
    residentEntries: addDays(today, -periods.residentEntries),
    gateFevers: addDays(today, -periods.gateFevers),
    episodes: addDays(today, -periods.episodes),
    trips: addDays(today, -periods.trips)
  }
}

/** Stored periods as read back: anything missing or out of range falls back to the default. */
export function periodsFrom(stored: unknown): RetentionPeriods {
  const out = { ...DEFAULT_RETENTION_PERIODS }
  if (!stored || typeof stored !== 'object') return out
  for (const kind of RETENTION_PERIOD_KINDS) {
    const value = (stored as Record<string, unknown>)[kind]
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_RETENTION_DAYS) out[kind] = value
  }
  return out
}

/** The text the certificate and the audit row carry, counts only (never a name or an ID). */
export function purgeCountsText(counts: Record<PurgeKind, number>): string {
  const parts = PURGE_KINDS.filter((kind) => counts[kind] > 0).map((kind) => `${PURGE_KIND_LABELS[kind]} ${counts[kind]} 条`)
  return parts.length > 0 ? parts.join('；') : '没有到期的数据'
}
