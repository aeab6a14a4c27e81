import type { Db, SqlPart } from '../kit/db'
import type { Row } from '../store/store'

export interface DoorCounts {
  targeted: number
  reached: number
  unreachable: number
}

/**
 * The two door-to-door checklists: a notice to households has rows in the first, one to 商铺单位
 * in the second, never both; counts read both (the names are fixed here, never input).
 */
const DOOR_TABLES = ['notice_households', 'notice_units'] as const

/** Door-to-door counts of some notices, of the caller's grids. */
export function doorCounts(db: Db, noticeIds: number[], scope: SqlPart): Map<number, DoorCounts> {
  if (noticeIds.length === 0) return new Map()
  const rows = DOOR_TABLES.flatMap((table) =>
    db.all<DoorCounts & { noticeId: number } & Row>(
      `SELECT notice_id AS noticeId, COUNT(*) AS targeted, SUM(outcome = 'reached') AS reached, SUM(outcome = 'unreachable') AS unreachable
         FROM ${table} WHERE notice_id IN (${noticeIds.map(() => '?').join(', ')}) AND ${scope.sql.replaceAll('{col}', 'grid_id')}
        GROUP BY notice_id`,
      [...noticeIds, ...scope.params]
    )
  )
  return new Map(rows.map((r) => [r.noticeId, { targeted: Number(r.targeted), reached: Number(r.reached), unreachable: Number(r.unreachable) }]))
}

/** Door-to-door counts of one notice per grid (of the caller's), with the grid's workers. */
export function doorByGrid(
  db: Db,
  noticeId: number,
  scope: SqlPart
): (DoorCounts & { gridId: number | null; gridName: string | null; workers: string | null })[] {
  return DOOR_TABLES.flatMap((table) =>
    db.all<DoorCounts & { gridId: number | null; gridName: string | null; workers: string | null } & Row>(
      `SELECT nh.grid_id AS gridId, g.name AS gridName, COUNT(*) AS targeted, SUM(nh.outcome = 'reached') AS reached,
              SUM(nh.outcome = 'unreachable') AS unreachable,
              (SELECT group_concat(s.name, '、') FROM grid_staff s WHERE s.grid_id = nh.grid_id AND s.role = 'worker') AS workers
         FROM ${table} nh LEFT JOIN grids g ON g.id = nh.grid_id
        WHERE nh.notice_id = ? AND ${scope.sql.replaceAll('{col}', 'nh.grid_id')}
        GROUP BY nh.grid_id ORDER BY nh.grid_id IS NULL, g.name`,
      [noticeId, ...scope.params]
    )
  )
}
