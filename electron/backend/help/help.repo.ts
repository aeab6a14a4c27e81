import type { HelpChannel, HelpListArgs, HelpStatus, HelpType, HelpUrgency } from '../../../shared/schemas/help'
import type { Db, SqlPart } from '../kit/db'
import type { Row, SqlValue, Tx } from '../store/store'

export interface HelpRecord {
  id: number
  createdAt: string
  createdBy: string
  createdDay: string
  householdId: number | null
  residentId: number | null
  callerName: string
  name: string
  address: string
  /** Full number: masked by the view, shown whole only by help.reveal and the volunteer's print. */
  phone: string
  buildingName: string | null
  gridId: number | null
  gridName: string | null
  channel: HelpChannel
  type: HelpType
  urgency: HelpUrgency
  content: string
  wantedBy: string | null
  notes: string
  status: HelpStatus
  volunteerId: number | null
  volunteerName: string | null
  result: string
  reason: string
  followUp: 'satisfied' | 'unsatisfied' | null
  followUpNote: string
}

// The person's own name and first phone come from the register, so they never go stale; a caller's
// own phone, when given, is the one to ring back. The householder stands in when only the household
// is known.
const SELECT = `SELECT q.id, q.created_at AS createdAt, q.created_by AS createdBy, q.created_day AS createdDay,
    q.household_id AS householdId, q.resident_id AS residentId, q.caller_name AS callerName,
    COALESCE(r.name, NULLIF(q.caller_name, ''), hr.name, '') AS name,
    COALESCE(h.address, q.caller_address) AS address,
    COALESCE(NULLIF(q.caller_phone, ''), json_extract(r.phones, '$[0]'), json_extract(hr.phones, '$[0]'), '') AS phone,
    b.name AS buildingName, q.grid_id AS gridId, g.name AS gridName, q.channel, q.type, q.urgency, q.content,
    q.wanted_by AS wantedBy, q.notes, q.status, q.volunteer_id AS volunteerId,
    CASE WHEN v.id IS NULL THEN NULL WHEN v.resident_id IS NULL THEN v.name ELSE vr.name END AS volunteerName,
    q.result, q.reason, q.follow_up AS followUp, q.follow_up_note AS followUpNote
  FROM help_requests q
  LEFT JOIN households h ON h.id = q.household_id
  LEFT JOIN buildings b ON b.id = h.building_id
  LEFT JOIN residents r ON r.id = q.resident_id
  LEFT JOIN residents hr ON hr.id = h.householder_id AND q.resident_id IS NULL
  LEFT JOIN grids g ON g.id = q.grid_id
  LEFT JOIN volunteers v ON v.id = q.volunteer_id
  LEFT JOIN residents vr ON vr.id = v.resident_id`

export function getHelpRow(db: Db, id: number): HelpRecord | undefined {
  return db.get<HelpRecord & Row>(`${SELECT} WHERE q.id = ?`, [id])
}

function filterOf(f: HelpListArgs, scope: SqlPart): SqlPart {
  const where: string[] = [scope.sql]
  const params: SqlValue[] = [...scope.params]
  const add = (sql: string, ...values: SqlValue[]) => {
    where.push(sql)
    params.push(...values)
  }
  if (f.status) add('q.status = ?', f.status)
  if (f.openOnly) add('q.is_open = 1')
  if (f.type) add('q.type = ?', f.type)
  if (f.urgency) add('q.urgency = ?', f.urgency)
  if (f.gridId) add('q.grid_id = ?', f.gridId)
  if (f.volunteerId) add('q.volunteer_id = ?', f.volunteerId)
  if (f.from) add('q.created_day >= ?', f.from)
  if (f.to) add('q.created_day <= ?', f.to)
  if (f.q) {
    add(
      `(instr(q.content, ?) > 0 OR instr(q.caller_name, ?) > 0 OR q.resident_id IN (SELECT id FROM residents WHERE name = ?)
        OR q.household_id IN (SELECT id FROM households WHERE instr(search_text, ?) > 0))`,
      f.q,
      f.q,
      f.q,
      f.q.replace(/\s+/g, '')
    )
  }
  return { sql: where.join(' AND '), params }
}

function counted(db: Db, where: SqlPart): { where: SqlPart; total: number; openTotal: number } {
  const count = (extra: string) =>
    Number(db.get<{ n: number } & Row>(`SELECT COUNT(*) AS n FROM help_requests q WHERE ${where.sql}${extra}`, where.params)?.n ?? 0)
  return { where, total: count(''), openTotal: count(' AND q.is_open = 1') }
}

/**
 * A text search cannot use an index (any part of the content, the caller's name or the address),
 * so it scans the requests once, here, and the counts and the page's ordering then read only the
 * ids found (by primary key, one JSON parameter however many): one scan instead of four.
 */
function searched(db: Db, where: SqlPart): { where: SqlPart; total: number; openTotal: number } {
  const found = db.all<{ id: number; isOpen: number } & Row>(`SELECT q.id, q.is_open AS isOpen FROM help_requests q WHERE ${where.sql}`, where.params)
  return {
    where: { sql: 'q.id IN (SELECT value FROM json_each(?))', params: [JSON.stringify(found.map((r) => r.id))] },
    total: found.length,
    openTotal: found.filter((r) => r.isOpen === 1).length
  }
}

/**
 * One page of the 求助台账: overdue first (still open past wanted-by), then the other open ones by
 * urgency and wanted-by, then the closed ones newest first. Ids first, rows for the page only.
 * The open ones (a few hundred) are sorted by the rule; the closed ones (a year of them) are read
 * newest first straight off the primary key, so paging through history never sorts 20,000 rows
 * (tests/bench/suites/help.bench.ts).
 */
export function helpPage(db: Db, f: HelpListArgs, scope: SqlPart, nowLocal: string, limit: number, offset: number): { rows: HelpRecord[]; total: number } {
  const { where, total, openTotal } = f.q ? searched(db, filterOf(f, scope)) : counted(db, filterOf(f, scope))
  const ids: { id: number }[] = []
  if (offset < openTotal && limit > 0) {
    ids.push(
      ...db.all<{ id: number } & Row>(
        `SELECT q.id FROM help_requests q WHERE ${where.sql} AND q.is_open = 1
          ORDER BY CASE WHEN q.wanted_by < ? THEN 0 ELSE 1 END, q.urgency_rank, q.wanted_by IS NULL, q.wanted_by, q.id DESC
          LIMIT ? OFFSET ?`,
        [...where.params, nowLocal, limit, offset]
      )
    )
  }
  if (ids.length < limit && total > openTotal) {
    ids.push(
      ...db.all<{ id: number } & Row>(`SELECT q.id FROM help_requests q WHERE ${where.sql} AND q.is_open = 0 ORDER BY q.id DESC LIMIT ? OFFSET ?`, [
        ...where.params,
        limit - ids.length,
        Math.max(0, offset - openTotal)
      ])
    )
  }
  if (ids.length === 0) return { rows: [], total }
  const byId = new Map(
    db
      .all<HelpRecord & Row>(
        `${SELECT} WHERE q.id IN (${ids.map(() => '?').join(', ')})`,
        ids.map((r) => r.id)
      )
      .map((r) => [r.id, r] as const)
  )
  return { rows: ids.flatMap((r) => byId.get(r.id) ?? []), total }
}

/**
 * The open requests volunteers hold (已分配, 处理中), for their printed task lists: by volunteer,
 * then most urgent and soonest wanted first.
 */
export function openAssigned(db: Db, scope: SqlPart, volunteerId: number | undefined): HelpRecord[] {
  const one = volunteerId === undefined ? '' : ' AND q.volunteer_id = ?'
  return db.all<HelpRecord & Row>(
    `${SELECT} WHERE q.is_open = 1 AND q.volunteer_id IS NOT NULL AND ${scope.sql}${one}
      ORDER BY volunteerName, q.volunteer_id, q.urgency_rank, q.wanted_by IS NULL, q.wanted_by, q.id`,
    [...scope.params, ...(volunteerId === undefined ? [] : [volunteerId])]
  )
}

export function helpOfHousehold(db: Db, householdId: number): HelpRecord[] {
  return db.all<HelpRecord & Row>(`${SELECT} WHERE q.household_id = ? ORDER BY q.id DESC`, [householdId])
}

/** Key-group tags of the people on a page of requests. */
export function tagsOf(db: Db, residentIds: number[]): { residentId: number; tag: string }[] {
  if (residentIds.length === 0) return []
  return db.all<{ residentId: number; tag: string } & Row>(
    `SELECT resident_id AS residentId, tag FROM resident_tags WHERE resident_id IN (${residentIds.map(() => '?').join(', ')}) ORDER BY tag`,
    residentIds
  )
}

/** Each volunteer's requests not yet closed. */
export function openLoads(db: Db): Map<number, number> {
  const rows = db.all<{ volunteerId: number; n: number } & Row>(
    'SELECT volunteer_id AS volunteerId, COUNT(*) AS n FROM help_requests WHERE is_open = 1 AND volunteer_id IS NOT NULL GROUP BY volunteer_id'
  )
  return new Map(rows.map((r) => [r.volunteerId, Number(r.n)]))
}

export interface HelpWrite {
  householdId: number | null
  residentId: number | null
  callerName: string
  callerPhone: string
  callerAddress: string
  gridId: number | null
  channel: HelpChannel
  type: HelpType
  urgency: HelpUrgency
  urgencyRank: number
  content: string
  wantedBy: string | null
  notes: string
}

export function insertHelp(tx: Tx, w: HelpWrite, by: string, day: string, at: string): number {
  return tx.run(
    `INSERT INTO help_requests (household_id, resident_id, caller_name, caller_phone, caller_address, grid_id, channel, type, urgency,
       urgency_rank, content, wanted_by, notes, status, is_open, created_day, created_at, created_by, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', 1, ?, ?, ?, ?)`,
    [
      w.householdId,
      w.residentId,
      w.callerName,
      w.callerPhone,
      w.callerAddress,
      w.gridId,
      w.channel,
      w.type,
      w.urgency,
      w.urgencyRank,
      w.content,
      w.wantedBy,
      w.notes,
      day,
      at,
      by,
      at
    ]
  ).lastInsertRowid
}

export interface StatusWrite {
  status: HelpStatus
  isOpen: boolean
  volunteerId: number | null
  result: string
  reason: string
  closedDay: string | null
}

export function setHelpStatus(tx: Tx, id: number, w: StatusWrite, at: string): void {
  tx.run('UPDATE help_requests SET status = ?, is_open = ?, volunteer_id = ?, result = ?, reason = ?, closed_day = ?, updated_at = ? WHERE id = ?', [
    w.status,
    w.isOpen ? 1 : 0,
    w.volunteerId,
    w.result,
    w.reason,
    w.closedDay,
    at,
    id
  ])
}

export function setFollowUp(tx: Tx, id: number, satisfied: boolean, note: string, at: string): void {
  tx.run('UPDATE help_requests SET follow_up = ?, follow_up_note = ?, updated_at = ? WHERE id = ?', [satisfied ? 'satisfied' : 'unsatisfied', note, at, id])
}

export interface StepWrite {
  requestId: number
  action: string
  from: string
  to: HelpStatus
  volunteerId: number | null
  note: string
  actor: string
  at: string
}

export function insertStep(tx: Tx, w: StepWrite): void {
  tx.run('INSERT INTO help_steps (request_id, action, from_status, to_status, volunteer_id, note, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
    w.requestId,
    w.action,
    w.from,
    w.to,
    w.volunteerId,
    w.note,
    w.actor,
    w.at
  ])
}

export interface StepRecord {
  action: string
  from: string
  to: HelpStatus
  volunteerName: string | null
  note: string
  actor: string
  at: string
}

export function stepsOf(db: Db, requestId: number): StepRecord[] {
  return db.all<StepRecord & Row>(
    `SELECT s.action, s.from_status AS "from", s.to_status AS "to",
        CASE WHEN v.id IS NULL THEN NULL WHEN v.resident_id IS NULL THEN v.name ELSE vr.name END AS volunteerName,
        s.note, s.actor, s.at
       FROM help_steps s LEFT JOIN volunteers v ON v.id = s.volunteer_id LEFT JOIN residents vr ON vr.id = v.resident_id
      WHERE s.request_id = ? ORDER BY s.id`,
    [requestId]
  )
}
