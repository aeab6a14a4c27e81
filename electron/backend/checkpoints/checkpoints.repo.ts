import type { CheckpointKind } from '../../../shared/domain/gate'
import type { Db } from '../kit/db'
import type { Row, Tx } from '../store/store'

export interface CheckpointRecord {
  id: number
  name: string
  place: string
  kind: CheckpointKind
  hours: string
  retired_at: string | null
}

const COLUMNS = 'id, name, place, kind, hours, retired_at'

export function listCheckpointRows(db: Db, includeRetired: boolean): CheckpointRecord[] {
  const where = includeRetired ? '' : 'WHERE retired_at IS NULL'
  return db.all<CheckpointRecord & Row>(`SELECT ${COLUMNS} FROM checkpoints ${where} ORDER BY retired_at IS NOT NULL, name`)
}

export function getCheckpoint(db: Db, id: number): CheckpointRecord | undefined {
  return db.get<CheckpointRecord & Row>(`SELECT ${COLUMNS} FROM checkpoints WHERE id = ?`, [id])
}

export function liveCheckpointNamed(db: Db, name: string): { id: number } | undefined {
  return db.get<{ id: number } & Row>('SELECT id FROM checkpoints WHERE name = ? AND retired_at IS NULL', [name])
}

export function insertCheckpoint(tx: Tx, c: Omit<CheckpointRecord, 'id' | 'retired_at'>, at: string): number {
  return tx.run('INSERT INTO checkpoints (name, place, kind, hours, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)', [
    c.name,
    c.place,
    c.kind,
    c.hours,
    at,
    at
  ]).lastInsertRowid
}

export function updateCheckpoint(tx: Tx, c: Omit<CheckpointRecord, 'retired_at'>, at: string): void {
  tx.run('UPDATE checkpoints SET name = ?, place = ?, kind = ?, hours = ?, updated_at = ? WHERE id = ?', [c.name, c.place, c.kind, c.hours, at, c.id])
}

export function retireCheckpoint(tx: Tx, id: number, at: string): void {
  tx.run('UPDATE checkpoints SET retired_at = ?, updated_at = ? WHERE id = ?', [at, at, id])
}

export interface PassRecord {
  id: number
  number: string
  household_id: number
  address: string
  every_days: number
  issued_at: string
  revoked_at: string | null
}

const PASS_SELECT = `SELECT p.id, p.number, p.household_id, h.address, p.every_days, p.issued_at, p.revoked_at
  FROM gate_passes p JOIN households h ON h.id = p.household_id`

export function listPassRows(db: Db, includeRevoked: boolean): PassRecord[] {
  const where = includeRevoked ? '' : 'WHERE p.revoked_at IS NULL'
  return db.all<PassRecord & Row>(`${PASS_SELECT} ${where} ORDER BY p.number`)
}

export function getPass(db: Db, id: number): PassRecord | undefined {
  return db.get<PassRecord & Row>(`${PASS_SELECT} WHERE p.id = ?`, [id])
}

export function findPassByNumber(db: Db, number: string): PassRecord | undefined {
  return db.get<PassRecord & Row>(`${PASS_SELECT} WHERE p.number = ?`, [number])
}

export function livePassOfHousehold(db: Db, householdId: number): { number: string } | undefined {
  return db.get<{ number: string } & Row>('SELECT number FROM gate_passes WHERE household_id = ? AND revoked_at IS NULL', [householdId])
}

export function countPasses(db: Db): number {
  return Number(db.get<{ n: number } & Row>('SELECT COUNT(*) AS n FROM gate_passes')?.n ?? 0)
}

export function insertPass(tx: Tx, number: string, householdId: number, everyDays: number, at: string): number {
  return tx.run('INSERT INTO gate_passes (number, household_id, every_days, issued_at) VALUES (?, ?, ?, ?)', [number, householdId, everyDays, at])
    .lastInsertRowid
}

export function revokePass(tx: Tx, id: number, at: string): void {
  tx.run('UPDATE gate_passes SET revoked_at = ? WHERE id = ?', [at, id])
}

export function liveHouseholdAddress(db: Db, id: number): { address: string } | undefined {
  return db.get<{ address: string } & Row>('SELECT address FROM households WHERE id = ? AND deleted_at IS NULL', [id])
}
