import type { Worklist } from '../../../shared/schemas/monitoring'
import type { Db, SqlPart } from '../register/register.repo'
import type { CheckRecord, EpisodeRecord } from './monitoring.repo'
import { CHECK_COLUMNS, EPISODE_SELECT } from './monitoring.repo'

/**
 * Worklist and count queries. An episode is "open on day D" when D lies in its period and it
 * was not closed on or before D; the period's end is an index range (end_date >= D), so only
 * recent episodes are visited however many years of history the file holds.
 */
export const OPEN_ON = `e.end_date >= ? AND e.start_date <= ? AND (e.status = 'observing' OR e.status_date > ?)`
const openOn = (day: string) => [day, day, day]

export interface WorklistFilter {
  list: Worklist
  day: string
  /** For 'abnormal' on today: the stored flag answers from its small partial index. */
  today: string
  gridId?: number | undefined
  worker?: string | undefined
  scope: SqlPart
}

export interface WorklistRecord extends EpisodeRecord {
  checkId: number | null
}

function listWhere(f: WorklistFilter): SqlPart {
  const parts: string[] = []
  const params: (string | number)[] = []
  switch (f.list) {
    case 'due':
      parts.push(OPEN_ON)
      params.push(...openOn(f.day))
      break
    case 'abnormal':
      if (f.day === f.today) {
        parts.push(`e.status = 'observing' AND e.abnormal = 1`)
      } else {
        parts.push(OPEN_ON, `(SELECT x.abnormal FROM daily_checks x WHERE x.episode_id = e.id AND x.day <= ? AND x.outcome != 'unreachable' ORDER BY x.day DESC LIMIT 1) = 1`)
        params.push(...openOn(f.day), f.day)
      }
      break
    case 'ending':
      // Ending on the day, and any still open past their end (not released in time).
      parts.push(`(e.end_date = ? OR (e.status = 'observing' AND e.end_date < ?))`)
      params.push(f.day, f.day)
      break
    case 'missed':
      // Not reached on the day: no check, or only 'unreachable' (one check per episode and day).
      // The day's reached set is one range of daily_checks_reached, not a probe per episode.
      parts.push(OPEN_ON, `e.status = 'observing'`, `e.id NOT IN (SELECT x.episode_id FROM daily_checks x WHERE x.day = ? AND x.outcome != 'unreachable')`)
      params.push(...openOn(f.day), f.day)
      break
  }
  if (f.gridId !== undefined) {
    parts.push('e.grid_id = ?')
    params.push(f.gridId)
  }
  if (f.worker !== undefined && f.worker !== '') {
    parts.push('e.worker = ?')
    params.push(f.worker)
  }
  parts.push(f.scope.sql)
  params.push(...(f.scope.params as (string | number)[]))
  return { sql: parts.join(' AND '), params }
}

/** 'missed' looks at the check of the day (the caller passes yesterday); the others at the day itself. */
function checkJoin(f: WorklistFilter): SqlPart {
  return { sql: 'LEFT JOIN daily_checks c ON c.episode_id = e.id AND c.day = ?', params: [f.day] }
}

/**
 * Only "not checked yet" filters on the day's check; every other list is decided by the episode
 * (and 'missed' by its NOT IN), so the id and count queries then join no check at all.
 */
function uncheckedJoin(f: WorklistFilter, uncheckedOnly: boolean): { join: SqlPart; condition: string } {
  if (!uncheckedOnly || f.list === 'missed') return { join: { sql: '', params: [] }, condition: '' }
  return { join: checkJoin(f), condition: 'AND c.id IS NULL' }
}

/**
 * Ids first: the sort over every open episode carries two narrow columns, not the whole row;
 * only the page's rows are then read in full (address, grid name, check).
 */
export function worklistPage(db: Db, f: WorklistFilter, uncheckedOnly: boolean, limit: number, offset: number): WorklistRecord[] {
  const where = listWhere(f)
  const unchecked = uncheckedJoin(f, uncheckedOnly)
  const ids = db.all<{ id: number }>(
    `SELECT e.id FROM observation_episodes e ${unchecked.join.sql} JOIN residents r ON r.id = e.resident_id
      WHERE ${where.sql} ${unchecked.condition}
      ORDER BY e.grid_id, e.worker, r.sort_key, r.id LIMIT ? OFFSET ?`,
    [...unchecked.join.params, ...where.params, limit, offset]
  ).map((row) => row.id)
  const join = checkJoin(f)
  if (ids.length === 0) return []
  const base = EPISODE_SELECT.replace('SELECT ', 'SELECT c.id AS checkId, ').replace('FROM observation_episodes e', `FROM observation_episodes e ${join.sql}`)
  const rows = db.all<WorklistRecord>(`${base} WHERE e.id IN (SELECT value FROM json_each(?))`, [...join.params, JSON.stringify(ids)])
  const byId = new Map(rows.map((row) => [row.id, row]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

export function worklistCount(db: Db, f: WorklistFilter, uncheckedOnly: boolean): number {
  const where = listWhere(f)
  const unchecked = uncheckedJoin(f, uncheckedOnly)
  const needsPerson = f.scope.sql.includes('r.')
  return Number(
    db.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM observation_episodes e ${unchecked.join.sql} ${needsPerson ? 'JOIN residents r ON r.id = e.resident_id' : ''}
        WHERE ${where.sql} ${unchecked.condition}`,
      [...unchecked.join.params, ...where.params]
    )?.n ?? 0
  )
}

export function checksByIds(db: Db, ids: number[]): CheckRecord[] {
  if (ids.length === 0) return []
  return db.all<CheckRecord>(`SELECT ${CHECK_COLUMNS} FROM daily_checks c WHERE c.id IN (${ids.map(() => '?').join(', ')})`, ids)
}

/** Open episodes by type, for the home page. */
export function observingByKind(db: Db, scope: SqlPart): { kind: string; n: number }[] {
  return db.all(`SELECT e.kind, COUNT(*) AS n FROM observation_episodes e WHERE e.status = 'observing' AND ${scope.sql} GROUP BY e.kind`, scope.params)
}

export function countWhere(db: Db, where: string, params: (string | number)[], scope: SqlPart): number {
  return Number(
    db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM observation_episodes e WHERE ${where} AND ${scope.sql}`, [...params, ...(scope.params as (string | number)[])])?.n ?? 0
  )
}

export function abnormalChecksOn(db: Db, day: string, scope: SqlPart): number {
  return Number(
    db.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM daily_checks c JOIN observation_episodes e ON e.id = c.episode_id WHERE c.day = ? AND c.abnormal = 1 AND ${scope.sql}`,
      [day, ...(scope.params as (string | number)[])]
    )?.n ?? 0
  )
}

/** Every open episode on the day, grouped for the printed sheet (worker, then address). */
export function sheetRows(db: Db, day: string, worker: string | undefined, scope: SqlPart): WorklistRecord[] {
  return worklistPage(db, { list: 'due', day, today: day, worker, scope }, false, 100_000, 0)
}

/** For the 居家观察台账: every episode (open only unless asked), in start order. */
export function ledgerRows(db: Db, includeClosed: boolean, scope: SqlPart): EpisodeRecord[] {
  return db.all<EpisodeRecord>(
    `${EPISODE_SELECT} WHERE ${includeClosed ? '1 = 1' : `e.status = 'observing'`} AND ${scope.sql} ORDER BY e.start_date, e.id`,
    scope.params
  )
}
