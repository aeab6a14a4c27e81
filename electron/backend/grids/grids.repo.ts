import type { Db, SqlPart } from '../kit/db'
import type { Tx } from '../store/store'

export interface GridRecord {
  id: number
  name: string
  notes: string
  retiredAt: string | null
  createdAt: string
  updatedAt: string
  buildingCount: number
  householdCount: number
  residentCount: number
  keyGroupCount: number
}

export interface StaffRecord {
  gridId: number
  role: 'leader' | 'worker'
  name: string
  phone: string
  residentId: number | null
}

const GRID_BASE = `SELECT g.id, g.name, g.notes, g.retired_at AS retiredAt, g.created_at AS createdAt, g.updated_at AS updatedAt FROM grids g`

type GridCounts = Pick<GridRecord, 'buildingCount' | 'householdCount' | 'residentCount' | 'keyGroupCount'>

function grouped(db: Db, sql: string): Map<number, number> {
  return new Map(db.all<{ gridId: number; n: number }>(sql).map((row) => [row.gridId, row.n]))
}

/**
 * Counts for the given grids. A count of one grid id is answered from the grid index alone
 * (fast); grouping all rows by grid is not (it visits every row). Records in the recycle bin
 * still carry their grid, so they are counted through the small partial index on deleted_at
 * and subtracted.
 */
function countsByGrid(db: Db, ids: number[]): (id: number) => GridCounts {
  const one = (sql: string, id: number) => Number(db.get<{ n: number }>(sql, [id])?.n ?? 0)
  const buildings = grouped(db, 'SELECT grid_id AS gridId, COUNT(*) AS n FROM buildings WHERE grid_id IS NOT NULL GROUP BY grid_id')
  const binnedHouseholds = grouped(
    db,
    'SELECT grid_id AS gridId, COUNT(*) AS n FROM households INDEXED BY households_deleted WHERE deleted_at IS NOT NULL GROUP BY grid_id'
  )
  const binnedResidents = grouped(
    db,
    'SELECT grid_id AS gridId, COUNT(*) AS n FROM residents INDEXED BY residents_deleted WHERE deleted_at IS NOT NULL GROUP BY grid_id'
  )
  // Few people are tagged: start from the tags and look each person up.
  const keyGroups = grouped(
    db,
    `SELECT r.grid_id AS gridId, COUNT(DISTINCT t.resident_id) AS n FROM resident_tags t CROSS JOIN residents r ON r.id = t.resident_id
      WHERE r.deleted_at IS NULL AND r.grid_id IS NOT NULL GROUP BY r.grid_id`
  )
  const counts = new Map(
    ids.map((id) => [
      id,
      {
        buildingCount: buildings.get(id) ?? 0,
        householdCount: one('SELECT COUNT(*) AS n FROM households WHERE grid_id = ?', id) - (binnedHouseholds.get(id) ?? 0),
        residentCount: one('SELECT COUNT(*) AS n FROM residents WHERE grid_id = ?', id) - (binnedResidents.get(id) ?? 0),
        keyGroupCount: keyGroups.get(id) ?? 0
      }
    ])
  )
  return (id) => counts.get(id) ?? { buildingCount: 0, householdCount: 0, residentCount: 0, keyGroupCount: 0 }
}

type GridBase = Omit<GridRecord, keyof GridCounts>

export function listGrids(db: Db, includeRetired: boolean, scope: SqlPart): GridRecord[] {
  const rows = db.all<GridBase>(`${GRID_BASE} WHERE (? OR g.retired_at IS NULL) AND ${scope.sql} ORDER BY g.retired_at IS NOT NULL, g.name`, [
    includeRetired ? 1 : 0,
    ...scope.params
  ])
  const counts = countsByGrid(
    db,
    rows.map((row) => row.id)
  )
  return rows.map((row) => ({ ...row, ...counts(row.id) }))
}

export function getGrid(db: Db, id: number): GridRecord | undefined {
  const row = db.get<GridBase>(`${GRID_BASE} WHERE g.id = ?`, [id])
  return row ? { ...row, ...countsByGrid(db, [id])(id) } : undefined
}

export function staffOf(db: Db, gridIds: number[]): StaffRecord[] {
  if (gridIds.length === 0) return []
  return db.all<StaffRecord>(
    `SELECT grid_id AS gridId, role, name, phone, resident_id AS residentId FROM grid_staff
      WHERE grid_id IN (${gridIds.map(() => '?').join(', ')}) ORDER BY grid_id, role, position`,
    gridIds
  )
}

export function liveGridNamed(db: Db, name: string): { id: number } | undefined {
  return db.get<{ id: number }>('SELECT id FROM grids WHERE name = ? AND retired_at IS NULL', [name])
}

export function residentExists(db: Db, id: number): boolean {
  return db.get('SELECT 1 AS x FROM residents WHERE id = ? AND deleted_at IS NULL', [id]) !== undefined
}

export function insertGrid(tx: Tx, name: string, notes: string, at: string): number {
  return tx.run('INSERT INTO grids (name, notes, retired_at, created_at, updated_at) VALUES (?, ?, NULL, ?, ?)', [name, notes, at, at]).lastInsertRowid
}

export function updateGrid(tx: Tx, id: number, name: string, notes: string, at: string): void {
  tx.run('UPDATE grids SET name = ?, notes = ?, updated_at = ? WHERE id = ?', [name, notes, at, id])
}

export function retireGrid(tx: Tx, id: number, at: string): void {
  tx.run('UPDATE grids SET retired_at = ?, updated_at = ? WHERE id = ?', [at, at, id])
}

export function replaceStaff(tx: Tx, gridId: number, staff: Omit<StaffRecord, 'gridId'>[]): void {
  tx.run('DELETE FROM grid_staff WHERE grid_id = ?', [gridId])
  staff.forEach((person, position) => {
    tx.run('INSERT INTO grid_staff (grid_id, role, position, name, phone, resident_id) VALUES (?, ?, ?, ?, ?, ?)', [
      gridId,
      person.role,
      position,
      person.name,
      person.phone,
      person.residentId
    ])
  })
}

export interface GridBuildingRecord {
  id: number
  compound: string
  building: string
  householdCount: number
  residentCount: number
}

export function buildingsOfGrid(db: Db, gridId: number): GridBuildingRecord[] {
  const buildings = db.all<Omit<GridBuildingRecord, 'householdCount' | 'residentCount'>>(
    `SELECT b.id, c.name AS compound, b.name AS building FROM buildings b JOIN compounds c ON c.id = b.compound_id
      WHERE b.grid_id = ? ORDER BY c.sort_key, b.sort_key`,
    [gridId]
  )
  const households = new Map(
    db
      .all<{ id: number; n: number }>('SELECT building_id AS id, COUNT(*) AS n FROM households WHERE grid_id = ? AND deleted_at IS NULL GROUP BY building_id', [
        gridId
      ])
      .map((row) => [row.id, row.n])
  )
  const residents = new Map(
    db
      .all<{ id: number; n: number }>(
        `SELECT h.building_id AS id, COUNT(*) AS n FROM residents r CROSS JOIN households h ON h.id = r.household_id
          WHERE r.grid_id = ? AND r.deleted_at IS NULL GROUP BY h.building_id`,
        [gridId]
      )
      .map((row) => [row.id, row.n])
  )
  return buildings.map((b) => ({ ...b, householdCount: households.get(b.id) ?? 0, residentCount: residents.get(b.id) ?? 0 }))
}

export function setBuildingGrid(tx: Tx, buildingId: number, gridId: number | null): void {
  tx.run('UPDATE buildings SET grid_id = ? WHERE id = ?', [gridId, buildingId])
}
