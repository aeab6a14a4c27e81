import type { NoticeAudience, NoticeChannel, NoticeChecklistArgs, NoticeKind, NoticeListArgs, NoticeTargetKind } from '../../../shared/schemas/notices'
import type { DoorHow, DoorOutcome } from '../../../shared/domain/notices'
import type { Db, SqlPart } from '../kit/db'
import type { Row, SqlValue, Tx } from '../store/store'

export interface NoticeRecord {
  id: number
  title: string
  body: string
  kind: NoticeKind
  channels: NoticeChannel[]
  door: boolean
  targetKind: NoticeTargetKind
  audience: NoticeAudience
  targetLabel: string
  publishDate: string
  validUntil: string | null
  createdAt: string
  createdBy: string
}

type NoticeSql = Omit<NoticeRecord, 'channels' | 'door'> & { channels: string; door: number }

const SELECT = `SELECT n.id, n.title, n.body, n.kind, n.channels, n.door, n.target_kind AS targetKind, n.audience, n.target_label AS targetLabel,
    n.publish_date AS publishDate, n.valid_until AS validUntil, n.created_at AS createdAt, n.created_by AS createdBy
  FROM notices n`

const toRecord = (r: NoticeSql): NoticeRecord => ({ ...r, channels: JSON.parse(r.channels) as NoticeChannel[], door: r.door === 1 })

/**
 * Whether a grid worker sees a notice: one for everybody (the whole community, key groups), one
 * naming a grid (or a building in it) of theirs, or one with households of theirs to visit.
 */
export function visibleSql(scope: SqlPart): SqlPart {
  if (scope.sql === '1 = 1') return scope
  return {
    sql: `(n.target_kind IN ('community', 'key_groups')
       OR EXISTS (SELECT 1 FROM notice_targets t WHERE t.notice_id = n.id AND ${scope.sql.replaceAll('{col}', 't.grid_id')})
       OR EXISTS (SELECT 1 FROM notice_households nh WHERE nh.notice_id = n.id AND ${scope.sql.replaceAll('{col}', 'nh.grid_id')}))`,
    params: [...scope.params, ...scope.params]
  }
}

export function getNotice(db: Db, id: number, visible: SqlPart): NoticeRecord | undefined {
  const row = db.get<NoticeSql & Row>(`${SELECT} WHERE n.id = ? AND ${visible.sql}`, [id, ...visible.params])
  return row ? toRecord(row) : undefined
}

function filterOf(f: NoticeListArgs, visible: SqlPart): SqlPart {
  const where: string[] = [visible.sql]
  const params: SqlValue[] = [...visible.params]
  const add = (sql: string, ...values: SqlValue[]) => {
    where.push(sql)
    params.push(...values)
  }
  if (f.kind) add('n.kind = ?', f.kind)
  if (f.channel) add('EXISTS (SELECT 1 FROM json_each(n.channels) c WHERE c.value = ?)', f.channel)
  if (f.from) add('n.publish_date >= ?', f.from)
  if (f.to) add('n.publish_date <= ?', f.to)
  if (f.q) add('(instr(n.title, ?) > 0 OR instr(n.body, ?) > 0)', f.q, f.q)
  return { sql: where.join(' AND '), params }
}

/** 通知公告, newest publish date first. */
export function noticePage(db: Db, f: NoticeListArgs, visible: SqlPart, limit: number, offset: number): { rows: NoticeRecord[]; total: number } {
  const where = filterOf(f, visible)
  const rows = db.all<NoticeSql & Row>(`${SELECT} WHERE ${where.sql} ORDER BY n.publish_date DESC, n.id DESC LIMIT ? OFFSET ?`, [
    ...where.params,
    limit,
    offset
  ])
  const total = Number(db.get<{ n: number } & Row>(`SELECT COUNT(*) AS n FROM notices n WHERE ${where.sql}`, where.params)?.n ?? 0)
  return { rows: rows.map(toRecord), total }
}

/** Every notice published between two days (宣传台账), oldest first. */
export function noticesBetween(db: Db, from: string, to: string, visible: SqlPart): NoticeRecord[] {
  return db
    .all<NoticeSql & Row>(`${SELECT} WHERE n.publish_date BETWEEN ? AND ? AND ${visible.sql} ORDER BY n.publish_date, n.id`, [from, to, ...visible.params])
    .map(toRecord)
}

export interface NoticeWrite {
  title: string
  body: string
  kind: NoticeKind
  channels: NoticeChannel[]
  targetKind: NoticeTargetKind
  audience: NoticeAudience
  targetLabel: string
  publishDate: string
  validUntil: string | null
}

export function insertNotice(tx: Tx, w: NoticeWrite, by: string, at: string): number {
  return tx.run(
    `INSERT INTO notices (title, body, kind, channels, door, target_kind, audience, target_label, publish_date, valid_until, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      w.title,
      w.body,
      w.kind,
      JSON.stringify(w.channels),
      w.channels.includes('door') ? 1 : 0,
      w.targetKind,
      w.audience,
      w.targetLabel,
      w.publishDate,
      w.validUntil,
      at,
      by
    ]
  ).lastInsertRowid
}

export function insertTarget(tx: Tx, noticeId: number, t: { gridId: number | null; buildingId: number | null; tag: string | null }): void {
  tx.run('INSERT INTO notice_targets (notice_id, grid_id, building_id, tag) VALUES (?, ?, ?, ?)', [noticeId, t.gridId, t.buildingId, t.tag])
}

export interface GridFact {
  id: number
  name: string
  retired: boolean
}

export function gridsByIds(db: Db, ids: number[]): GridFact[] {
  if (ids.length === 0) return []
  return db
    .all<{ id: number; name: string; retiredAt: string | null } & Row>(
      `SELECT id, name, retired_at AS retiredAt FROM grids WHERE id IN (${ids.map(() => '?').join(', ')})`,
      ids
    )
    .map((g) => ({ id: g.id, name: g.name, retired: g.retiredAt !== null }))
}

export interface BuildingFact {
  id: number
  compound: string
  name: string
  gridId: number | null
}

export function buildingsByIds(db: Db, ids: number[]): BuildingFact[] {
  if (ids.length === 0) return []
  return db.all<BuildingFact & Row>(
    `SELECT b.id, c.name AS compound, b.name, b.grid_id AS gridId FROM buildings b JOIN compounds c ON c.id = b.compound_id
      WHERE b.id IN (${ids.map(() => '?').join(', ')}) ORDER BY b.sort_key`,
    ids
  )
}

const HOUSEHOLD_COLUMNS = 'SELECT ?, h.id, h.grid_id, h.address_key FROM households h WHERE h.deleted_at IS NULL'

/**
 * The checklist of a door-to-door notice: the live households its target holds now, copied once.
 * A building is every spelling of it (the register's one-building rule: same compound, same key).
 */
export function snapshotHouseholds(tx: Tx, noticeId: number, target: { kind: NoticeTargetKind; ids: number[]; tags: string[] }): number {
  const insert = 'INSERT INTO notice_households (notice_id, household_id, grid_id, address_key)'
  const list = (values: unknown[]) => values.map(() => '?').join(', ')
  if (target.kind === 'community') return tx.run(`${insert} ${HOUSEHOLD_COLUMNS}`, [noticeId]).changes
  if (target.kind === 'grids') return tx.run(`${insert} ${HOUSEHOLD_COLUMNS} AND h.grid_id IN (${list(target.ids)})`, [noticeId, ...target.ids]).changes
  if (target.kind === 'buildings') {
    return tx.run(
      `${insert} ${HOUSEHOLD_COLUMNS} AND h.building_id IN (
         SELECT same.id FROM buildings b JOIN buildings same ON same.compound_id = b.compound_id AND same.key = b.key WHERE b.id IN (${list(target.ids)}))`,
      [noticeId, ...target.ids]
    ).changes
  }
  return tx.run(
    `${insert} ${HOUSEHOLD_COLUMNS} AND EXISTS (
       SELECT 1 FROM residents r JOIN resident_tags t ON t.resident_id = r.id
        WHERE r.household_id = h.id AND r.deleted_at IS NULL AND t.tag IN (${list(target.tags)}))`,
    [noticeId, ...target.tags]
  ).changes
}

export type { DoorCounts } from './door-counts.repo'
export { doorByGrid, doorCounts } from './door-counts.repo'

export interface ChecklistRecord {
  householdId: number
  address: string | null
  buildingId: number | null
  building: string | null
  gridId: number | null
  gridName: string | null
  householderName: string | null
  phone: string | null
  outcome: DoorOutcome
  how: DoorHow | null
  markedBy: string
  markedAt: string | null
  note: string
}

const CHECKLIST = `SELECT nh.household_id AS householdId, h.address, h.building_id AS buildingId, c.name || ' ' || b.name AS building,
    nh.grid_id AS gridId, g.name AS gridName,
    COALESCE(hr.name, (SELECT m.name FROM residents m WHERE m.household_id = h.id AND m.deleted_at IS NULL ORDER BY m.id LIMIT 1)) AS householderName,
    COALESCE(json_extract(hr.phones, '$[0]'),
      (SELECT json_extract(m.phones, '$[0]') FROM residents m WHERE m.household_id = h.id AND m.deleted_at IS NULL ORDER BY m.id LIMIT 1)) AS phone,
    nh.outcome, nh.how, nh.marked_by AS markedBy, nh.marked_at AS markedAt, nh.note
  FROM notice_households nh
  LEFT JOIN households h ON h.id = nh.household_id
  LEFT JOIN buildings b ON b.id = h.building_id
  LEFT JOIN compounds c ON c.id = b.compound_id
  LEFT JOIN grids g ON g.id = nh.grid_id
  LEFT JOIN residents hr ON hr.id = h.householder_id AND hr.deleted_at IS NULL`

function checklistWhere(noticeId: number, f: Omit<NoticeChecklistArgs, 'id' | 'page' | 'pageSize'>, scope: SqlPart): SqlPart {
  const where = ['nh.notice_id = ?', scope.sql.replaceAll('{col}', 'nh.grid_id')]
  const params: SqlValue[] = [noticeId, ...scope.params]
  if (f.gridId) {
    where.push('nh.grid_id = ?')
    params.push(f.gridId)
  }
  if (f.noGrid) where.push('nh.grid_id IS NULL')
  if (f.outcome) {
    where.push('nh.outcome = ?')
    params.push(f.outcome)
  }
  if (f.q) {
    where.push('nh.household_id IN (SELECT id FROM households WHERE instr(search_text, ?) > 0)')
    params.push(f.q.replace(/\s+/g, ''))
  }
  return { sql: where.join(' AND '), params }
}

/**
 * A page of the checklist in address order (so a building's households come together): the keys
 * of the page from the covering index first, then the rows of that page only.
 */
export function checklistPage(
  db: Db,
  noticeId: number,
  f: NoticeChecklistArgs,
  scope: SqlPart,
  limit: number,
  offset: number
): { rows: ChecklistRecord[]; total: number } {
  const where = checklistWhere(noticeId, f, scope)
  const ids = db
    .all<{ id: number } & Row>(
      `SELECT nh.household_id AS id FROM notice_households nh WHERE ${where.sql} ORDER BY nh.address_key, nh.household_id LIMIT ? OFFSET ?`,
      [...where.params, limit, offset]
    )
    .map((r) => r.id)
  const total = Number(db.get<{ n: number } & Row>(`SELECT COUNT(*) AS n FROM notice_households nh WHERE ${where.sql}`, where.params)?.n ?? 0)
  if (ids.length === 0) return { rows: [], total }
  const byId = new Map(
    db
      .all<ChecklistRecord & Row>(`${CHECKLIST} WHERE nh.notice_id = ? AND nh.household_id IN (${ids.map(() => '?').join(', ')})`, [noticeId, ...ids])
      .map((r) => [r.householdId, r] as const)
  )
  return { rows: ids.flatMap((id) => byId.get(id) ?? []), total }
}

/** The whole checklist of some grids, for print: by grid, then address. */
export function checklistAll(db: Db, noticeId: number, gridId: number | undefined, scope: SqlPart): ChecklistRecord[] {
  const where = checklistWhere(noticeId, gridId ? { gridId } : {}, scope)
  return db.all<ChecklistRecord & Row>(
    `${CHECKLIST} WHERE ${where.sql} ORDER BY nh.grid_id IS NULL, g.name, nh.grid_id, nh.address_key, nh.household_id`,
    where.params
  )
}

/** The checklist entries of some households (those not on it are absent). */
export function entriesOf(db: Db, noticeId: number, householdIds: number[]): { householdId: number; gridId: number | null }[] {
  return db.all(
    `SELECT household_id AS householdId, grid_id AS gridId FROM notice_households WHERE notice_id = ? AND household_id IN (${householdIds.map(() => '?').join(', ')})`,
    [noticeId, ...householdIds]
  )
}

export interface MarkWrite {
  outcome: DoorOutcome
  how: DoorHow | null
  note: string
  by: string
  at: string | null
  day: string | null
}

export function markEntries(tx: Tx, noticeId: number, householdIds: number[], w: MarkWrite): number {
  return tx.run(
    `UPDATE notice_households SET outcome = ?, how = ?, note = ?, marked_by = ?, marked_at = ?, marked_day = ?
      WHERE notice_id = ? AND household_id IN (${householdIds.map(() => '?').join(', ')})`,
    [w.outcome, w.how, w.note, w.by, w.at, w.day, noticeId, ...householdIds]
  ).changes
}
