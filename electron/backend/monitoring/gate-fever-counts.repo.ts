import type { Db, SqlPart } from '../kit/db'

/**
 * The day's gate fevers and those sent to hospital, counted with the day's 异常 whatever the
 * disposition (DOMAIN.md); scope on the resident's grid (a visitor has none: 'all' scopes only).
 */
export function gateFeverCounts(db: Db, day: string, scope: SqlPart): { fevers: number; hospital: number } {
  const row = db.get<{ fevers: number; hospital: number }>(
    `SELECT COUNT(*) AS fevers, COUNT(*) FILTER (WHERE e.action = 'hospital') AS hospital
     FROM gate_entries e LEFT JOIN residents r ON r.id = e.resident_id WHERE e.day = ? AND e.abnormal = 1 AND ${scope.sql}`,
    [day, ...(scope.params as (string | number)[])]
  )
  return { fevers: Number(row?.fevers ?? 0), hospital: Number(row?.hospital ?? 0) }
}
