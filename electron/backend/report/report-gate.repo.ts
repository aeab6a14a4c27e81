import type { GateAction, GateDirection, GateWho } from '../../../shared/domain/gate'
import type { Db } from '../kit/db'

/*
 * The report's 卡口 and 志愿者 reads: the gate's per-day counts, the checkpoints, the roster's
 * attendance and the day's 带班人 (report.repo holds the rest of the day's figures).
 */

const num = (v: unknown) => Number(v ?? 0)

export interface GateTally {
  day: string
  who: GateWho
  direction: GateDirection
  abnormal: number
  action: GateAction
  n: number
}

export function gateTallies(db: Db, day: string): GateTally[] {
  return gateTalliesByDay(db, day, day)
}

/**
 * The gate entries of each day from `from` to `to`, counted by kind of person, direction, fever and
 * disposition: the counts migration 0031 keeps per day by triggers (every entry, as report.repo's ENTRY_COUNTS
 * says; a 更正 moves its entry's count), not a read of every entry of the days.
 */
export function gateTalliesByDay(db: Db, from: string, to: string): GateTally[] {
  return db
    .all<GateTally>(
      `SELECT t.day AS day, t.who AS who, t.direction AS direction, t.abnormal AS abnormal, t.action AS action, t.n AS n
         FROM gate_day_tallies t WHERE t.day BETWEEN ? AND ? AND t.n != 0`,
      [from, to]
    )
    .map((r) => ({ ...r, abnormal: num(r.abnormal), n: num(r.n) }))
}

export function checkpointDates(db: Db): { createdAt: string; retiredAt: string | null }[] {
  return db.all('SELECT created_at AS createdAt, retired_at AS retiredAt FROM checkpoints')
}

export interface DutyCounts {
  attendance: number
  scheduled: number
  present: number
}

export function dutyCounts(db: Db, day: string): DutyCounts {
  const row = db.get<Record<string, number>>(
    `SELECT COUNT(CASE WHEN at.status = 'present' THEN 1 END) AS attendance,
            COUNT(DISTINCT a.volunteer_id) AS scheduled,
            COUNT(DISTINCT CASE WHEN at.status = 'present' THEN a.volunteer_id END) AS present
       FROM roster_assignments a LEFT JOIN roster_attendance at ON at.assignment_id = a.id WHERE a.day = ?`,
    [day]
  )
  return { attendance: num(row?.attendance), scheduled: num(row?.scheduled), present: num(row?.present) }
}

/** The day's 带班人 (leads not marked absent), by name. */
export function leadNames(db: Db, day: string): string[] {
  return db
    .all<{ name: string }>(
      `SELECT DISTINCT CASE WHEN v.resident_id IS NOT NULL THEN r.name ELSE v.name END AS name
         FROM roster_assignments a JOIN volunteers v ON v.id = a.volunteer_id LEFT JOIN residents r ON r.id = v.resident_id
         LEFT JOIN roster_attendance at ON at.assignment_id = a.id
        WHERE a.day = ? AND a.is_lead = 1 AND (at.status IS NULL OR at.status != 'absent') ORDER BY name`,
      [day]
    )
    .map((r) => r.name)
}
