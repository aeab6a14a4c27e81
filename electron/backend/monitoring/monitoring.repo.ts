import type { CheckOutcome, EpisodeKind, EpisodeStatus } from '../../../shared/schemas/monitoring'
import type { Db } from '../kit/db'
import type { Tx } from '../store/store'

/** The person columns every returnee and monitoring list shows (numbers masked later). */
export const PERSON_COLUMNS = `r.id AS residentId, r.name, r.id_number AS idNumber, r.phones, COALESCE(h.address, '') AS address`

export interface PersonRecord {
  residentId: number
  name: string
  idNumber: string | null
  phones: string
  address: string
}

export interface EpisodeRecord extends PersonRecord {
  id: number
  tripId: number | null
  gridId: number | null
  gridName: string | null
  worker: string
  kind: EpisodeKind
  startDate: string
  days: number
  endDate: string
  status: EpisodeStatus
  statusDate: string | null
  statusReason: string
  abnormal: number
  lastCheckDay: string | null
}

export const EPISODE_SELECT = `SELECT e.id, e.trip_id AS tripId, e.grid_id AS gridId, g.name AS gridName, e.worker, e.kind,
    e.start_date AS startDate, e.days, e.end_date AS endDate, e.status, e.status_date AS statusDate,
    e.status_reason AS statusReason, e.abnormal, e.last_check_day AS lastCheckDay, ${PERSON_COLUMNS}
  FROM observation_episodes e
  JOIN residents r ON r.id = e.resident_id
  LEFT JOIN households h ON h.id = r.household_id
  LEFT JOIN grids g ON g.id = e.grid_id`

export function getEpisode(db: Db, id: number): EpisodeRecord | undefined {
  return db.get<EpisodeRecord>(`${EPISODE_SELECT} WHERE e.id = ?`, [id])
}

export function episodesOfResident(db: Db, residentId: number): EpisodeRecord[] {
  return db.all<EpisodeRecord>(`${EPISODE_SELECT} WHERE e.resident_id = ? ORDER BY e.start_date DESC, e.id DESC`, [residentId])
}

export function openEpisodeOf(db: Db, residentId: number): { id: number; kind: EpisodeKind; endDate: string } | undefined {
  return db.get(`SELECT id, kind, end_date AS endDate FROM observation_episodes WHERE resident_id = ? AND status = 'observing' ORDER BY id DESC LIMIT 1`, [
    residentId
  ])
}

export interface EpisodeWrite {
  residentId: number
  tripId: number | null
  gridId: number | null
  worker: string
  kind: EpisodeKind
  startDate: string
  days: number
  endDate: string
}

export function insertEpisode(tx: Tx, w: EpisodeWrite, at: string): number {
  return tx.run(
    `INSERT INTO observation_episodes (resident_id, trip_id, grid_id, worker, kind, start_date, days, end_date, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'observing', ?, ?)`,
    [w.residentId, w.tripId, w.gridId, w.worker, w.kind, w.startDate, w.days, w.endDate, at, at]
  ).lastInsertRowid
}

export function setDuration(tx: Tx, id: number, days: number, endDate: string, at: string): void {
  tx.run('UPDATE observation_episodes SET days = ?, end_date = ?, updated_at = ? WHERE id = ?', [days, endDate, at, id])
}

/** A status change ends the red flag: the person is no longer being watched from home. */
export function setStatus(tx: Tx, id: number, status: EpisodeStatus, date: string, reason: string, at: string): void {
  tx.run('UPDATE observation_episodes SET status = ?, status_date = ?, status_reason = ?, abnormal = 0, updated_at = ? WHERE id = ?', [
    status,
    date,
    reason,
    at,
    id
  ])
}

export function setWorker(tx: Tx, id: number, worker: string, at: string): void {
  tx.run('UPDATE observation_episodes SET worker = ?, updated_at = ? WHERE id = ?', [worker, at, id])
}

export function insertEvent(
  tx: Tx,
  e: { episodeId: number; at: string; actor: string; kind: 'start' | 'duration' | 'status' | 'worker'; from: string; to: string; reason: string }
): void {
  tx.run('INSERT INTO observation_events (episode_id, at, actor, kind, from_value, to_value, reason) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    e.episodeId,
    e.at,
    e.actor,
    e.kind,
    e.from,
    e.to,
    e.reason
  ])
}

export interface EventRecord {
  at: string
  actor: string
  kind: 'start' | 'duration' | 'status' | 'worker'
  fromValue: string
  toValue: string
  reason: string
}

export function eventsOf(db: Db, episodeId: number): EventRecord[] {
  return db.all<EventRecord>(
    'SELECT at, actor, kind, from_value AS fromValue, to_value AS toValue, reason FROM observation_events WHERE episode_id = ? ORDER BY id',
    [episodeId]
  )
}

export interface CheckRecord {
  id: number
  episodeId: number
  day: string
  morning: number | null
  evening: number | null
  symptoms: string
  outcome: CheckOutcome
  abnormal: number
  threshold: number
  note: string
  checkedBy: string
  checkedAt: string
}

export const CHECK_COLUMNS = `c.id, c.episode_id AS episodeId, c.day, c.morning_tenths AS morning, c.evening_tenths AS evening, c.symptoms,
  c.outcome, c.abnormal, c.threshold_tenths AS threshold, c.note, c.checked_by AS checkedBy, c.checked_at AS checkedAt`

export function checksOf(db: Db, episodeId: number): CheckRecord[] {
  return db.all<CheckRecord>(`SELECT ${CHECK_COLUMNS} FROM daily_checks c WHERE c.episode_id = ? ORDER BY c.day DESC`, [episodeId])
}

export function checkOn(db: Db, episodeId: number, day: string): CheckRecord | undefined {
  return db.get<CheckRecord>(`SELECT ${CHECK_COLUMNS} FROM daily_checks c WHERE c.episode_id = ? AND c.day = ?`, [episodeId, day])
}

export interface CheckWrite {
  episodeId: number
  day: string
  morning: number | null
  evening: number | null
  symptoms: string
  outcome: CheckOutcome
  abnormal: number
  threshold: number
  note: string
  checkedBy: string
  checkedAt: string
}

/** One row per episode and day: the evening reading completes the morning's row. */
export function upsertCheck(tx: Tx, w: CheckWrite): void {
  tx.run(
    `INSERT INTO daily_checks (episode_id, day, morning_tenths, evening_tenths, symptoms, outcome, abnormal, threshold_tenths, note, checked_by, checked_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (episode_id, day) DO UPDATE SET morning_tenths = excluded.morning_tenths, evening_tenths = excluded.evening_tenths,
       symptoms = excluded.symptoms, outcome = excluded.outcome, abnormal = excluded.abnormal, threshold_tenths = excluded.threshold_tenths,
       note = excluded.note, checked_by = excluded.checked_by, checked_at = excluded.checked_at`,
    [w.episodeId, w.day, w.morning, w.evening, w.symptoms, w.outcome, w.abnormal, w.threshold, w.note, w.checkedBy, w.checkedAt]
  )
}

/**
 * The red flag follows the latest check that reached the person (未联系上 neither raises nor
 * clears it), whatever order days were entered in.
 */
export function refreshFlag(tx: Tx, episodeId: number): void {
  tx.run(
    `UPDATE observation_episodes SET
       abnormal = COALESCE((SELECT abnormal FROM daily_checks WHERE episode_id = ?1 AND outcome != 'unreachable' ORDER BY day DESC LIMIT 1), 0),
       last_check_day = (SELECT MAX(day) FROM daily_checks WHERE episode_id = ?1)
     WHERE id = ?1`,
    [episodeId]
  )
}

/** The first grid worker of a grid (or its leader): the default responsible person. */
export function defaultWorkerOf(db: Db, gridId: number): string {
  const row = db.get<{ name: string }>(`SELECT name FROM grid_staff WHERE grid_id = ? ORDER BY role = 'worker' DESC, position LIMIT 1`, [gridId])
  return row?.name ?? ''
}

export function workerOptions(db: Db, scope: { sql: string; params: (string | number)[] }): { gridId: number; gridName: string; name: string }[] {
  return db.all(
    `SELECT s.grid_id AS gridId, g.name AS gridName, s.name FROM grid_staff s JOIN grids g ON g.id = s.grid_id
      WHERE g.retired_at IS NULL AND ${scope.sql} ORDER BY g.name, s.role = 'worker' DESC, s.position`,
    scope.params
  )
}
