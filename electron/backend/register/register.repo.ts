import { buildingKey, compoundKey } from '../../../shared/domain/address'
import type { Db } from '../kit/db'
import type { Tx } from '../store/store'

export interface BuildingRef {
  id: number
  compoundId: number
  gridId: number | null
  /** The names as first written: what addresses in this building show. */
  compoundName: string
  buildingName: string
}

const BUILDING_REF = `SELECT b.id, b.compound_id AS compoundId, b.grid_id AS gridId, c.name AS compoundName, b.name AS buildingName
  FROM compounds c JOIN buildings b ON b.compound_id = c.id`

/**
 * The building an address names, whatever its spelling (shared/domain/address.ts). Spellings
 * split before the keys existed may have left two rows with one key: the one in a grid is
 * taken, else the older, so new people land where the grid worker sees them.
 */
export function findBuilding(db: Db, compound: string, building: string): BuildingRef | undefined {
  return db.get<BuildingRef>(`${BUILDING_REF} WHERE c.key = ? AND b.key = ? ORDER BY b.grid_id IS NULL, c.id, b.id LIMIT 1`, [
    compoundKey(compound),
    buildingKey(building)
  ])
}

/** Every row of one building (one unless spellings were split before the keys existed). */
export function buildingsWithKey(db: Db, compound: string, building: string): BuildingRef[] {
  return db.all<BuildingRef>(`${BUILDING_REF} WHERE c.key = ? AND b.key = ? ORDER BY c.id, b.id`, [compoundKey(compound), buildingKey(building)])
}

/** The 小区 and 楼栋 lists grow as they are used: a name not known under any spelling is added as written. */
export function ensureBuilding(tx: Tx, compound: string, building: string, sortKeys: { compound: string; building: string }): BuildingRef {
  const found = findBuilding(tx, compound, building)
  if (found) return found
  let known = tx.get<{ id: number; name: string }>('SELECT id, name FROM compounds WHERE key = ? ORDER BY id LIMIT 1', [compoundKey(compound)])
  if (known === undefined) {
    const id = tx.run('INSERT INTO compounds (name, sort_key, key) VALUES (?, ?, ?)', [compound, sortKeys.compound, compoundKey(compound)]).lastInsertRowid
    known = { id, name: compound }
  }
  const id = tx.run('INSERT INTO buildings (compound_id, name, sort_key, grid_id, key) VALUES (?, ?, ?, NULL, ?)', [
    known.id,
    building,
    sortKeys.building,
    buildingKey(building)
  ]).lastInsertRowid
  return { id, compoundId: known.id, gridId: null, compoundName: known.name, buildingName: building }
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
