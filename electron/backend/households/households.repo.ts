import { buildingKey, compoundKey } from '../../../shared/domain/address'
import type { Db, SqlPart } from '../kit/db'
import { containsKey, hitsSql } from '../residents/residents-query.repo'
import type { SearchHits } from '../residents/residents-query.repo'
import type { SqlValue, Tx } from '../store/store'
import { HOUSEHOLD_COLUMNS, HOUSEHOLD_JOINS } from '../register/household-record.repo'
import type { HouseholdRecord } from '../register/household-record.repo'
import type { HouseholdWrite } from '../register/household-write.repo'
export { insertHousehold } from '../register/household-write.repo'
export type { HouseholdWrite } from '../register/household-write.repo'

export interface HouseholdFilter {
  hits?: SearchHits | undefined
  gridId?: number | undefined
  compound?: string | undefined
  building?: string | undefined
  scope: SqlPart
}

/** A household is found by its address, or by any of its members (name, pinyin, ID or phone tail). */
function householdHits(hits: SearchHits): SqlPart {
  const parts: SqlPart[] = []
  const contains = 'contains' in hits ? hits.contains : null
  if (contains !== null) parts.push({ sql: 'SELECT id FROM households WHERE instr(search_text, ?) > 0', params: [containsKey(contains)] })
  if (hits.kind !== 'address') {
    // The address is matched above, once, on the households themselves.
    const people = hitsSql(hits.kind === 'pinyin' ? hits : { ...hits, contains: null })
    parts.push({
      sql: `SELECT household_id FROM residents WHERE deleted_at IS NULL AND household_id IS NOT NULL AND id IN (${people.sql})`,
      params: people.params
    })
  }
  return { sql: parts.map((p) => p.sql).join(' UNION '), params: parts.flatMap((p) => p.params) }
}

function whereSql(f: HouseholdFilter): SqlPart {
  const parts = ['h.deleted_at IS NULL', f.scope.sql]
  const params: SqlValue[] = [...f.scope.params]
  if (f.gridId !== undefined) {
    parts.push('h.grid_id = ?')
    params.push(f.gridId)
  }
  if (f.compound !== undefined || f.building !== undefined) {
    // By key: a building spelled two ways before the keys existed lists as one.
    const conditions = [f.compound !== undefined ? 'c.key = ?' : '', f.building !== undefined ? 'b.key = ?' : ''].filter(Boolean)
    parts.push(`h.building_id IN (SELECT b.id FROM buildings b JOIN compounds c ON c.id = b.compound_id WHERE ${conditions.join(' AND ')})`)
    if (f.compound !== undefined) params.push(compoundKey(f.compound))
    if (f.building !== undefined) params.push(buildingKey(f.building))
  }
  return { sql: parts.join(' AND '), params }
}

/** One page and the total, choosing the page's ids before any join (as for residents). */
export function findHouseholdPage(db: Db, f: HouseholdFilter, limit: number, offset: number): { records: HouseholdRecord[]; total: number } {
  const where = whereSql(f)
  if (f.hits) {
    const hits = householdHits(f.hits)
    const ids = db
      .all<{ id: number }>(
        `WITH hits(id) AS (${hits.sql})
         SELECT h.id FROM hits CROSS JOIN households h ON h.id = hits.id WHERE ${where.sql} ORDER BY h.address_key, h.id`,
        [...hits.params, ...where.params]
      )
      .map((row) => row.id)
    return { records: householdsByIds(db, ids.slice(offset, offset + limit)), total: ids.length }
  }
  const ids = db
    .all<{ id: number }>(`SELECT h.id FROM households h WHERE ${where.sql} ORDER BY h.address_key, h.id LIMIT ? OFFSET ?`, [...where.params, limit, offset])
    .map((row) => row.id)
  const total = Number(db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM households h WHERE ${where.sql}`, where.params)?.n ?? 0)
  return { records: householdsByIds(db, ids), total }
}

function householdsByIds(db: Db, ids: number[]): HouseholdRecord[] {
  if (ids.length === 0) return []
  return db.all<HouseholdRecord>(
    `SELECT ${HOUSEHOLD_COLUMNS} FROM json_each(?) page CROSS JOIN households h ON h.id = page.value ${HOUSEHOLD_JOINS}
      ORDER BY h.address_key, h.id`,
    [JSON.stringify(ids)]
  )
}

export function updateHousehold(tx: Tx, id: number, w: HouseholdWrite, at: string): void {
  tx.run(
    `UPDATE households SET building_id = ?, grid_id = ?, unit = ?, room = ?, room_key = ?, address = ?, search_text = ?, address_key = ?,
       tenure = ?, notes = ?, updated_at = ? WHERE id = ?`,
    [w.buildingId, w.gridId, w.unit, w.room, w.roomKey, w.address, w.searchText, w.addressKey, w.tenure, w.notes, at, id]
  )
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
  tx.run("UPDATE residents SET household_id = NULL, grid_id = NULL, sort_key = '' WHERE household_id = ? AND deleted_at IS NOT NULL", [id])
}

export function purgeHousehold(tx: Tx, id: number): void {
  tx.run('DELETE FROM households WHERE id = ?', [id])
}
