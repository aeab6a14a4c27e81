import type { Db, SqlPart } from '../kit/db'
import type { Tx } from '../store/store'

export interface BuildingRow {
  id: number
  compoundId: number
  compound: string
  building: string
  /** compound key + building key: rows with one key are one building spelled two ways. */
  key: string
  gridId: number | null
  gridName: string | null
  householdCount: number
  residentCount: number
}

const BUILDING_ROWS = `SELECT b.id, b.compound_id AS compoundId, c.name AS compound, b.name AS building, c.key || '|' || b.key AS key,
    b.grid_id AS gridId, g.name AS gridName,
    (SELECT COUNT(*) FROM households h WHERE h.building_id = b.id AND h.deleted_at IS NULL) AS householdCount,
    (SELECT COUNT(*) FROM households h JOIN residents r ON r.household_id = h.id
      WHERE h.building_id = b.id AND h.deleted_at IS NULL AND r.deleted_at IS NULL) AS residentCount
  FROM buildings b JOIN compounds c ON c.id = b.compound_id LEFT JOIN grids g ON g.id = b.grid_id`

/** Every building of the community (a few hundred rows), in address order. */
export function allBuildings(db: Db): BuildingRow[] {
  return db.all<BuildingRow>(`${BUILDING_ROWS} ORDER BY c.sort_key, b.sort_key, b.id`)
}

export function buildingRow(db: Db, id: number): BuildingRow | undefined {
  return db.get<BuildingRow>(`${BUILDING_ROWS} WHERE b.id = ?`, [id])
}

export interface MovedHousehold {
  id: number
  unit: string
  room: string
  roomKey: string
  address: string
}

/** Every household of a building, the recycle bin's too: a merge leaves none behind in the row it removes. */
export function householdsOfBuilding(db: Db, buildingId: number): (MovedHousehold & { deleted: boolean })[] {
  return db
    .all<MovedHousehold & { deleted: number }>(
      'SELECT id, unit, room, room_key AS roomKey, address, deleted_at IS NOT NULL AS deleted FROM households WHERE building_id = ? ORDER BY address_key, id',
      [buildingId]
    )
    .map((row) => ({ ...row, deleted: row.deleted === 1 }))
}

/** The live household at each place key of a building (the first, where there are two). */
export function liveRoomsOf(db: Db, buildingId: number): Map<string, string> {
  const rooms = new Map<string, string>()
  for (const row of db.all<{ roomKey: string; address: string }>(
    'SELECT room_key AS roomKey, address FROM households WHERE building_id = ? AND deleted_at IS NULL ORDER BY id',
    [buildingId]
  )) {
    if (!rooms.has(row.roomKey)) rooms.set(row.roomKey, row.address)
  }
  return rooms
}

export function countLiveResidents(db: Db, buildingId: number): number {
  return Number(
    db.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM households h JOIN residents r ON r.household_id = h.id
        WHERE h.building_id = ? AND h.deleted_at IS NULL AND r.deleted_at IS NULL`,
      [buildingId]
    )?.n ?? 0
  )
}

export function moveHousehold(tx: Tx, id: number, w: { buildingId: number; address: string; searchText: string; addressKey: string; at: string }): void {
  tx.run('UPDATE households SET building_id = ?, address = ?, search_text = ?, address_key = ?, updated_at = ? WHERE id = ?', [
    w.buildingId,
    w.address,
    w.searchText,
    w.addressKey,
    w.at,
    id
  ])
}

export function deleteBuilding(tx: Tx, id: number): void {
  tx.run('DELETE FROM buildings WHERE id = ?', [id])
}

export interface UnassignedRow {
  id: number
  address: string
  householderName: string | null
  memberCount: number
  buildingId: number
}

/** Live households in no grid, in the caller's scope (a grid worker's scope holds none of them). */
export function unassignedHouseholds(db: Db, scope: SqlPart, limit: number): { total: number; rows: UnassignedRow[]; buildings: Map<number, number> } {
  const where = `h.grid_id IS NULL AND h.deleted_at IS NULL AND ${scope.sql}`
  const buildings = new Map(
    db
      .all<{ id: number; n: number }>(`SELECT h.building_id AS id, COUNT(*) AS n FROM households h WHERE ${where} GROUP BY h.building_id`, scope.params)
      .map((row) => [row.id, row.n])
  )
  const total = [...buildings.values()].reduce((sum, n) => sum + n, 0)
  const rows = db.all<UnassignedRow>(
    `SELECT h.id, h.address, hr.name AS householderName, h.building_id AS buildingId,
       (SELECT COUNT(*) FROM residents m WHERE m.household_id = h.id AND m.deleted_at IS NULL) AS memberCount
       FROM households h LEFT JOIN residents hr ON hr.id = h.householder_id
      WHERE ${where} ORDER BY h.address_key, h.id LIMIT ?`,
    [...scope.params, limit]
  )
  return { total, rows, buildings }
}
