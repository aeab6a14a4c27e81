import type { GateAction, GateDirection, GateWho } from '../../../shared/domain/gate'
import type { Db } from '../kit/db'
import type { Row, SqlValue, Tx } from '../store/store'

export interface GateEntryRecord {
  id: number
  at: string
  day: string
  checkpoint_id: number
  checkpoint_name: string
  direction: GateDirection
  who: GateWho
  name: string
  phone: string
  reason: string
  plate: string
  temperature_tenths: number
  abnormal: number
  action: GateAction
  pass_number: string | null
  warning: string
  registered_by: string
  resident_id: number | null
  /** Set when the entry was corrected (更正): the columns above are then the corrected values. */
  corrected_at: string | null
  /** The observation episode a resident's gate fever was recorded to as a check, and that check before it (JSON). */
  episode_id: number | null
  check_before: string | null
  /** A resident's household, now: the full address for the office, compound + building for the gate. */
  household_address: string | null
  compound_name: string | null
  building_name: string | null
}

export type GateEntryWrite = Omit<
  GateEntryRecord,
  'id' | 'checkpoint_name' | 'pass_number' | 'household_address' | 'compound_name' | 'building_name' | 'corrected_at' | 'episode_id' | 'check_before'
> & {
  pass_id: number | null
}

/**
 * "An entry's effective values" live in one place, the columns of gate_entries: a 更正 updates
 * them in place (gate-correct.ts) and keeps what it replaced in gate_corrections, so every query of
 * this table, here and in other domains (the daily report), reads the corrected values as they are.
 */
const SELECT = `SELECT e.id, e.at, e.day, e.checkpoint_id, c.name AS checkpoint_name, e.direction, e.who, e.name, e.phone,
  e.reason, e.plate, e.temperature_tenths, e.abnormal, e.action, p.number AS pass_number, e.warning, e.registered_by,
  e.resident_id, e.corrected_at, e.episode_id, e.check_before, h.address AS household_address, co.name AS compound_name, b.name AS building_name
  FROM gate_entries e JOIN checkpoints c ON c.id = e.checkpoint_id LEFT JOIN gate_passes p ON p.id = e.pass_id
  LEFT JOIN residents r ON r.id = e.resident_id LEFT JOIN households h ON h.id = r.household_id
  LEFT JOIN buildings b ON b.id = h.building_id LEFT JOIN compounds co ON co.id = b.compound_id`

export interface DayFilter {
  day: string
  checkpointId?: number
  abnormalOnly?: boolean
}

function where(f: DayFilter): { sql: string; params: SqlValue[] } {
  const clauses = ['e.day = ?']
  const params: SqlValue[] = [f.day]
  if (f.checkpointId !== undefined) {
    clauses.push('e.checkpoint_id = ?')
    params.push(f.checkpointId)
  }
  if (f.abnormalOnly) clauses.push('e.abnormal = 1')
  return { sql: `WHERE ${clauses.join(' AND ')}`, params }
}

export function insertEntry(tx: Tx, w: GateEntryWrite): number {
  return tx.run(
    `INSERT INTO gate_entries (checkpoint_id, at, day, direction, who, resident_id, name, phone, reason, plate,
       temperature_tenths, abnormal, action, pass_id, warning, registered_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      w.checkpoint_id,
      w.at,
      w.day,
      w.direction,
      w.who,
      w.resident_id,
      w.name,
      w.phone,
      w.reason,
      w.plate,
      w.temperature_tenths,
      w.abnormal,
      w.action,
      w.pass_id,
      w.warning,
      w.registered_by
    ]
  ).lastInsertRowid
}

export function getEntry(db: Db, id: number): GateEntryRecord | undefined {
  return db.get<GateEntryRecord & Row>(`${SELECT} WHERE e.id = ?`, [id])
}

export function entryPage(db: Db, f: DayFilter, limit: number, offset: number): GateEntryRecord[] {
  const w = where(f)
  return db.all<GateEntryRecord & Row>(`${SELECT} ${w.sql} ORDER BY e.id DESC LIMIT ? OFFSET ?`, [...w.params, limit, offset])
}

export function entryCount(db: Db, f: DayFilter): number {
  const w = where(f)
  return Number(db.get<{ n: number } & Row>(`SELECT COUNT(*) AS n FROM gate_entries e ${w.sql}`, w.params)?.n ?? 0)
}

export function dayTallies(db: Db, f: DayFilter): { who: GateWho; direction: GateDirection; n: number; abnormal: number }[] {
  const w = where(f)
  return db.all(
    `SELECT e.who AS who, e.direction AS direction, COUNT(*) AS n, SUM(e.abnormal) AS abnormal
     FROM gate_entries e ${w.sql} GROUP BY e.who, e.direction`,
    w.params
  )
}

/** The day anyone last went out on a pass on or after a day (the pass rule's window); who it was is not the gate's business. */
export function lastOutDayOnPass(db: Db, passId: number, sinceDay: string): string | undefined {
  return db.get<{ day: string } & Row>(`SELECT day FROM gate_entries WHERE pass_id = ? AND day >= ? AND direction = 'out' ORDER BY day DESC, id DESC LIMIT 1`, [
    passId,
    sinceDay
  ])?.day
}

/** '幸福里小区', '3栋' of households, for the gate: the building, never the unit or the room. */
export function buildingsOfHouseholds(db: Db, householdIds: number[]): Map<number, { compound: string; building: string }> {
  const ids = [...new Set(householdIds)]
  if (ids.length === 0) return new Map()
  const rows = db.all<{ id: number; compound: string; building: string } & Row>(
    `SELECT h.id, co.name AS compound, b.name AS building FROM households h JOIN buildings b ON b.id = h.building_id
     JOIN compounds co ON co.id = b.compound_id WHERE h.id IN (${ids.map(() => '?').join(', ')})`,
    ids
  )
  return new Map(rows.map((row) => [row.id, { compound: row.compound, building: row.building }]))
}

export interface GateResidentRecord {
  id: number
  name: string
  phones: string
  household_id: number | null
}

export function residentForGate(db: Db, id: number): GateResidentRecord | undefined {
  return db.get<GateResidentRecord & Row>('SELECT r.id, r.name, r.phones, r.household_id FROM residents r WHERE r.id = ? AND r.deleted_at IS NULL', [id])
}
