import type { Db } from '../kit/db'
import type { Row } from '../store/store'

/**
 * The 商铺单位 figures of one day, from the records by their own dates: units registered by the
 * day and not deleted; the status each unit had at the end of the day (its last history step on
 * or before it); workers on the roll that day, counted as people; of them, those under
 * observation that day (monitoring's rule for "open on day D") and those with a fever reading.
 * `dayEnd` is the instant the office's day ends, for the UTC timestamps of leaving and deleting.
 */
export interface UnitDayFigures {
  units: number
  reopened: number
  workers: number
  observing: number
  abnormal: number
}

export function unitDayFigures(db: Db, day: string, dayEnd: string): UnitDayFigures {
  const live = `u.created_day <= ? AND (u.deleted_at IS NULL OR u.deleted_at >= ?)`
  const units = db.get<{ n: number } & Row>(`SELECT COUNT(*) AS n FROM units u WHERE ${live}`, [day, dayEnd])
  const reopened = db.get<{ n: number } & Row>(
    `SELECT COUNT(*) AS n FROM units u WHERE ${live}
        AND (SELECT h.to_status FROM unit_status_history h WHERE h.unit_id = u.id AND h.day <= ? ORDER BY h.day DESC, h.id DESC LIMIT 1) = 'reopened'`,
    [day, dayEnd, day]
  )
  const roll = `SELECT DISTINCT w.resident_id FROM unit_workers w JOIN units u ON u.id = w.unit_id
     WHERE ${live} AND w.joined_day <= ? AND (w.left_at IS NULL OR w.left_at >= ?)`
  const rollParams = [day, dayEnd, day, dayEnd]
  const workers = db.get<{ n: number } & Row>(`SELECT COUNT(*) AS n FROM (${roll})`, rollParams)
  const observing = db.get<{ n: number } & Row>(
    `SELECT COUNT(DISTINCT e.resident_id) AS n FROM observation_episodes e
      WHERE e.resident_id IN (${roll}) AND e.start_date <= ? AND (e.status = 'observing' OR e.status_date > ?)`,
    [...rollParams, day, day]
  )
  const abnormal = db.get<{ n: number } & Row>(
    `SELECT COUNT(DISTINCT w.resident_id) AS n FROM unit_checks k JOIN unit_workers w ON w.id = k.worker_id
      WHERE k.day = ? AND k.abnormal = 1 AND w.resident_id IN (${roll})`,
    [day, ...rollParams]
  )
  const n = (r: { n: number } | undefined) => Number(r?.n ?? 0)
  return { units: n(units), reopened: n(reopened), workers: n(workers), observing: n(observing), abnormal: n(abnormal) }
}
