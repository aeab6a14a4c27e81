import type { DisinfectMethod, PlaceKind, Schedule } from '../../../shared/domain/disinfection'
import type { Db } from '../kit/db'
import type { Row, Tx } from '../store/store'

/** 复工, 巡查 and the unit's disinfection places: the records the reopening checklist reads. */

export interface ReopeningRecord {
  id: number
  unitId: number
  appliedOn: string
  appliedBy: string
  masks: number
  thermometer: number
  disinfectant: number
  note: string
  decision: 'pending' | 'approved' | 'withdrawn'
  approvedOn: string | null
  approvedBy: string | null
  checklist: string | null
}

const REOPEN_SELECT = `SELECT id, unit_id AS unitId, applied_on AS appliedOn, applied_by AS appliedBy, masks, thermometer, disinfectant, note,
    decision, approved_on AS approvedOn, approved_by AS approvedBy, checklist FROM unit_reopenings`

export function reopeningsOf(db: Db, unitId: number): ReopeningRecord[] {
  return db.all<ReopeningRecord & Row>(`${REOPEN_SELECT} WHERE unit_id = ? ORDER BY id DESC`, [unitId])
}

export function pendingReopening(db: Db, unitId: number): ReopeningRecord | undefined {
  return db.get<ReopeningRecord & Row>(`${REOPEN_SELECT} WHERE unit_id = ? AND decision = 'pending' ORDER BY id DESC LIMIT 1`, [unitId])
}

export interface ReopeningWrite {
  unitId: number
  appliedOn: string
  masks: boolean
  thermometer: boolean
  disinfectant: boolean
  note: string
}

export function insertReopening(tx: Tx, w: ReopeningWrite, by: string, at: string): number {
  return tx.run(
    `INSERT INTO unit_reopenings (unit_id, applied_on, applied_by, masks, thermometer, disinfectant, note, decision, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)`,
    [w.unitId, w.appliedOn, by, w.masks ? 1 : 0, w.thermometer ? 1 : 0, w.disinfectant ? 1 : 0, w.note, at]
  ).lastInsertRowid
}

export function approveReopening(tx: Tx, id: number, approvedOn: string, by: string, checklist: string): void {
  tx.run("UPDATE unit_reopenings SET decision = 'approved', approved_on = ?, approved_by = ?, checklist = ? WHERE id = ?", [approvedOn, by, checklist, id])
}

/** A pending application is withdrawn when the clerk sets the status by hand (the shop closed again). */
export function withdrawPending(tx: Tx, unitId: number): void {
  tx.run("UPDATE unit_reopenings SET decision = 'withdrawn' WHERE unit_id = ? AND decision = 'pending'", [unitId])
}

/**
 * Workers who came back from elsewhere (a live trip of the returnees domain) with no observation
 * started on or after their latest return (the checklist's 外地返回人员已观察). Someone who merely
 * lives in another district, with no trip, is not asked to be observed.
 */
export function unobservedOutsiders(db: Db, unitId: number): { name: string }[] {
  return db.all<{ name: string } & Row>(
    `SELECT r.name FROM unit_workers w JOIN residents r ON r.id = w.resident_id
      JOIN (SELECT resident_id, MAX(return_date) AS back FROM returnee_trips WHERE status = 'active' GROUP BY resident_id) t ON t.resident_id = w.resident_id
      WHERE w.unit_id = ? AND w.left_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM observation_episodes e WHERE e.resident_id = w.resident_id AND e.start_date >= t.back)
      ORDER BY w.id`,
    [unitId]
  )
}

export function liveWorkerCount(db: Db, unitId: number): number {
  return Number(db.get<{ n: number } & Row>('SELECT COUNT(*) AS n FROM unit_workers WHERE unit_id = ? AND left_at IS NULL', [unitId])?.n ?? 0)
}

export function disinfectionLogCount(db: Db, unitId: number): number {
  return Number(
    db.get<{ n: number } & Row>('SELECT COUNT(*) AS n FROM disinfection_logs l JOIN disinfection_places p ON p.id = l.place_id WHERE p.unit_id = ?', [unitId])
      ?.n ?? 0
  )
}

export function placeUnit(db: Db, placeId: number): { name: string; kind: string; unitId: number | null; unitName: string | null } | undefined {
  return db.get<{ name: string; kind: string; unitId: number | null; unitName: string | null } & Row>(
    'SELECT p.name, p.kind, p.unit_id AS unitId, u.name AS unitName FROM disinfection_places p LEFT JOIN units u ON u.id = p.unit_id WHERE p.id = ?',
    [placeId]
  )
}

/** A unit's disinfection places as the disinfection domain stores them, with the time of the latest log. */
export interface UnitPlaceRecord {
  id: number
  name: string
  kind: PlaceKind
  building: string
  gridId: number | null
  gridName: string | null
  schedule: Schedule
  timesPerDay: number
  intervalDays: number
  active: number
  notes: string
  createdAt: string
  lastDoneAt: string | null
}

export function placesOfUnit(db: Db, unitId: number): UnitPlaceRecord[] {
  return db.all<UnitPlaceRecord & Row>(
    `SELECT p.id, p.name, p.kind, p.building, p.grid_id AS gridId, g.name AS gridName, p.schedule, p.times_per_day AS timesPerDay,
        p.interval_days AS intervalDays, p.active, p.notes, p.created_at AS createdAt,
        (SELECT MAX(l.done_at) FROM disinfection_logs l WHERE l.place_id = p.id) AS lastDoneAt
       FROM disinfection_places p LEFT JOIN grids g ON g.id = p.grid_id WHERE p.unit_id = ? ORDER BY p.id`,
    [unitId]
  )
}

export interface UnitLogRecord {
  id: number
  placeId: number
  doneAt: string
  agent: string
  concentration: string
  method: DisinfectMethod
  operator: string
  checker: string
  note: string
  refNo: string | null
  recordedBy: string
}

/** The latest entries of a place's log, newest first. */
export function latestLogs(db: Db, placeId: number, limit: number): UnitLogRecord[] {
  return db.all<UnitLogRecord & Row>(
    `SELECT id, place_id AS placeId, done_at AS doneAt, agent, concentration, method, operator, checker, note, ref_no AS refNo, recorded_by AS recordedBy
       FROM disinfection_logs WHERE place_id = ? ORDER BY done_at DESC, id DESC LIMIT ?`,
    [placeId, limit]
  )
}

export function setPlaceUnit(tx: Tx, placeId: number, unitId: number | null, at: string): void {
  tx.run('UPDATE disinfection_places SET unit_id = ?, updated_at = ? WHERE id = ?', [unitId, at, placeId])
}

export interface InspectionRecord {
  id: number
  unitId: number
  day: string
  inspector: string
  findings: string
  note: string
  rectifyBy: string | null
  closedOn: string | null
  closedBy: string | null
  closeNote: string
}

const INSPECTION_SELECT = `SELECT id, unit_id AS unitId, day, inspector, findings, note, rectify_by AS rectifyBy, closed_on AS closedOn,
    closed_by AS closedBy, close_note AS closeNote FROM unit_inspections`

export function inspectionsOf(db: Db, unitId: number): InspectionRecord[] {
  return db.all<InspectionRecord & Row>(`${INSPECTION_SELECT} WHERE unit_id = ? ORDER BY day DESC, id DESC`, [unitId])
}

export function getInspection(db: Db, id: number): InspectionRecord | undefined {
  return db.get<InspectionRecord & Row>(`${INSPECTION_SELECT} WHERE id = ?`, [id])
}

export interface InspectionWrite {
  unitId: number
  day: string
  inspector: string
  findings: string
  note: string
  rectifyBy: string | null
}

export function insertInspection(tx: Tx, w: InspectionWrite, by: string, at: string): number {
  return tx.run('INSERT INTO unit_inspections (unit_id, day, inspector, findings, note, rectify_by, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
    w.unitId,
    w.day,
    w.inspector,
    w.findings,
    w.note,
    w.rectifyBy,
    at,
    by
  ]).lastInsertRowid
}

export function closeInspectionRow(tx: Tx, id: number, closedOn: string, by: string, note: string): void {
  tx.run('UPDATE unit_inspections SET closed_on = ?, closed_by = ?, close_note = ? WHERE id = ?', [closedOn, by, note, id])
}
