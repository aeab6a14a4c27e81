import type { Db, SqlPart } from '../kit/db'

/*
 * The returnee figures of the monitoring page's daily summary. They read the trips table, but
 * live here rather than in returnees/: returnees registers trips that start observation
 * episodes, so it depends on monitoring, and monitoring must not depend back on it.
 */

export function registeredOnCount(db: Db, day: string, scope: SqlPart): number {
  return Number(
    db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM returnee_trips t JOIN residents r ON r.id = t.resident_id WHERE t.registered_on = ? AND ${scope.sql}`, [
      day,
      ...scope.params
    ])?.n ?? 0
  )
}

export function newByProvince(db: Db, day: string, scope: SqlPart): { province: string; count: number }[] {
  return db.all(
    `SELECT t.origin_province AS province, COUNT(*) AS count FROM returnee_trips t JOIN residents r ON r.id = t.resident_id
      WHERE t.registered_on = ? AND ${scope.sql} GROUP BY t.origin_province ORDER BY count DESC, province`,
    [day, ...scope.params]
  )
}

export function totalTrips(db: Db, scope: SqlPart): number {
  // Every trip has its resident (a foreign key): the join only serves a grid scope, and without
  // one it was a row lookup per trip ever registered on the home page.
  const join = scope.sql.includes('r.') ? 'JOIN residents r ON r.id = t.resident_id' : ''
  return Number(db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM returnee_trips t ${join} WHERE ${scope.sql}`, scope.params)?.n ?? 0)
}
