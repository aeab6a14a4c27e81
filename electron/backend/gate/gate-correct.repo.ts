import type { GateAction, GateDirection, GateWho } from '../../../shared/domain/gate'
import type { Db } from '../kit/db'
import type { Tx } from '../store/store'

/** The fields a 更正 may change: an entry's effective values (gate_entries' own columns). */
export interface CorrectableValues {
  direction: GateDirection
  who: GateWho
  name: string
  phone: string
  reason: string
  plate: string
  temperature_tenths: number
  action: GateAction
}

export const CORRECTABLE_KEYS = ['direction', 'who', 'name', 'phone', 'reason', 'plate', 'temperature_tenths', 'action'] as const

export function applyCorrection(tx: Tx, entryId: number, v: CorrectableValues, abnormal: number, warning: string, at: string): void {
  tx.run(
    `UPDATE gate_entries SET direction = ?, who = ?, name = ?, phone = ?, reason = ?, plate = ?, temperature_tenths = ?, action = ?,
       abnormal = ?, warning = ?, corrected_at = ? WHERE id = ?`,
    [v.direction, v.who, v.name, v.phone, v.reason, v.plate, v.temperature_tenths, v.action, abnormal, warning, at, entryId]
  )
}

export function insertCorrection(
  tx: Tx,
  c: { entryId: number; at: string; actor: string; reason: string; before: Partial<CorrectableValues>; after: Partial<CorrectableValues> }
): void {
  tx.run('INSERT INTO gate_corrections (entry_id, at, actor, reason, before, after) VALUES (?, ?, ?, ?, ?, ?)', [
    c.entryId,
    c.at,
    c.actor,
    c.reason,
    JSON.stringify(c.before),
    JSON.stringify(c.after)
  ])
}

export interface CorrectionRecord {
  entry_id: number
  at: string
  actor: string
  reason: string
  before: string
  after: string
}

/** The corrections of some entries, oldest first (a page's corrected rows: few). */
export function correctionsOf(db: Db, entryIds: number[]): CorrectionRecord[] {
  if (entryIds.length === 0) return []
  return db.all<CorrectionRecord>(
    `SELECT entry_id, at, actor, reason, before, after FROM gate_corrections WHERE entry_id IN (SELECT value FROM json_each(?)) ORDER BY entry_id, id`,
    [JSON.stringify(entryIds)]
  )
}
