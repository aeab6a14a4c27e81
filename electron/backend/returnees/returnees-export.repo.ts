import type { ExportFilter } from '../../../shared/schemas/excel'
import type { EpisodeKind, EpisodeStatus } from '../../../shared/schemas/monitoring'
import type { Session } from '../context'
import type { Db } from '../kit/db'
import { scopeSql } from '../kit/scope'
import type { PersonRecord } from '../residents/person-values'
import { TRIP_EPISODE_ID, tripWhere } from './returnees.repo'
import type { TripRecord } from './returnees.repo'

/** A trip as the returnee list holds it, with the person and the observation started for that trip beside it. */
export interface TripRow
  extends
    PersonRecord,
    Pick<
      TripRecord,
      'id' | 'province' | 'city' | 'district' | 'via' | 'returnDate' | 'transport' | 'transportNo' | 'reason' | 'notes' | 'registeredOn' | 'registeredBy'
    > {
  kind: EpisodeKind | null
  status: EpisodeStatus | null
  startDate: string | null
  endDate: string | null
  abnormal: number | null
}

/** One row per trip, the observation started for that trip beside it; the returnee list's filters and the caller's grids. */
export function tripRows(db: Db, session: Session, filter: ExportFilter, limit: number, offset: number): TripRow[] {
  const where = tripWhere({
    q: filter.q,
    from: filter.from,
    to: filter.to,
    province: filter.province,
    gridId: filter.gridId,
    scope: scopeSql('r.grid_id', session.gridScope)
  })
  return db.all<TripRow>(
    `SELECT t.id, r.name, r.sex, r.birth_date AS birthDate, r.id_number AS idNumber, r.phones, COALESCE(h.address, '') AS address, g.name AS gridName,
        t.origin_province AS province, t.origin_city AS city, t.origin_district AS district, t.via, t.return_date AS returnDate, t.transport,
        t.transport_no AS transportNo, t.reason, t.notes, t.registered_on AS registeredOn, t.registered_by AS registeredBy,
        e.kind, e.status, e.start_date AS startDate, e.end_date AS endDate, e.abnormal
      FROM returnee_trips t
      JOIN residents r ON r.id = t.resident_id
      LEFT JOIN households h ON h.id = r.household_id
      LEFT JOIN grids g ON g.id = r.grid_id
      LEFT JOIN observation_episodes e ON e.id = ${TRIP_EPISODE_ID}
      WHERE ${where.sql}
      ORDER BY t.return_date, t.id LIMIT ? OFFSET ?`,
    [...where.params, limit, offset]
  )
}
