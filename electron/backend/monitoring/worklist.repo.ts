import { CLOSING_STATUSES, EPISODE_KINDS } from '../../../shared/schemas/monitoring'
import type { EpisodeKind, Worklist } from '../../../shared/schemas/monitoring'
import type { Db, SqlPart } from '../kit/db'
import type { CheckRecord, EpisodeRecord } from './monitoring.repo'
import { CHECK_COLUMNS, EPISODE_SELECT } from './monitoring.repo'

/**
 * Worklist and count queries. An episode is "open on day D" when D lies in its period and it
 * was not closed on or before D. Every list is asked as two arms: episodes still observing, read
 * in list order from observation_status_order (0010), and episodes closed after D, found by
 * their recent status date (few, and none at all for today). A page then merges the two and
 * stops after its rows; no list joins residents or sorts every open episode.
 */
const PERIOD = 'e.end_date >= ? AND e.start_date <= ?'
const period = (day: string) => [day, day]
/** The episode's grid and worker, then the person's address order (sort_key copied by 0010). */
const ORDER_COLUMNS = 'e.id, e.grid_id AS g, e.worker AS w, e.sort_key AS k, e.resident_id AS p'

export interface WorklistFilter {
  list: Worklist
  day: string
  /** For 'abnormal' on today: the stored flag answers from the open episodes alone. */
  today: string
  gridId?: number | undefined
  worker?: string | undefined
  scope: SqlPart
}

export interface WorklistRecord extends EpisodeRecord {
  checkId: number | null
}

/** What the list asks of an observing episode, and of one closed after the day (null: none qualify). */
interface Arms {
  open: SqlPart
  closed: SqlPart | null
}

function listArms(f: WorklistFilter): Arms {
  const d = f.day
  switch (f.list) {
    case 'due':
      return { open: { sql: PERIOD, params: period(d) }, closed: { sql: `e.status_date > ? AND ${PERIOD}`, params: [d, ...period(d)] } }
    case 'abnormal': {
      if (d === f.today) return { open: { sql: 'e.abnormal = 1', params: [] }, closed: null }
      // On a past day: the latest check up to that day that reached the person was abnormal.
      const latest = `(SELECT x.abnormal FROM daily_checks x WHERE x.episode_id = e.id AND x.day <= ? AND x.outcome != 'unreachable' ORDER BY x.day DESC LIMIT 1) = 1`
      return {
        open: { sql: `${PERIOD} AND ${latest}`, params: [...period(d), d] },
        closed: { sql: `e.status_date > ? AND ${PERIOD} AND ${latest}`, params: [d, ...period(d), d] }
      }
    }
    case 'ending':
      // Ending on the day, and any still open past their end (not released in time).
      return { open: { sql: 'e.end_date <= ?', params: [d] }, closed: { sql: 'e.end_date = ?', params: [d] } }
    case 'missed':
      // Not reached on the day (no check, or only 'unreachable'): the day's reached set is one
      // range of daily_checks_reached (0009), read once. Only observing episodes are chased.
      return {
        open: {
          sql: `${PERIOD} AND e.id NOT IN (SELECT x.episode_id FROM daily_checks x WHERE x.day = ? AND x.outcome != 'unreachable')`,
          params: [...period(d), d]
        },
        closed: null
      }
  }
}

/** Grid, worker, the caller's scope, and "no check yet on the day" when asked. */
function commonWhere(f: WorklistFilter, uncheckedOnly: boolean): SqlPart {
  const parts: string[] = []
  const params: (string | number)[] = []
  if (f.gridId !== undefined) {
    parts.push('e.grid_id = ?')
    params.push(f.gridId)
  }
  if (f.worker !== undefined && f.worker !== '') {
    parts.push('e.worker = ?')
    params.push(f.worker)
  }
  // 'missed' is already about the day's check (the caller passes yesterday). last_check_day is the
  // episode's latest check (refreshFlag keeps it): from that day on the row answers by itself, and
  // only an episode checked after the day (a past day's list) needs the day's checked set.
  if (uncheckedOnly && f.list !== 'missed') {
    parts.push(
      '(e.last_check_day IS NULL OR e.last_check_day < ? OR (e.last_check_day > ? AND e.id NOT IN (SELECT x.episode_id FROM daily_checks x WHERE x.day = ?)))'
    )
    params.push(f.day, f.day, f.day)
  }
  parts.push(f.scope.sql)
  params.push(...(f.scope.params as (string | number)[]))
  return { sql: parts.join(' AND '), params }
}

/** Each arm as a WHERE over observation_episodes e (joined to residents only for a person scope). */
function armsOf(f: WorklistFilter, uncheckedOnly: boolean): { from: string; wheres: SqlPart[] } {
  const arms = listArms(f)
  const common = commonWhere(f, uncheckedOnly)
  const wheres: SqlPart[] = [{ sql: `e.status = 'observing' AND ${arms.open.sql} AND ${common.sql}`, params: [...arms.open.params, ...common.params] }]
  if (arms.closed) {
    wheres.push({
      sql: `e.status IN (${CLOSING_STATUSES.map(() => '?').join(', ')}) AND ${arms.closed.sql} AND ${common.sql}`,
      params: [...CLOSING_STATUSES, ...arms.closed.params, ...common.params]
    })
  }
  const from = `FROM observation_episodes e${f.scope.sql.includes('r.') ? ' JOIN residents r ON r.id = e.resident_id' : ''}`
  return { from, wheres }
}

/**
 * Ids first, in list order straight from the index; only the page's rows are then read in
 * full (address, grid name, the day's check).
 */
export function worklistPage(db: Db, f: WorklistFilter, uncheckedOnly: boolean, limit: number, offset: number): WorklistRecord[] {
  const { from, wheres } = armsOf(f, uncheckedOnly)
  const ids = db
    .all<{ id: number }>(
      `${wheres.map((w) => `SELECT ${ORDER_COLUMNS} ${from} WHERE ${w.sql}`).join(' UNION ALL ')} ORDER BY g, w, k, p, id LIMIT ? OFFSET ?`,
      [...wheres.flatMap((w) => w.params), limit, offset]
    )
    .map((row) => row.id)
  if (ids.length === 0) return []
  // 'missed' shows the check of the day it is about (the caller passes yesterday); the others the day's.
  const base = EPISODE_SELECT.replace('SELECT ', 'SELECT c.id AS checkId, ').replace(
    'FROM observation_episodes e',
    'FROM observation_episodes e LEFT JOIN daily_checks c ON c.episode_id = e.id AND c.day = ?'
  )
  const rows = db.all<WorklistRecord>(`${base} WHERE e.id IN (SELECT value FROM json_each(?))`, [f.day, JSON.stringify(ids)])
  const byId = new Map(rows.map((row) => [row.id, row]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

export function worklistCount(db: Db, f: WorklistFilter, uncheckedOnly: boolean): number {
  const { from, wheres } = armsOf(f, uncheckedOnly)
  return Number(
    db.get<{ n: number }>(
      `SELECT ${wheres.map((w) => `(SELECT COUNT(*) ${from} WHERE ${w.sql})`).join(' + ')} AS n`,
      wheres.flatMap((w) => w.params)
    )?.n ?? 0
  )
}

export function checksByIds(db: Db, ids: number[]): CheckRecord[] {
  if (ids.length === 0) return []
  return db.all<CheckRecord>(`SELECT ${CHECK_COLUMNS} FROM daily_checks c WHERE c.id IN (${ids.map(() => '?').join(', ')})`, ids)
}

/**
 * Open episodes by type, for the home page: one pass over the covering index with a filtered
 * count per type (a GROUP BY sorted every open episode first, half the cost).
 */
export function observingByKind(db: Db, scope: SqlPart): { kind: EpisodeKind; n: number }[] {
  const counts = EPISODE_KINDS.map((_, i) => `COUNT(*) FILTER (WHERE e.kind = ?) AS k${i}`).join(', ')
  const row = db.get<Record<string, number>>(`SELECT ${counts} FROM observation_episodes e WHERE e.status = 'observing' AND ${scope.sql}`, [
    ...EPISODE_KINDS,
    ...(scope.params as (string | number)[])
  ])
  return EPISODE_KINDS.map((kind, i) => ({ kind, n: Number(row?.[`k${i}`] ?? 0) }))
}

export function countWhere(db: Db, where: string, params: (string | number)[], scope: SqlPart): number {
  return Number(
    db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM observation_episodes e WHERE ${where} AND ${scope.sql}`, [
      ...params,
      ...(scope.params as (string | number)[])
    ])?.n ?? 0
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
