import type { Tenure } from '../../../shared/schemas/register'
import type { Db } from '../kit/db'
import type { Tx } from '../store/store'

/*
 * The household a resident lives in, as both the residents and the households domains read it.
 * It lives here, below both, so that residents need not import the households domain (which
 * imports residents for its members).
 */

export interface HouseholdRecord {
  id: number
  buildingId: number
  gridId: number | null
  gridName: string | null
  compound: string
  building: string
  unit: string
  room: string
  address: string
  addressKey: string
  tenure: Tenure
  householderId: number | null
  householderName: string | null
  memberCount: number
  notes: string
  createdAt: string
  updatedAt: string
  deletedAt: string | null
}

export const HOUSEHOLD_COLUMNS = `h.id, h.building_id AS buildingId, h.grid_id AS gridId, g.name AS gridName, c.name AS compound,
    b.name AS building, h.unit, h.room, h.address, h.address_key AS addressKey, h.tenure, h.householder_id AS householderId,
    hr.name AS householderName,
    (SELECT COUNT(*) FROM residents m WHERE m.household_id = h.id AND m.deleted_at IS NULL) AS memberCount,
    h.notes, h.created_at AS createdAt, h.updated_at AS updatedAt, h.deleted_at AS deletedAt`
export const HOUSEHOLD_JOINS = `JOIN buildings b ON b.id = h.building_id
  JOIN compounds c ON c.id = b.compound_id
  LEFT JOIN grids g ON g.id = h.grid_id
  LEFT JOIN residents hr ON hr.id = h.householder_id`

export function getHousehold(db: Db, id: number): HouseholdRecord | undefined {
  return db.get<HouseholdRecord>(`SELECT ${HOUSEHOLD_COLUMNS} FROM households h ${HOUSEHOLD_JOINS} WHERE h.id = ?`, [id])
}

export function setHouseholder(tx: Tx, id: number, residentId: number | null): void {
  tx.run('UPDATE households SET householder_id = ? WHERE id = ?', [residentId, id])
}
