import type { ExportFilter } from '../../../shared/schemas/excel'
import type { CheckOutcome } from '../../../shared/schemas/monitoring'
import type { Session } from '../context'
import type { Db } from '../kit/db'
import { scopeSql } from '../kit/scope'
import type { PersonRecord } from '../residents/person-values'
import type { SqlValue } from '../store/store'
import type { EpisodeRecord } from './monitoring.repo'

/** An episode as the monitoring pages hold it, with the person and the latest check beside it. */
export interface ObservationRow
  extends
    PersonRecord,
    Pick<EpisodeRecord, 'id' | 'worker' | 'kind' | 'startDate' | 'days' | 'endDate' | 'status' | 'statusDate' | 'statusReason' | 'abnormal'> {
  checkDay: string | null
  morning: number | null
  evening: number | null
  symptoms: string | null
  outcome: CheckOutcome | null
  checkNote: string | null
}

/** Where the previous page of the 居家观察台账 ended: keyset paging, no OFFSET re-reading earlier rows. */
export interface ObservationCursor {
  startDate: string
  id: number
}

/**
 * One row per observation episode with its latest check (the one last_check_day points to,
 * so one unique-index probe, not a search over the checks); open episodes only unless closed
 * ones are asked for; the episode's grid decides scope, as on the 健康监测 worklists.
 */
export function observationRows(db: Db, session: Session, filter: ExportFilter, after: ObservationCursor | null, limit: number): ObservationRow[] {
  const scope = scopeSql('e.grid_id', session.gridScope)
  const parts = [scope.sql]
  const params: SqlValue[] = [...scope.params]
  if (!filter.includeClosed) parts.push(`e.status = 'observing'`)
  if (filter.gridId !== undefined) {
    parts.push('e.grid_id = ?')
    params.push(filter.gridId)
  }
  if (filter.worker) {
    parts.push('e.worker = ?')
    params.push(filter.worker)
  }
  if (after) {
    parts.push('(e.start_date > ? OR (e.start_date = ? AND e.id > ?))')
    params.push(after.startDate, after.startDate, after.id)
  }
  return db.all<ObservationRow>(
    `SELECT e.id, r.name, r.sex, r.birth_date AS birthDate, r.id_number AS idNumber, r.phones, COALESCE(h.address, '') AS address, g.name AS gridName,
        e.worker, e.kind, e.start_date AS startDate, e.days, e.end_date AS endDate, e.status, e.status_date AS statusDate, e.status_reason AS statusReason,
        e.abnormal, c.day AS checkDay, c.morning_tenths AS morning, c.evening_tenths AS evening, c.symptoms, c.outcome, c.note AS checkNote
      FROM observation_episodes e
      JOIN residents r ON r.id = e.resident_id
      LEFT JOIN households h ON h.id = r.household_id
      LEFT JOIN grids g ON g.id = e.grid_id
      LEFT JOIN daily_checks c ON c.episode_id = e.id AND c.day = e.last_check_day
      WHERE ${parts.join(' AND ')}
      ORDER BY e.start_date, e.id LIMIT ?`,
    [...params, limit]
  )
}
