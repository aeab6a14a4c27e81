import type { Tenure } from '../../../shared/schemas/register'
import type { Tx } from '../store/store'

/**
 * The household row as written: below the households and residents domains, so a person can be
 * registered together with a new household (residents) and households be placed (households,
 * the importer, merging buildings) by one rule.
 */
export interface HouseholdWrite {
  buildingId: number
  gridId: number | null
  unit: string
  room: string
  roomKey: string
  address: string
  searchText: string
  addressKey: string
  tenure: Tenure
  notes: string
}

export function insertHousehold(tx: Tx, w: HouseholdWrite, at: string): number {
  return tx.run(
    `INSERT INTO households (building_id, grid_id, unit, room, room_key, address, search_text, address_key, tenure, householder_id, notes,
       created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
    [w.buildingId, w.gridId, w.unit, w.room, w.roomKey, w.address, w.searchText, w.addressKey, w.tenure, w.notes, at, at]
  ).lastInsertRowid
}
