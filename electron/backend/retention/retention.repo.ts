import type { PurgeKind, RetentionCutoffs } from '../../../shared/domain/retention'
import type { SqlPart } from '../kit/db'
import type { Db } from '../kit/db'
import type { Row, SqlValue, Tx } from '../store/store'

/**
 * What a purge removes, as SQL: one set of conditions serves the preview (counts) and the purge
 * (deletes), so what the preview shows is what goes. `everything` is 防控结束: all of it, any age.
 */
export interface PurgeScope {
  cutoffs: RetentionCutoffs
  everything: boolean
}

const all = (scope: PurgeScope): SqlValue => (scope.everything ? 1 : 0)

/** Episodes that go: ended (解除, 转院, 失联) before the cutoff. One still running never goes by age. */
function goingEpisodes(scope: PurgeScope): SqlPart {
  return {
    sql: `SELECT e.id FROM observation_episodes e
          WHERE ? = 1 OR (e.status <> 'observing' AND COALESCE(e.status_date, e.end_date) < ?)`,
    params: [all(scope), scope.cutoffs.episodes]
  }
}

/** Trips that go: returned before the cutoff, and no observation of the trip stays. */
function goingTrips(scope: PurgeScope): SqlPart {
  const episodes = goingEpisodes(scope)
  return {
    sql: `SELECT t.id FROM returnee_trips t
          WHERE ? = 1 OR (t.return_date < ? AND NOT EXISTS (
            SELECT 1 FROM observation_episodes k WHERE k.trip_id = t.id AND k.id NOT IN (${episodes.sql})))`,
    params: [all(scope), scope.cutoffs.trips, ...episodes.params]
  }
}

/**
 * Gate entries that go: a fever linked to an observation goes with it (and never before); any
 * other entry by its day, with the period of its kind (fever, resident, visitor/vehicle/delivery).
 */
function goingEntries(scope: PurgeScope): SqlPart {
  const episodes = goingEpisodes(scope)
  return {
    sql: `SELECT g.id FROM gate_entries g
          WHERE ? = 1 OR g.episode_id IN (${episodes.sql})
             OR (g.episode_id IS NULL AND (CASE WHEN g.abnormal = 1 THEN g.day < ?
                                                WHEN g.who = 'resident' THEN g.day < ?
                                                ELSE g.day < ? END))`,
    params: [all(scope), ...episodes.params, scope.cutoffs.gateFevers, scope.cutoffs.residentEntries, scope.cutoffs.visitorEntries]
  }
}

/** Per kind: the rows counted, and the day each row's purpose ended (for oldest / newest). */
function kindQueries(scope: PurgeScope): Record<PurgeKind, SqlPart> {
  const entries = goingEntries(scope)
  const episodes = goingEpisodes(scope)
  const trips = goingTrips(scope)
  const entryKind = (condition: string): SqlPart => ({
    sql: `SELECT COUNT(*) AS n, MIN(day) AS oldest, MAX(day) AS newest FROM gate_entries WHERE ${condition} AND id IN (${entries.sql})`,
    params: entries.params
  })
  const episodeDay = 'COALESCE(e.status_date, e.end_date)'
  return {
    visitorEntries: entryKind("abnormal = 0 AND who <> 'resident'"),
    residentEntries: entryKind("abnormal = 0 AND who = 'resident'"),
    gateFevers: entryKind('abnormal = 1'),
    gateCorrections: {
      sql: `SELECT COUNT(*) AS n, MIN(g.day) AS oldest, MAX(g.day) AS newest
            FROM gate_corrections c JOIN gate_entries g ON g.id = c.entry_id WHERE c.entry_id IN (${entries.sql})`,
      params: entries.params
    },
    episodes: {
      sql: `SELECT COUNT(*) AS n, MIN(${episodeDay}) AS oldest, MAX(${episodeDay}) AS newest
            FROM observation_episodes e WHERE e.id IN (${episodes.sql})`,
      params: episodes.params
    },
    checks: {
      sql: `SELECT COUNT(*) AS n, MIN(day) AS oldest, MAX(day) AS newest FROM daily_checks WHERE episode_id IN (${episodes.sql})`,
      params: episodes.params
    },
    episodeEvents: {
      sql: `SELECT COUNT(*) AS n, MIN(${episodeDay}) AS oldest, MAX(${episodeDay}) AS newest
            FROM observation_events v JOIN observation_episodes e ON e.id = v.episode_id WHERE v.episode_id IN (${episodes.sql})`,
      params: episodes.params
    },
    trips: {
      sql: `SELECT COUNT(*) AS n, MIN(return_date) AS oldest, MAX(return_date) AS newest FROM returnee_trips WHERE id IN (${trips.sql})`,
      params: trips.params
    },
    companions: {
      sql: `SELECT COUNT(*) AS n, MIN(t.return_date) AS oldest, MAX(t.return_date) AS newest
            FROM returnee_companions c JOIN returnee_trips t ON t.id = c.trip_id WHERE c.trip_id IN (${trips.sql})`,
      params: trips.params
    }
  }
}

export interface KindCount {
  n: number
  oldest: string | null
  newest: string | null
}

export function countGoing(db: Db, scope: PurgeScope): Record<PurgeKind, KindCount> {
  const queries = kindQueries(scope)
  const out = {} as Record<PurgeKind, KindCount>
  for (const [kind, query] of Object.entries(queries) as [PurgeKind, SqlPart][]) {
    const row = db.get<KindCount & Row>(query.sql, query.params)
    out[kind] = { n: Number(row?.n ?? 0), oldest: row?.oldest ?? null, newest: row?.newest ?? null }
  }
  return out
}

export const REDACTED_SUMMARY = '（此条记录涉及的防疫个人信息已按数据保留规则清理）'

/**
 * The audit rows about the records that go (their record reference, or a batch's ids) keep who,
 * when and what action, but lose the summary and detail, which name the person; returns the ids blanked.
 */
export function redactAudit(tx: Tx, scope: PurgeScope, at: string): number[] {
  const entries = goingEntries(scope)
  const episodes = goingEpisodes(scope)
  const trips = goingTrips(scope)
  const about = `SELECT 'gate_entry:' || id FROM (${entries.sql})
                 UNION ALL SELECT 'observation:' || id FROM (${episodes.sql})
                 UNION ALL SELECT 'returnee_trip:' || id FROM (${trips.sql})`
  const params = [...entries.params, ...episodes.params, ...trips.params]
  // Batch rows (批量解除观察, 批量开始观察) name everyone of the batch and carry their ids in the
  // detail instead of one record reference: blanked when any record of the batch goes.
  const where = `redacted_at IS NULL AND (record IN (${about})
    OR (method = 'monitoring.releaseMany' AND EXISTS (SELECT 1 FROM json_each(detail, '$.episodeIds') j WHERE 'observation:' || j.value IN (${about})))
    OR (method = 'returnees.startObservation' AND EXISTS (SELECT 1 FROM json_each(detail, '$.tripIds') j WHERE 'returnee_trip:' || j.value IN (${about}))))`
  const whereParams = [...params, ...params, ...params]
  const ids = tx.all<{ id: number } & Row>(`SELECT id FROM audit_log WHERE ${where} ORDER BY id`, whereParams).map((row) => Number(row.id))
  tx.run(`UPDATE audit_log SET summary = ?, detail = NULL, redacted_at = ? WHERE ${where}`, [REDACTED_SUMMARY, at, ...whereParams])
  return ids
}

/**
 * Deletes what goes, children before parents (foreign keys stay whole): corrections, entries,
 * checks and change history, companions, episodes, then trips. The trip set is the same after
 * the episodes go: a trip goes only when none of its episodes stays.
 */
export function deleteGoing(tx: Tx, scope: PurgeScope): Record<PurgeKind, number> {
  const entries = goingEntries(scope)
  const episodes = goingEpisodes(scope)
  const trips = goingTrips(scope)
  const del = (sql: string, params: SqlValue[]) => tx.run(sql, params).changes
  const entryKind = (condition: string) => del(`DELETE FROM gate_entries WHERE ${condition} AND id IN (${entries.sql})`, entries.params)
  const gateCorrections = del(`DELETE FROM gate_corrections WHERE entry_id IN (${entries.sql})`, entries.params)
  const visitorEntries = entryKind("abnormal = 0 AND who <> 'resident'")
  const residentEntries = entryKind("abnormal = 0 AND who = 'resident'")
  const gateFevers = entryKind('abnormal = 1')
  const checks = del(`DELETE FROM daily_checks WHERE episode_id IN (${episodes.sql})`, episodes.params)
  const episodeEvents = del(`DELETE FROM observation_events WHERE episode_id IN (${episodes.sql})`, episodes.params)
  const companions = del(`DELETE FROM returnee_companions WHERE trip_id IN (${trips.sql})`, trips.params)
  const tripIds = tx.all<{ id: number } & Row>(trips.sql, trips.params).map((row) => Number(row.id))
  const episodeCount = del(`DELETE FROM observation_episodes WHERE id IN (${episodes.sql})`, episodes.params)
  const tripCount = tripIds.length === 0 ? 0 : del(`DELETE FROM returnee_trips WHERE id IN (SELECT value FROM json_each(?))`, [JSON.stringify(tripIds)])
  return {
    visitorEntries,
    residentEntries,
    gateFevers,
    gateCorrections,
    episodes: episodeCount,
    checks,
    episodeEvents,
    trips: tripCount,
    companions
  }
}

export function readSetting(db: Db, key: string): unknown {
  const row = db.get<{ value: string } & Row>('SELECT value FROM settings WHERE key = ?', [key])
  return row ? (JSON.parse(row.value) as unknown) : undefined
}

export function writeSetting(tx: Tx, key: string, value: unknown, at: string, by: string): void {
  tx.run(
    `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    [key, JSON.stringify(value), at, by]
  )
}

export interface PurgeAuditRow {
  id: number
  at: string
  actor: string
  method: string
  detail: string | null
}

const PURGE_METHODS = "('retention.purge', 'retention.end')"

export function recentPurges(db: Db, limit: number): PurgeAuditRow[] {
  return db.all<PurgeAuditRow & Row>(`SELECT id, at, actor, method, detail FROM audit_log WHERE method IN ${PURGE_METHODS} ORDER BY id DESC LIMIT ?`, [limit])
}

export function purgeById(db: Db, id: number): PurgeAuditRow | undefined {
  return db.get<PurgeAuditRow & Row>(`SELECT id, at, actor, method, detail FROM audit_log WHERE id = ? AND method IN ${PURGE_METHODS}`, [id])
}
