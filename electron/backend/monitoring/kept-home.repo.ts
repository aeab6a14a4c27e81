import { KEPT_HOME_KINDS } from '../../../shared/domain/observation'
import type { EpisodeKind } from '../../../shared/domain/observation'
import type { Db } from '../kit/db'
import type { Row } from '../store/store'

/**
 * Households with someone under an open episode that keeps them at home (KEPT_HOME_KINDS): the
 * one rule other domains read (a help request is marked, its household cannot go out).
 */
export function keptHomeRows(db: Db, householdIds: readonly number[]): { householdId: number; kind: EpisodeKind; endDate: string }[] {
  if (householdIds.length === 0) return []
  return db.all<{ householdId: number; kind: EpisodeKind; endDate: string } & Row>(
    `SELECT r.household_id AS householdId, e.kind, MAX(e.end_date) AS endDate
       FROM residents r JOIN observation_episodes e ON e.resident_id = r.id
      WHERE r.household_id IN (${householdIds.map(() => '?').join(', ')}) AND r.deleted_at IS NULL
        AND e.status = 'observing' AND e.kind IN (${KEPT_HOME_KINDS.map(() => '?').join(', ')})
      GROUP BY r.household_id, e.kind ORDER BY r.household_id, e.kind`,
    [...householdIds, ...KEPT_HOME_KINDS]
  )
}
