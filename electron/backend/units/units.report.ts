import { addDays, splitIsoDate } from '../../../shared/domain/dates'
import { REPORT_GROUP_LABELS, domainLine } from '../../../shared/domain/report'
import { UNIT_REPORT_LINES } from '../../../shared/domain/units'
import type { ReportSection } from '../../../shared/domain/report'
import type { Db } from '../kit/db'
import type { ReportContributor } from '../kit/report-contributor'
import { unitDayFigures } from './units-report.repo'

/** The instant the office's day ends (its next local midnight), as the UTC text timestamps are stored in. */
function dayEndInstant(day: string): string {
  const next = splitIsoDate(addDays(day, 1))
  if (!next) throw new Error(`not a day: ${day}`)
  return new Date(next.y, next.m - 1, next.d).toISOString()
}

/**
 * 商铺单位 in the 每日疫情防控报表: units, 已复工, workers, workers under observation, abnormal.
 */
export const unitsReport = {
  section(db: Db, day: string): ReportSection {
    const figures = unitDayFigures(db, day, dayEndInstant(day))
    const line = (key: keyof typeof UNIT_REPORT_LINES, alert = false) => {
      const d = UNIT_REPORT_LINES[key]
      return domainLine(`units.${key}`, d.definition, d.label, figures[key], d.unit, alert && figures[key] > 0)
    }
    return {
      group: 'units',
      title: REPORT_GROUP_LABELS.units,
      lines: [line('units'), line('reopened'), line('workers'), line('observing'), line('abnormal', true)],
      notes: []
    }
  }
} satisfies ReportContributor
