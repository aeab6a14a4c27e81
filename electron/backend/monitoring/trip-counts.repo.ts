import type { Db, SqlPart } from '../kit/db'

/*
 * The returnee figures of the monitoring page's daily summary, and how an episode finds its trip.
 * They read the trips table, but live here rather than in returnees/: returnees registers trips
 * that start observation episodes, so it depends on monitoring, and monitoring must not depend
 * back on it.
 */

/**
 * The one rule for which trips count: a 作废 (voided) trip keeps its row for the person's history
 * but is left out of every list, count and export. Any query over `returnee_trips t` that counts
 * or lists returnees ANDs this in (the daily report too).
 */
export const LIVE_TRIP = `t.status = 'active'`

export function registeredOnCount(db: Db, day: string, scope: SqlPart): number {
  return Number(
    db.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM returnee_trips t JOIN residents r ON r.id = t.resident_id WHERE t.registered_on = ? AND ${LIVE_TRIP} AND ${scope.sql}`,
      [day, ...scope.params]
    )?.n ?? 0
  )
}

export function newByProvince(db: Db, day: string, scope: SqlPart): { province: string; count: number }[] {
  return db.all(
    `SELECT t.origin_province AS province, COUNT(*) AS count FROM returnee_trips t JOIN residents r ON r.id = t.resident_id
      WHERE t.registered_on = ? AND ${LIVE_TRIP} AND ${scope.sql} GROUP BY t.origin_province ORDER BY count DESC, province`,
    [day, ...scope.params]
  )
}

export function totalTrips(db: Db, scope: SqlPart): number {
  // Every trip has its resident (a foreign key): the join only serves a grid scope, and without
  // one it was a row lookup per trip ever registered on the home page.
  const join = scope.sql.includes('r.') ? 'JOIN residents r ON r.id = t.resident_id' : ''
  return Number(db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM returnee_trips t ${join} WHERE ${LIVE_TRIP} AND ${scope.sql}`, scope.params)?.n ?? 0)
}

/** A trip as an episode started for it needs it: whose it is, and whether it still counts. */
export function tripOwner(db: Db, tripId: number): { residentId: number; returnDate: string; live: boolean } | undefined {
  const row = db.get<{ residentId: number; returnDate: string; live: number }>(
    `SELECT t.resident_id AS residentId, t.return_date AS returnDate, ${LIVE_TRIP} AS live FROM returnee_trips t WHERE t.id = ?`,
    [tripId]
  )
  return row && { residentId: row.residentId, returnDate: row.returnDate, live: row.live === 1 }
}

/**
 * The trip an episode started on startDate belongs to (migration 0012 backfilled old episodes by
 * the same rule): the person's live trip with the latest return date on or before the start.
 */
export function tripForStart(db: Db, residentId: number, startDate: string): number | null {
  return (
    db.get<{ id: number }>(
      `SELECT t.id FROM returnee_trips t WHERE t.resident_id = ? AND t.return_date <= ? AND ${LIVE_TRIP} ORDER BY t.return_date DESC, t.id DESC LIMIT 1`,
      [residentId, startDate]
    )?.id ?? null
  )
}
