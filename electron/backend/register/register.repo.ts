import type { Db } from '../kit/db'
import type { Tx } from '../store/store'

export interface BuildingRef {
  id: number
  compoundId: number
  gridId: number | null
}

export function findBuilding(db: Db, compound: string, building: string): BuildingRef | undefined {
  return db.get<BuildingRef>(
    `SELECT b.id, b.compound_id AS compoundId, b.grid_id AS gridId
       FROM buildings b JOIN compounds c ON c.id = b.compound_id
      WHERE c.name = ? AND b.name = ?`,
    [compound, building]
  )
}

/** The 小区 and 楼栋 lists grow as they are used: a new name is added on first use. */
export function ensureBuilding(tx: Tx, compound: string, building: string, sortKeys: { compound: string; building: string }): BuildingRef {
  const found = findBuilding(tx, compound, building)
  if (found) return found
  let compoundId = tx.get<{ id: number }>('SELECT id FROM compounds WHERE name = ?', [compound])?.id
  if (compoundId === undefined) {
    compoundId = tx.run('INSERT INTO compounds (name, sort_key) VALUES (?, ?)', [compound, sortKeys.compound]).lastInsertRowid
  }
  const id = tx.run('INSERT INTO buildings (compound_id, name, sort_key, grid_id) VALUES (?, ?, ?, NULL)', [
    compoundId,
    building,
    sortKeys.building
  ]).lastInsertRowid
  return { id, compoundId, gridId: null }
}

export interface AddressOptionRow {
  compound: string
  building: string | null
  gridId: number | null
  gridName: string | null
}

export function addressOptionRows(db: Db): AddressOptionRow[] {
  return db.all<AddressOptionRow>(
    `SELECT c.name AS compound, b.name AS building, b.grid_id AS gridId, g.name AS gridName
       FROM compounds c
       LEFT JOIN buildings b ON b.compound_id = c.id
       LEFT JOIN grids g ON g.id = b.grid_id
      ORDER BY c.sort_key, b.sort_key`
  )
}

/** Households and residents carry their building's grid; this brings them in step. */
export function syncGridOfBuilding(tx: Tx, buildingId: number): number {
  const households = tx.run('UPDATE households SET grid_id = (SELECT grid_id FROM buildings WHERE id = ?) WHERE building_id = ?', [
    buildingId,
    buildingId
  ]).changes
  tx.run(
    `UPDATE residents SET grid_id = (SELECT grid_id FROM buildings WHERE id = ?)
      WHERE household_id IN (SELECT id FROM households WHERE building_id = ?)`,
    [buildingId, buildingId]
  )
  return households
}

/** Residents carry their household's grid and address order; this brings them in step. */
export function syncResidentsOfHousehold(tx: Tx, householdId: number): void {
  tx.run(
    `UPDATE residents
        SET grid_id = (SELECT grid_id FROM households WHERE id = ?),
            sort_key = (SELECT address_key FROM households WHERE id = ?)
      WHERE household_id = ?`,
    [householdId, householdId, householdId]
  )
}

/** Whether the text names a compound or is part of one's name (a tiny table, read whole). */
export function mentionsCompound(db: Db, text: string): boolean {
  return db.get('SELECT 1 AS x FROM compounds WHERE instr(name, ?) > 0 OR instr(?, name) > 0 LIMIT 1', [text, text]) !== undefined
}
