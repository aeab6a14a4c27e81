import type { Db } from '../../kit/db'

/**
 * How many files of this name were handed out since an instant: every export's audit row records
 * the name before numbering (detail.fileBase). Today's rows only, so the at index keeps it short.
 */
export function countHandedOut(db: Db, fileBase: string, sinceIso: string): number {
  const row = db.get<{ n: number }>(
    `SELECT COUNT(*) AS n FROM audit_log
      WHERE at >= ? AND CASE WHEN json_valid(detail) THEN json_extract(detail, '$.fileBase') END = ?`,
    [sinceIso, fileBase]
  )
  return Number(row?.n ?? 0)
}
