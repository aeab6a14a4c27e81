import type { Db } from '../kit/db'
import type { Row, Tx } from '../store/store'

export interface DeviceRow extends Row {
  id: number
  name: string
  token_hash: string
  approved_at: string
  approved_by: string
  revoked_at: string | null
  revoked_by: string | null
}

const COLUMNS = 'id, name, token_hash, approved_at, approved_by, revoked_at, revoked_by'

export function findDeviceByHash(db: Db, tokenHash: string): DeviceRow | undefined {
  return db.get<DeviceRow>(`SELECT ${COLUMNS} FROM devices WHERE token_hash = ?`, [tokenHash])
}

export function findDevice(db: Db, id: number): DeviceRow | undefined {
  return db.get<DeviceRow>(`SELECT ${COLUMNS} FROM devices WHERE id = ?`, [id])
}

/** Devices in use first, then revoked ones, newest first within each. */
export function listDevices(db: Db): DeviceRow[] {
  return db.all<DeviceRow>(`SELECT ${COLUMNS} FROM devices ORDER BY revoked_at IS NOT NULL, id DESC`)
}

export function insertDevice(tx: Tx, name: string, tokenHash: string, at: string, by: string): number {
  return tx.run('INSERT INTO devices (name, token_hash, approved_at, approved_by) VALUES (?, ?, ?, ?)', [name, tokenHash, at, by]).lastInsertRowid
}

export function renameDevice(tx: Tx, id: number, name: string): void {
  tx.run('UPDATE devices SET name = ? WHERE id = ?', [name, id])
}

export function revokeDevice(tx: Tx, id: number, at: string, by: string): void {
  tx.run('UPDATE devices SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL', [at, by, id])
}
