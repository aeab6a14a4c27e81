/**
 * The daily report over days: series for the trend charts, and the week-over-week table. A
 * 'level' is a count at the end of each day (在观察); a 'flow' happens during the day (新增, 解除,
 * 异常, 进出), so a week of it is a sum, and a week of a level is its last day.
 */

export interface TrendSeries {
  key: string
  label: string
  kind: 'level' | 'flow'
  /** 人, 人次, 处, or a supply item's own unit. */
  unit: string
  values: number[]
}

export interface ReportTrend {
  days: string[]
  series: TrendSeries[]
}

export interface WeekRow {
  key: string
  label: string
  unit: string
  thisWeek: number
  lastWeek: number
  /** thisWeek - lastWeek. */
  change: number
}

/** The last 7 days against the 7 before them (needs at least 14 days; fewer give []). */
export function weekOverWeek(trend: ReportTrend): WeekRow[] {
  const n = trend.days.length
  if (n < 14) return []
  return trend.series.map((s) => {
    const week = (from: number) => {
      const part = s.values.slice(from, from + 7)
      return s.kind === 'flow' ? part.reduce((a, v) => a + v, 0) : (part[part.length - 1] ?? 0)
    }
    const thisWeek = week(n - 7)
    const lastWeek = week(n - 14)
    return { key: s.key, label: s.label, unit: s.unit, thisWeek, lastWeek, change: thisWeek - lastWeek }
  })
}
