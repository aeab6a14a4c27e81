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
 */
export function helpDayCounts(db: Db, day: string): HelpDayCounts {
  const n = (sql: string, params: (string | number)[]) => Number(db.get<{ n: number } & Row>(sql, params)?.n ?? 0)
  const openAtEnd = 'created_day <= ? AND (closed_day IS NULL OR closed_day > ?)'
  return {
    newToday: n('SELECT COUNT(*) AS n FROM help_requests WHERE created_day = ?', [day]),
    doneToday: n("SELECT COUNT(*) AS n FROM help_requests WHERE closed_day = ? AND status = 'done'", [day]),
    open: n(`SELECT COUNT(*) AS n FROM help_requests WHERE ${openAtEnd}`, [day, day]),
    overdue: n(`SELECT COUNT(*) AS n FROM help_requests WHERE ${openAtEnd} AND wanted_by IS NOT NULL AND wanted_by < ?`, [day, day, `${day} 24:00`]),
    byType: db
      .all<{ type: HelpType; n: number } & Row>('SELECT type, COUNT(*) AS n FROM help_requests WHERE created_day = ? GROUP BY type', [day])
      .map((r) => ({ type: r.type, n: Number(r.n) }))
  }
}
