import type { Transport } from '../../../shared/schemas/returnees'
import type { EpisodeKind, EpisodeStatus } from '../../../shared/schemas/monitoring'
import type { PersonRecord } from '../monitoring/monitoring.repo'
import { PERSON_COLUMNS } from '../monitoring/monitoring.repo'
import type { Db, SqlPart } from '../kit/db'
import { LIVE_TRIP } from '../monitoring/trip-counts.repo'
import type { Tx } from '../store/store'

export interface TripRecord extends PersonRecord {
  id: number
  gridId: number | null
  gridName: string | null
  province: string
  city: string
  district: string
  via: string
  returnDate: string
  transport: Transport
  transportNo: string
  reason: string
  notes: string
  registeredOn: string
  registeredBy: string
  status: 'active' | 'voided'
  voidedAt: string | null
  voidedBy: string
  voidReason: string
  updatedAt: string
}

const TRIP_SELECT = `SELECT t.id, r.grid_id AS gridId, g.name AS gridName, t.origin_province AS province, t.origin_city AS city,
    t.origin_district AS district, t.via, t.return_date AS returnDate, t.transport, t.transport_no AS transportNo, t.reason, t.notes,
    t.registered_on AS registeredOn, t.registered_by AS registeredBy, t.status, t.voided_at AS voidedAt, t.voided_by AS voidedBy,
    t.void_reason AS voidReason, t.updated_at AS updatedAt, ${PERSON_COLUMNS}
  FROM returnee_trips t
  JOIN residents r ON r.id = t.resident_id
  LEFT JOIN households h ON h.id = r.household_id
  LEFT JOIN grids g ON g.id = r.grid_id`

export interface TripWrite {
  residentId: number
  province: string
  city: string
  district: string
  via: string
  returnDate: string
  transport: Transport
  transportNo: string
  reason: string
  notes: string
}

export function insertTrip(tx: Tx, w: TripWrite, registeredOn: string, by: string, at: string): number {
  return tx.run(
    `INSERT INTO returnee_trips (resident_id, origin_province, origin_city, origin_district, via, return_date, transport, transport_no,
       reason, notes, registered_on, registered_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [w.residentId, w.province, w.city, w.district, w.via, w.returnDate, w.transport, w.transportNo, w.reason, w.notes, registeredOn, by, at, at]
  ).lastInsertRowid
}

export function updateTrip(tx: Tx, id: number, w: Omit<TripWrite, 'residentId'>, at: string): void {
  tx.run(
    `UPDATE returnee_trips SET origin_province = ?, origin_city = ?, origin_district = ?, via = ?, return_date = ?, transport = ?,
       transport_no = ?, reason = ?, notes = ?, updated_at = ? WHERE id = ?`,
    [w.province, w.city, w.district, w.via, w.returnDate, w.transport, w.transportNo, w.reason, w.notes, at, id]
  )
}

/** 作废: the row stays (the person's history shows it struck through), LIVE_TRIP leaves it out of the rest. */
export function voidTrip(tx: Tx, id: number, reason: string, by: string, at: string): void {
  tx.run(`UPDATE returnee_trips SET status = 'voided', voided_at = ?, voided_by = ?, void_reason = ?, updated_at = ? WHERE id = ?`, [at, by, reason, at, id])
}

export function writeCompanions(tx: Tx, tripId: number, companions: { residentId: number | null; name: string }[]): void {
  tx.run('DELETE FROM returnee_companions WHERE trip_id = ?', [tripId])
  companions.forEach((c, position) => {
    tx.run('INSERT INTO returnee_companions (trip_id, position, resident_id, name) VALUES (?, ?, ?, ?)', [tripId, position, c.residentId, c.name])
  })
}

export function companionsOf(db: Db, tripIds: number[]): Map<number, { residentId: number | null; name: string }[]> {
  const result = new Map<number, { residentId: number | null; name: string }[]>()
  if (tripIds.length === 0) return result
  const rows = db.all<{ tripId: number; residentId: number | null; name: string }>(
    `SELECT trip_id AS tripId, resident_id AS residentId, name FROM returnee_companions WHERE trip_id IN (${tripIds.map(() => '?').join(', ')})
      ORDER BY trip_id, position`,
    tripIds
  )
  for (const row of rows) result.set(row.tripId, [...(result.get(row.tripId) ?? []), { residentId: row.residentId, name: row.name }])
  return result
}

export function getTrip(db: Db, id: number): TripRecord | undefined {
  return db.get<TripRecord>(`${TRIP_SELECT} WHERE t.id = ?`, [id])
}

export function tripOn(db: Db, residentId: number, returnDate: string, exceptId: number | null): { id: number } | undefined {
  // A voided trip does not hold its day: the corrected trip may be registered on it again.
  return db.get(`SELECT t.id FROM returnee_trips t WHERE t.resident_id = ? AND t.return_date = ? AND t.id != ? AND ${LIVE_TRIP}`, [
    residentId,
    returnDate,
    exceptId ?? 0
  ])
}

export function tripsOfResident(db: Db, residentId: number): TripRecord[] {
  return db.all<TripRecord>(`${TRIP_SELECT} WHERE t.resident_id = ? ORDER BY t.return_date DESC, t.id DESC`, [residentId])
}

export interface TripFilter {
  q?: string | undefined
  from?: string | undefined
  to?: string | undefined
  province?: string | undefined
  gridId?: number | undefined
  scope: SqlPart
}

/** Above every letter: 'zs' .. 'zs' + PINYIN_TOP is every key starting with zs. */
const PINYIN_TOP = String.fromCodePoint(0x10ffff)

/** The returnee list's filters, for the list and for its export alike. */
export function tripWhere(f: TripFilter): SqlPart {
  const parts = [LIVE_TRIP, f.scope.sql]
  const params = [...f.scope.params]
  const letters = f.q?.replace(/\s+/g, '').toLowerCase() ?? ''
  if (/^[a-z]+$/.test(letters)) {
    // Latin letters are a name's pinyin initials or full pinyin (zjg, zhangjianguo), as in the 居民 search.
    parts.push('((r.name_initials >= ? AND r.name_initials < ?) OR (r.name_pinyin >= ? AND r.name_pinyin < ?))')
    params.push(letters, letters + PINYIN_TOP, letters, letters + PINYIN_TOP)
  } else if (f.q) {
    parts.push('(r.name LIKE ? OR instr(t.origin_province || t.origin_city || t.origin_district, ?) > 0)')
    params.push(`${f.q}%`, f.q)
  }
  if (f.from) {
    parts.push('t.return_date >= ?')
    params.push(f.from)
  }
  if (f.to) {
    parts.push('t.return_date <= ?')
    params.push(f.to)
  }
  if (f.province) {
    parts.push('t.origin_province = ?')
    params.push(f.province)
  }
  if (f.gridId !== undefined) {
    parts.push('r.grid_id = ?')
    params.push(f.gridId)
  }
  return { sql: parts.join(' AND '), params }
}

export function tripPage(db: Db, f: TripFilter, limit: number, offset: number): TripRecord[] {
  const where = tripWhere(f)
  return db.all<TripRecord>(`${TRIP_SELECT} WHERE ${where.sql} ORDER BY t.return_date DESC, t.id DESC LIMIT ? OFFSET ?`, [...where.params, limit, offset])
}

export function tripCount(db: Db, f: TripFilter): number {
  const where = tripWhere(f)
  return Number(
    db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM returnee_trips t JOIN residents r ON r.id = t.resident_id WHERE ${where.sql}`, where.params)?.n ?? 0
  )
}

export interface TripEpisode {
  tripId: number
  id: number
  kind: EpisodeKind
  status: EpisodeStatus
  startDate: string
  endDate: string
  abnormal: number
}

/** The SQL picking the episode started for trip t (its latest, should it have been restarted). */
export const TRIP_EPISODE_ID = `(SELECT x.id FROM observation_episodes x WHERE x.trip_id = t.id ORDER BY x.start_date DESC, x.id DESC LIMIT 1)`

/** Each trip's own episode, for the red flag and status column of the returnee list: never another trip's. */
export function tripEpisodes(db: Db, tripIds: number[]): Map<number, TripEpisode> {
  if (tripIds.length === 0) return new Map()
  const rows = db.all<TripEpisode>(
    `SELECT t.id AS tripId, e.id, e.kind, e.status, e.start_date AS startDate, e.end_date AS endDate, e.abnormal
       FROM returnee_trips t JOIN observation_episodes e ON e.id = ${TRIP_EPISODE_ID}
      WHERE t.id IN (SELECT p.value FROM json_each(?) p)`,
    [JSON.stringify(tripIds)]
  )
  return new Map(rows.map((row) => [row.tripId, row]))
}
