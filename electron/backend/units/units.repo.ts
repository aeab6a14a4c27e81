import { canonicalAddressText } from '../../../shared/domain/address'
import type { UnitKind, UnitStatus, UnitsListArgs } from '../../../shared/schemas/units'
import type { Db, SqlPart } from '../kit/db'
import type { Row, SqlValue, Tx } from '../store/store'

export interface UnitRecord {
  id: number
  kind: UnitKind
  name: string
  buildingId: number | null
  compound: string
  building: string
  door: string
  address: string
  gridId: number | null
  gridName: string | null
  managerName: string
  /** Full number: masked by the views, shown whole only by units.reveal. */
  managerPhone: string
  creditCode: string | null
  status: UnitStatus
  pledgeSignedOn: string | null
  notes: string
  createdBy: string
  deletedAt: string | null
  /** Sent back by the edit form: a save over another device's change is refused (kit/stale.ts). */
  updatedAt: string
}

export interface UnitListRecord extends UnitRecord {
  workers: number
  abnormalToday: number
  overdueRectifications: number
}

const SELECT = `SELECT u.id, u.kind, u.name, u.building_id AS buildingId, COALESCE(c.name, '') AS compound, COALESCE(b.name, '') AS building,
    u.door, u.address, u.grid_id AS gridId, g.name AS gridName, u.manager_name AS managerName, u.manager_phone AS managerPhone,
    u.credit_code AS creditCode, u.status, u.pledge_signed_on AS pledgeSignedOn, u.notes, u.created_by AS createdBy, u.deleted_at AS deletedAt,
    u.updated_at AS updatedAt
  FROM units u
  LEFT JOIN buildings b ON b.id = u.building_id
  LEFT JOIN compounds c ON c.id = b.compound_id
  LEFT JOIN grids g ON g.id = u.grid_id`

// The page's figures, one sub-select each over an index (workers by unit, checks by unit and day).
const FIGURES = `(SELECT COUNT(*) FROM unit_workers w WHERE w.unit_id = u.id AND w.left_at IS NULL) AS workers,
    (SELECT COUNT(*) FROM unit_checks k WHERE k.unit_id = u.id AND k.day = ? AND k.abnormal = 1) AS abnormalToday,
    (SELECT COUNT(*) FROM unit_inspections i WHERE i.unit_id = u.id AND i.closed_on IS NULL AND i.rectify_by < ?) AS overdueRectifications`

export function getUnit(db: Db, id: number): UnitRecord | undefined {
  return db.get<UnitRecord & Row>(`${SELECT} WHERE u.id = ?`, [id])
}

export function getUnitFigures(db: Db, id: number, today: string): UnitListRecord | undefined {
  return db.get<UnitListRecord & Row>(`${SELECT.replace('FROM units u', `, ${FIGURES} FROM units u`)} WHERE u.id = ?`, [today, today, id])
}

/** What a search box is matched against: name, address and manager, address words written one way. */
export function unitSearchText(name: string, address: string, managerName: string): string {
  return canonicalAddressText(`${name}\u0001${address}\u0001${managerName}`)
}

function filterOf(f: UnitsListArgs, scope: SqlPart): SqlPart {
  const where: string[] = ['u.deleted_at IS NULL', scope.sql]
  const params: SqlValue[] = [...scope.params]
  if (f.kind) {
    where.push('u.kind = ?')
    params.push(f.kind)
  }
  if (f.status) {
    where.push('u.status = ?')
    params.push(f.status)
  }
  if (f.gridId) {
    where.push('u.grid_id = ?')
    params.push(f.gridId)
  }
  if (f.q) {
    where.push('instr(u.search_text, ?) > 0')
    params.push(canonicalAddressText(f.q))
  }
  return { sql: where.join(' AND '), params }
}

/** One page of the 单位台账, newest first; ids first, then rows and figures for the page only. */
export function unitPage(db: Db, f: UnitsListArgs, scope: SqlPart, today: string, limit: number, offset: number): { rows: UnitListRecord[]; total: number } {
  const where = filterOf(f, scope)
  const ids = db.all<{ id: number } & Row>(`SELECT u.id FROM units u WHERE ${where.sql} ORDER BY u.id DESC LIMIT ? OFFSET ?`, [...where.params, limit, offset])
  const total = Number(db.get<{ n: number } & Row>(`SELECT COUNT(*) AS n FROM units u WHERE ${where.sql}`, where.params)?.n ?? 0)
  if (ids.length === 0) return { rows: [], total }
  const rows = db.all<UnitListRecord & Row>(`${SELECT.replace('FROM units u', `, ${FIGURES} FROM units u`)} WHERE u.id IN (${ids.map(() => '?').join(', ')})`, [
    today,
    today,
    ...ids.map((r) => r.id)
  ])
  const byId = new Map(rows.map((r) => [r.id, r] as const))
  return { rows: ids.flatMap((r) => byId.get(r.id) ?? []), total }
}

export interface UnitWrite {
  kind: UnitKind
  name: string
  buildingId: number | null
  door: string
  address: string
  gridId: number | null
  managerName: string
  managerPhone: string
  creditCode: string | null
  pledgeSignedOn: string | null
  notes: string
}

export function insertUnit(tx: Tx, w: UnitWrite, status: UnitStatus, by: string, day: string, at: string): number {
  return tx.run(
    `INSERT INTO units (kind, name, building_id, door, address, grid_id, manager_name, manager_phone, credit_code, status, pledge_signed_on,
       notes, search_text, created_day, created_at, created_by, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      w.kind,
      w.name,
      w.buildingId,
      w.door,
      w.address,
      w.gridId,
      w.managerName,
      w.managerPhone,
      w.creditCode,
      status,
      w.pledgeSignedOn,
      w.notes,
      unitSearchText(w.name, w.address, w.managerName),
      day,
      at,
      by,
      at
    ]
  ).lastInsertRowid
}

export function updateUnit(tx: Tx, id: number, w: UnitWrite, at: string): void {
  tx.run(
    `UPDATE units SET kind = ?, name = ?, building_id = ?, door = ?, address = ?, grid_id = ?, manager_name = ?, manager_phone = ?,
       credit_code = ?, pledge_signed_on = ?, notes = ?, search_text = ?, updated_at = ? WHERE id = ?`,
    [
      w.kind,
      w.name,
      w.buildingId,
      w.door,
      w.address,
      w.gridId,
      w.managerName,
      w.managerPhone,
      w.creditCode,
      w.pledgeSignedOn,
      w.notes,
      unitSearchText(w.name, w.address, w.managerName),
      at,
      id
    ]
  )
}

export function softDeleteUnit(tx: Tx, id: number, by: string, reason: string, at: string): void {
  tx.run('UPDATE units SET deleted_at = ?, deleted_by = ?, delete_reason = ?, updated_at = ? WHERE id = ?', [at, by, reason, at, id])
}

/** Live units of this name (a sheet names its unit by name). */
export function unitIdsNamed(db: Db, name: string): number[] {
  return db.all<{ id: number } & Row>('SELECT id FROM units WHERE name = ? AND deleted_at IS NULL ORDER BY id', [name]).map((r) => r.id)
}

/** Another live unit with this credit code (one code, one unit). */
export function unitWithCreditCode(db: Db, code: string, exceptId: number | null): { id: number; name: string } | undefined {
  return db.get<{ id: number; name: string } & Row>('SELECT id, name FROM units WHERE credit_code = ? AND deleted_at IS NULL AND id IS NOT ? LIMIT 1', [
    code,
    exceptId
  ])
}

export function setUnitStatus(tx: Tx, id: number, status: UnitStatus, at: string): void {
  tx.run('UPDATE units SET status = ?, updated_at = ? WHERE id = ?', [status, at, id])
}

export interface StatusStepRecord {
  from: string
  to: UnitStatus
  day: string
  note: string
  actor: string
  at: string
}

export function insertStatusStep(tx: Tx, unitId: number, s: StatusStepRecord): void {
  tx.run('INSERT INTO unit_status_history (unit_id, from_status, to_status, day, note, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    unitId,
    s.from,
    s.to,
    s.day,
    s.note,
    s.actor,
    s.at
  ])
}

export function statusStepsOf(db: Db, unitId: number): StatusStepRecord[] {
  return db.all<StatusStepRecord & Row>(
    'SELECT from_status AS "from", to_status AS "to", day, note, actor, at FROM unit_status_history WHERE unit_id = ? ORDER BY id',
    [unitId]
  )
}
