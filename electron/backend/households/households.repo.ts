import type { Tenure } from '../../../shared/schemas/register'
import type { Db, SqlPart } from '../register/register.repo'
import { containsKey, hitsSql } from '../residents/residents-query.repo'
import type { SearchHits } from '../residents/residents-query.repo'
import type { SqlValue, Tx } from '../store/store'

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

const HOUSEHOLD_SELECT = `SELECT h.id, h.building_id AS buildingId, h.grid_id AS gridId, g.name AS gridName, c.name AS compound,
    b.name AS building, h.unit, h.room, h.address, h.address_key AS addressKey, h.tenure, h.householder_id AS householderId,
    hr.name AS householderName,
    (SELECT COUNT(*) FROM residents m WHERE m.household_id = h.id AND m.deleted_at IS NULL) AS memberCount,
    h.notes, h.created_at AS createdAt, h.updated_at AS updatedAt, h.deleted_at AS deletedAt
  FROM households h
  JOIN buildings b ON b.id = h.building_id
  JOIN compounds c ON c.id = b.compound_id
  LEFT JOIN grids g ON g.id = h.grid_id
  LEFT JOIN residents hr ON hr.id = h.householder_id`

export function getHousehold(db: Db, id: number): HouseholdRecord | undefined {
  return db.get<HouseholdRecord>(`${HOUSEHOLD_SELECT} WHERE h.id = ?`, [id])
}

export interface HouseholdFilter {
  hits?: SearchHits | undefined
  gridId?: number | undefined
  compound?: string | undefined
  building?: string | undefined
  scope: SqlPart
}

function whereSql(f: HouseholdFilter): SqlPart {
  const parts = ['h.deleted_at IS NULL', f.scope.sql]
  const params: SqlValue[] = [...f.scope.params]
  if (f.gridId !== undefined) {
    parts.push('h.grid_id = ?')
    params.push(f.gridId)
  }
  if (f.compound !== undefined) {
    parts.push('c.name = ?')
    params.push(f.compound)
  }
  if (f.building !== undefined) {
    parts.push('b.name = ?')
    params.push(f.building)
  }
  if (f.hits) {
    // A household is found by its address or by any of its members.
    const hits = hitsSql(f.hits)
    const contains = 'contains' in f.hits ? f.hits.contains : null
    parts.push(
      `(${contains !== null ? 'instr(h.search_text, ?) > 0 OR ' : ''}h.id IN (SELECT r.household_id FROM residents r
        WHERE r.deleted_at IS NULL AND r.id IN (${hits.sql})))`
    )
    if (contains !== null) params.push(containsKey(contains))
    params.push(...hits.params)
  }
  return { sql: parts.join(' AND '), params }
}

export function findHouseholds(db: Db, f: HouseholdFilter, limit: number, offset: number): HouseholdRecord[] {
  const where = whereSql(f)
  return db.all<HouseholdRecord>(`${HOUSEHOLD_SELECT} WHERE ${where.sql} ORDER BY h.address_key, h.id LIMIT ? OFFSET ?`, [
    ...where.params,
    limit,
    offset
  ])
}

export function countHouseholds(db: Db, f: HouseholdFilter): number {
  const where = whereSql(f)
  return Number(
    db.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM households h JOIN buildings b ON b.id = h.building_id JOIN compounds c ON c.id = b.compound_id
        WHERE ${where.sql}`,
      where.params
    )?.n ?? 0
  )
}

export interface HouseholdWrite {
  buildingId: number
  gridId: number | null
  unit: string
  room: string
  address: string
  searchText: string
  addressKey: string
  tenure: Tenure
  notes: string
}

export function insertHousehold(tx: Tx, w: HouseholdWrite, at: string): number {
  return tx.run(
    `INSERT INTO households (building_id, grid_id, unit, room, address, search_text, address_key, tenure, householder_id, notes,
       created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
    [w.buildingId, w.gridId, w.unit, w.room, w.address, w.searchText, w.addressKey, w.tenure, w.notes, at, at]
  ).lastInsertRowid
}

export function updateHousehold(tx: Tx, id: number, w: HouseholdWrite, at: string): void {
  tx.run(
    `UPDATE households SET building_id = ?, grid_id = ?, unit = ?, room = ?, address = ?, search_text = ?, address_key = ?,
       tenure = ?, notes = ?, updated_at = ? WHERE id = ?`,
    [w.buildingId, w.gridId, w.unit, w.room, w.address, w.searchText, w.addressKey, w.tenure, w.notes, at, id]
  )
}

export function setHouseholder(tx: Tx, id: number, residentId: number | null): void {
  tx.run('UPDATE households SET householder_id = ? WHERE id = ?', [residentId, id])
}

export function liveMemberIds(db: Db, id: number): number[] {
  return db.all<{ id: number }>('SELECT id FROM residents WHERE household_id = ? AND deleted_at IS NULL ORDER BY id', [id]).map((r) => r.id)
}

export function softDeleteHousehold(tx: Tx, id: number, at: string, by: string, reason: string): void {
  tx.run('UPDATE households SET deleted_at = ?, deleted_by = ?, delete_reason = ? WHERE id = ?', [at, by, reason, id])
}

export function undeleteHousehold(tx: Tx, id: number): void {
  tx.run('UPDATE households SET deleted_at = NULL, deleted_by = NULL, delete_reason = NULL WHERE id = ?', [id])
}

export function membersDeletedWith(db: Db, id: number): number[] {
  return db.all<{ id: number }>('SELECT id FROM residents WHERE deleted_with_household = ? ORDER BY id', [id]).map((r) => r.id)
}

/** People binned on their own earlier keep their record but lose the address that no longer exists. */
export function detachBinnedMembers(tx: Tx, id: number): void {
  tx.run('UPDATE residents SET household_id = NULL, grid_id = NULL, sort_key = \'\' WHERE household_id = ? AND deleted_at IS NOT NULL', [id])
}

export function purgeHousehold(tx: Tx, id: number): void {
  tx.run('DELETE FROM households WHERE id = ?', [id])
}
