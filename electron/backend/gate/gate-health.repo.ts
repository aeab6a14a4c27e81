import type { GateAction } from '../../../shared/domain/gate'
import type { Db, SqlPart } from '../kit/db'
import type { Tx } from '../store/store'

/** Links a resident's gate fever to the episode check it was written into, with that check as it was before. */
export function linkEntryToCheck(tx: Tx, entryId: number, episodeId: number | null, checkBefore: string | null): void {
  tx.run('UPDATE gate_entries SET episode_id = ?, check_before = ? WHERE id = ?', [episodeId, checkBefore, entryId])
}

/** A check the gate created (there was none that day) goes again when the fever is taken back. */
export function deleteCheck(tx: Tx, episodeId: number, day: string): void {
  tx.run('DELETE FROM daily_checks WHERE episode_id = ? AND day = ?', [episodeId, day])
}

export interface GateFeverRecord {
  id: number
  at: string
  day: string
  checkpoint_name: string
  resident_id: number
  name: string
  address: string
  grid_name: string | null
  temperature_tenths: number
  action: GateAction
  episode_id: number | null
  corrected_at: string | null
}

const FEVER_SELECT = `SELECT e.id, e.at, e.day, c.name AS checkpoint_name, e.resident_id, r.name, COALESCE(h.address, '') AS address,
    g.name AS grid_name, e.temperature_tenths, e.action, e.episode_id, e.corrected_at
  FROM gate_entries e JOIN checkpoints c ON c.id = e.checkpoint_id JOIN residents r ON r.id = e.resident_id
  LEFT JOIN households h ON h.id = r.household_id LEFT JOIN grids g ON g.id = r.grid_id`

/** Fevers of registered residents found at the gates on a day (the 健康监测 异常 list), in the caller's grids. */
export function gateFeversOn(db: Db, day: string, scope: SqlPart): GateFeverRecord[] {
  return db.all<GateFeverRecord>(
    `${FEVER_SELECT} WHERE e.day = ? AND e.abnormal = 1 AND e.resident_id IS NOT NULL AND ${scope.sql} ORDER BY e.id DESC LIMIT 500`,
    [day, ...(scope.params as (string | number)[])]
  )
}

/** One resident's gate fevers, newest first (their detail page). */
export function gateFeversOf(db: Db, residentId: number): GateFeverRecord[] {
  return db.all<GateFeverRecord>(`${FEVER_SELECT} WHERE e.resident_id = ? AND e.abnormal = 1 ORDER BY e.day DESC, e.id DESC LIMIT 200`, [residentId])
}
