import type { Db, SqlPart } from '../register/register.repo'
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

const GRID_COLUMNS = `g.id, g.name, g.notes, g.retired_at AS retiredAt, g.created_at AS createdAt, g.updated_at AS updatedAt,
  (SELECT COUNT(*) FROM buildings b WHERE b.grid_id = g.id) AS buildingCount,
  (SELECT COUNT(*) FROM households h WHERE h.grid_id = g.id AND h.deleted_at IS NULL) AS householdCount,
  (SELECT COUNT(*) FROM residents r WHERE r.grid_id = g.id AND r.deleted_at IS NULL) AS residentCount,
  (SELECT COUNT(DISTINCT t.resident_id) FROM resident_tags t JOIN residents r ON r.id = t.resident_id
    WHERE r.grid_id = g.id AND r.deleted_at IS NULL) AS keyGroupCount`

export function listGrids(db: Db, includeRetired: boolean, scope: SqlPart): GridRecord[] {
  return db.all<GridRecord>(
    `SELECT ${GRID_COLUMNS} FROM grids g
      WHERE (? OR g.retired_at IS NULL) AND ${scope.sql}
      ORDER BY g.retired_at IS NOT NULL, g.name`,
    [includeRetired ? 1 : 0, ...scope.params]
  )
}

export function getGrid(db: Db, id: number): GridRecord | undefined {
  return db.get<GridRecord>(`SELECT ${GRID_COLUMNS} FROM grids g WHERE g.id = ?`, [id])
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
  return tx.run('INSERT INTO grids (name, notes, retired_at, created_at, updated_at) VALUES (?, ?, NULL, ?, ?)', [name, notes, at, at])
    .lastInsertRowid
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
  return db.all<GridBuildingRecord>(
    `SELECT b.id, c.name AS compound, b.name AS building,
       (SELECT COUNT(*) FROM households h WHERE h.building_id = b.id AND h.deleted_at IS NULL) AS householdCount,
       (SELECT COUNT(*) FROM residents r JOIN households h ON h.id = r.household_id
         WHERE h.building_id = b.id AND r.deleted_at IS NULL) AS residentCount
       FROM buildings b JOIN compounds c ON c.id = b.compound_id
      WHERE b.grid_id = ? ORDER BY c.sort_key, b.sort_key`,
    [gridId]
  )
}

export function setBuildingGrid(tx: Tx, buildingId: number, gridId: number | null): void {
  tx.run('UPDATE buildings SET grid_id = ? WHERE id = ?', [gridId, buildingId])
}
