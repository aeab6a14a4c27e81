import type { DisinfectMethod, PlaceKind, PlaceSave, Schedule } from '../../../shared/schemas/disinfection'
import type { Row, SqlValue, Store, Tx } from '../store/store'

type Reader = Pick<Store, 'all' | 'get'> | Tx

export interface PlaceRow {
  id: number
  name: string
  kind: PlaceKind
  building: string
  grid_id: number | null
  grid_name: string | null
  schedule: Schedule
  times_per_day: number
  interval_days: number
  active: number
  notes: string
  created_at: string
  last_done_at: string | null
}

const PLACE_SELECT = `SELECT p.id, p.name, p.kind, p.building, p.grid_id, g.name AS grid_name, p.schedule, p.times_per_day,
    p.interval_days, p.active, p.notes, p.created_at,
    (SELECT MAX(l.done_at) FROM disinfection_logs l WHERE l.place_id = p.id) AS last_done_at
  FROM disinfection_places p LEFT JOIN grids g ON g.id = p.grid_id`

const natural = (a: string, b: string) => a.localeCompare(b, 'zh-CN', { numeric: true })

/** Working places first, then by building and name in natural order (2栋 before 10栋). */
export function listPlaces(db: Reader): PlaceRow[] {
  return db.all<PlaceRow & Row>(PLACE_SELECT).sort((a, b) => b.active - a.active || natural(a.building, b.building) || natural(a.name, b.name))
}

export function getPlace(db: Reader, id: number): PlaceRow | undefined {
  return db.get<PlaceRow & Row>(`${PLACE_SELECT} WHERE p.id = ?`, [id])
}

export function findPlaceByName(db: Reader, name: string): { id: number } | undefined {
  return db.get<{ id: number } & Row>('SELECT id FROM disinfection_places WHERE name = ?', [name])
}

export function gridExists(db: Reader, id: number): boolean {
  return db.get('SELECT id FROM grids WHERE id = ? AND retired_at IS NULL', [id]) !== undefined
}

/** created_at holds the office's wall-clock time ('YYYY-MM-DD HH:mm'), the scale schedules are reckoned on. */
export function insertPlace(tx: Tx, p: Omit<PlaceSave, 'id'>, at: string): number {
  return tx.run(
    `INSERT INTO disinfection_places (name, kind, building, grid_id, schedule, times_per_day, interval_days, active, notes, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [p.name, p.kind, p.building, p.gridId, p.schedule, p.timesPerDay, p.intervalDays, p.active ? 1 : 0, p.notes, at, at]
  ).lastInsertRowid
}

export function updatePlace(tx: Tx, id: number, p: Omit<PlaceSave, 'id'>, at: string): void {
  tx.run(
    `UPDATE disinfection_places SET name = ?, kind = ?, building = ?, grid_id = ?, schedule = ?, times_per_day = ?, interval_days = ?,
       active = ?, notes = ?, updated_at = ? WHERE id = ?`,
    [p.name, p.kind, p.building, p.gridId, p.schedule, p.timesPerDay, p.intervalDays, p.active ? 1 : 0, p.notes, at, id]
  )
}

export interface LogRow {
  id: number
  place_id: number
  place_name: string
  place_kind: PlaceKind
  building: string
  done_at: string
  agent: string
  concentration: string
  method: DisinfectMethod
  operator: string
  checker: string
  note: string
  ref_no: string | null
  recorded_by: string
}

export function insertLog(
  tx: Tx,
  l: {
    placeId: number
    doneAt: string
    agent: string
    concentration: string
    method: DisinfectMethod
    operator: string
    checker: string
    note: string
    at: string
    by: string
  }
): number {
  return tx.run(
    `INSERT INTO disinfection_logs (place_id, done_at, agent, concentration, method, operator, checker, note, recorded_at, recorded_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [l.placeId, l.doneAt, l.agent, l.concentration, l.method, l.operator, l.checker, l.note, l.at, l.by]
  ).lastInsertRowid
}

export function setLogRef(tx: Tx, id: number, refNo: string): void {
  tx.run('UPDATE disinfection_logs SET ref_no = ? WHERE id = ?', [refNo, id])
}

const LOG_SELECT = `SELECT l.id, l.place_id, p.name AS place_name, p.kind AS place_kind, p.building, l.done_at, l.agent, l.concentration,
    l.method, l.operator, l.checker, l.note, l.ref_no, l.recorded_by
  FROM disinfection_logs l JOIN disinfection_places p ON p.id = l.place_id`

export interface LogQuery {
  placeId?: number
  from?: string
  to?: string
}

function logWhere(q: LogQuery): { sql: string; params: SqlValue[] } {
  const clauses: string[] = []
  const params: SqlValue[] = []
  if (q.placeId !== undefined) {
    clauses.push('l.place_id = ?')
    params.push(q.placeId)
  }
  if (q.from) {
    clauses.push('l.done_at >= ?')
    params.push(q.from)
  }
  if (q.to) {
    // done_at is 'YYYY-MM-DD HH:mm': every time on the last day sorts before 'YYYY-MM-DD~'.
    clauses.push('l.done_at < ?')
    params.push(`${q.to}~`)
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params }
}

export function getLog(db: Reader, id: number): LogRow | undefined {
  return db.get<LogRow & Row>(`${LOG_SELECT} WHERE l.id = ?`, [id])
}

export function pageLogs(db: Reader, q: LogQuery, limit: number, offset: number, order: 'asc' | 'desc' = 'desc'): LogRow[] {
  const { sql, params } = logWhere(q)
  const dir = order === 'asc' ? 'ASC' : 'DESC'
  return db.all<LogRow & Row>(`${LOG_SELECT} ${sql} ORDER BY l.done_at ${dir}, l.id ${dir} LIMIT ? OFFSET ?`, [...params, limit, offset])
}

export function countLogs(db: Reader, q: LogQuery): number {
  const { sql, params } = logWhere(q)
  return Number(db.get<{ n: number } & Row>(`SELECT COUNT(*) AS n FROM disinfection_logs l ${sql}`, params)?.n ?? 0)
}
