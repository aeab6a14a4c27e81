import type { NoticeChecklistArgs } from '../../../shared/schemas/notices'
import type { DoorHow, DoorOutcome } from '../../../shared/domain/notices'
import { NOTICE_UNIT_STATUSES_EXCLUDED } from '../../../shared/domain/notices'
import type { UnitKind } from '../../../shared/domain/units'
import { canonicalAddressText } from '../../../shared/domain/address'
import type { Db, SqlPart } from '../kit/db'
import type { Row, SqlValue, Tx } from '../store/store'
import type { MarkWrite } from './notices.repo'

/**
 * The checklist of a notice to 商铺单位 (notice_units): the same marks as households', keyed by
 * unit. The list is in address order, so a compound's shops come together.
 */

const list = (values: unknown[]) => values.map(() => '?').join(', ')

/** Copies the live units (not 关闭) of the target once, at publishing: some grids and/or some kinds, or all. */
export function snapshotUnits(tx: Tx, noticeId: number, gridIds: number[], kinds: UnitKind[]): number {
  const where = ['u.deleted_at IS NULL', `u.status NOT IN (${list([...NOTICE_UNIT_STATUSES_EXCLUDED])})`]
  const params: SqlValue[] = [noticeId, ...NOTICE_UNIT_STATUSES_EXCLUDED]
  if (gridIds.length > 0) {
    where.push(`u.grid_id IN (${list(gridIds)})`)
    params.push(...gridIds)
  }
  if (kinds.length > 0) {
    where.push(`u.kind IN (${list(kinds)})`)
    params.push(...kinds)
  }
  return tx.run(
    `INSERT INTO notice_units (notice_id, unit_id, grid_id, address_key) SELECT ?, u.id, u.grid_id, u.address FROM units u WHERE ${where.join(' AND ')}`,
    params
  ).changes
}

export interface UnitChecklistRecord {
  unitId: number
  name: string | null
  kind: UnitKind | null
  address: string | null
  gridId: number | null
  gridName: string | null
  managerName: string | null
  phone: string | null
  outcome: DoorOutcome
  how: DoorHow | null
  markedBy: string
  markedAt: string | null
  note: string
}

const CHECKLIST = `SELECT nu.unit_id AS unitId, u.name, u.kind, u.address, nu.grid_id AS gridId, g.name AS gridName,
    u.manager_name AS managerName, u.manager_phone AS phone, nu.outcome, nu.how, nu.marked_by AS markedBy, nu.marked_at AS markedAt, nu.note
  FROM notice_units nu
  LEFT JOIN units u ON u.id = nu.unit_id
  LEFT JOIN grids g ON g.id = nu.grid_id`

function checklistWhere(noticeId: number, f: Omit<NoticeChecklistArgs, 'id' | 'page' | 'pageSize'>, scope: SqlPart): SqlPart {
  const where = ['nu.notice_id = ?', scope.sql.replaceAll('{col}', 'nu.grid_id')]
  const params: SqlValue[] = [noticeId, ...scope.params]
  if (f.gridId) {
    where.push('nu.grid_id = ?')
    params.push(f.gridId)
  }
  if (f.noGrid) where.push('nu.grid_id IS NULL')
  if (f.outcome) {
    where.push('nu.outcome = ?')
    params.push(f.outcome)
  }
  if (f.q) {
    where.push('nu.unit_id IN (SELECT id FROM units WHERE instr(search_text, ?) > 0)')
    params.push(canonicalAddressText(f.q))
  }
  return { sql: where.join(' AND '), params }
}

/** A page of the units in address order: the page's keys from the index first, then their rows. */
export function unitChecklistPage(
  db: Db,
  noticeId: number,
  f: NoticeChecklistArgs,
  scope: SqlPart,
  limit: number,
  offset: number
): { rows: UnitChecklistRecord[]; total: number } {
  const where = checklistWhere(noticeId, f, scope)
  const ids = db
    .all<{ id: number } & Row>(`SELECT nu.unit_id AS id FROM notice_units nu WHERE ${where.sql} ORDER BY nu.address_key, nu.unit_id LIMIT ? OFFSET ?`, [
      ...where.params,
      limit,
      offset
    ])
    .map((r) => r.id)
  const total = Number(db.get<{ n: number } & Row>(`SELECT COUNT(*) AS n FROM notice_units nu WHERE ${where.sql}`, where.params)?.n ?? 0)
  if (ids.length === 0) return { rows: [], total }
  const byId = new Map(
    db
      .all<UnitChecklistRecord & Row>(`${CHECKLIST} WHERE nu.notice_id = ? AND nu.unit_id IN (${list(ids)})`, [noticeId, ...ids])
      .map((r) => [r.unitId, r] as const)
  )
  return { rows: ids.flatMap((id) => byId.get(id) ?? []), total }
}

/** Every unit of some grids, for print: by grid, then address. */
export function unitChecklistAll(db: Db, noticeId: number, gridId: number | undefined, scope: SqlPart): UnitChecklistRecord[] {
  const where = checklistWhere(noticeId, gridId ? { gridId } : {}, scope)
  return db.all<UnitChecklistRecord & Row>(
    `${CHECKLIST} WHERE ${where.sql} ORDER BY nu.grid_id IS NULL, g.name, nu.grid_id, nu.address_key, nu.unit_id`,
    where.params
  )
}

/** The checklist entries of some units (those not on it are absent). */
export function unitEntriesOf(db: Db, noticeId: number, unitIds: number[]): { unitId: number; gridId: number | null }[] {
  return db.all(`SELECT unit_id AS unitId, grid_id AS gridId FROM notice_units WHERE notice_id = ? AND unit_id IN (${list(unitIds)})`, [noticeId, ...unitIds])
}

export function markUnitEntries(tx: Tx, noticeId: number, unitIds: number[], w: MarkWrite): number {
  return tx.run(
    `UPDATE notice_units SET outcome = ?, how = ?, note = ?, marked_by = ?, marked_at = ?, marked_day = ?
      WHERE notice_id = ? AND unit_id IN (${list(unitIds)})`,
    [w.outcome, w.how, w.note, w.by, w.at, w.day, noticeId, ...unitIds]
  ).changes
}

/** A unit as the mark checks it: live or not, and its grid. */
export function unitFact(db: Db, id: number): { name: string; gridId: number | null; deleted: boolean } | undefined {
  const row = db.get<{ name: string; gridId: number | null; deletedAt: string | null } & Row>(
    'SELECT name, grid_id AS gridId, deleted_at AS deletedAt FROM units WHERE id = ?',
    [id]
  )
  return row ? { name: row.name, gridId: row.gridId, deleted: row.deletedAt !== null } : undefined
}

/** The 商铺单位 figures of the daily report of one local day (see NOTICE_REPORT_DEFINITIONS). */
export function unitDayFigures(db: Db, day: string): { reachedToday: number; targeted: number; reached: number } {
  const today = db.get<{ n: number } & Row>("SELECT COUNT(*) AS n FROM notice_units WHERE marked_day = ? AND outcome = 'reached'", [day])
  const running = db.get<{ targeted: number; reached: number } & Row>(
    `SELECT COUNT(*) AS targeted, COALESCE(SUM(nu.outcome = 'reached' AND nu.marked_day <= ?), 0) AS reached
       FROM notices n JOIN notice_units nu ON nu.notice_id = n.id
      WHERE n.door = 1 AND n.publish_date <= ? AND (n.valid_until IS NULL OR n.valid_until >= ?)`,
    [day, day, day]
  )
  return { reachedToday: Number(today?.n ?? 0), targeted: Number(running?.targeted ?? 0), reached: Number(running?.reached ?? 0) }
}
