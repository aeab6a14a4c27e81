import type { HelpType } from '../../../shared/domain/help'
import type { Db } from '../kit/db'
import type { Row } from '../store/store'

export interface HelpDayCounts {
  newToday: number
  doneToday: number
  open: number
  overdue: number
  byType: { type: HelpType; n: number }[]
}

/**
 * The day's figures by the requests' own dates: created_day and closed_day are the office's local
 * days, so "open at the day's end" is registered by then and not closed by then. Wanted-by is
 * wall-clock text: 'YYYY-MM-DD 24:00' sorts after every minute of the day.
 *
 * "Not closed by then" is read as two index ranges, still open now (is_open, whose closed_day is
 * NULL) and closed after the day (the closed_day index), rather than one OR over a year of rows:
 * 49 ms -> a few ms at 20,000 requests (tests/bench/suites/help.bench.ts).
 */
export function helpDayCounts(db: Db, day: string): HelpDayCounts {
  const n = (sql: string, params: (string | number)[]) => Number(db.get<{ n: number } & Row>(sql, params)?.n ?? 0)
  const openAtEnd = (extra: string, params: string[]) =>
    n(`SELECT COUNT(*) AS n FROM help_requests WHERE is_open = 1 AND created_day <= ?${extra}`, [day, ...params]) +
    n(`SELECT COUNT(*) AS n FROM help_requests WHERE closed_day > ? AND created_day <= ?${extra}`, [day, day, ...params])
  return {
    newToday: n('SELECT COUNT(*) AS n FROM help_requests WHERE created_day = ?', [day]),
    doneToday: n("SELECT COUNT(*) AS n FROM help_requests WHERE closed_day = ? AND status = 'done'", [day]),
    open: openAtEnd('', []),
    overdue: openAtEnd(' AND wanted_by IS NOT NULL AND wanted_by < ?', [`${day} 24:00`]),
    byType: db
      .all<{ type: HelpType; n: number } & Row>('SELECT type, COUNT(*) AS n FROM help_requests WHERE created_day = ? GROUP BY type', [day])
      .map((r) => ({ type: r.type, n: Number(r.n) }))
  }
}
