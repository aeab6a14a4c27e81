import type { EpisodeKind } from '../../../shared/domain/observation'
import { EPISODE_KINDS } from '../../../shared/domain/observation'
import type { Db } from '../kit/db'
import { LIVE_TRIP } from '../monitoring/trip-counts.repo'
import { EXPIRED_BATCH } from '../supplies/stock.repo'

/*
 * The figures of a day's report, read from the records by their own dates (return date,
 * registration date, episode start and status dates, check day, gate day, ledger day). People
 * are counted as people: COUNT(DISTINCT resident_id), a visitor at a gate by name and phone.
 * Each rule other domains own is one fragment below, so it changes in one place.
 */

/** Trips that count: the trips domain's one rule (a 作废 trip is left out). */
const TRIP_COUNTS = LIVE_TRIP
/**
 * Gate entries that count: every one. A 更正 rewrites the entry in place (its values are the
 * corrected ones, the original kept in gate_corrections), so the report reads what stands. The
 * per-day counts of migration 0031 count every entry too: a change here changes them as well.
 */
const ENTRY_COUNTS = '1 = 1'
/** A person in the recycle bin is no longer on the books. */
const PERSON_LIVE = 'r.deleted_at IS NULL'
/** PERSON_LIVE for a row that carries resident_id: the recycle bin is small, so it is one list read once. */
export const RESIDENT_LIVE = (alias: string) => `${alias}.resident_id NOT IN (SELECT id FROM residents WHERE deleted_at IS NOT NULL)`
/** TRIP_COUNTS for a trip under another alias (a trip's later trips, read beside it). */
const TRIP_COUNTS_AS = (alias: string) => TRIP_COUNTS.replace(/\bt\./g, `${alias}.`)
/** A batch is usable through its expiry date and expired after it. */
// The one expired rule of the supplies domain (a batch is expired the day after its expiry date).
export const EXPIRED = EXPIRED_BATCH
/** One person at a gate: a resident by id, anyone else by name and phone. */
const GATE_PERSON = `CASE WHEN g.resident_id IS NOT NULL THEN 'r' || g.resident_id ELSE 'v' || g.name || '|' || g.phone END`

const num = (v: unknown) => Number(v ?? 0)

export interface ReturneeCounts {
  returnedToday: number
  registeredToday: number
}

/** The day's returns and registrations (each an index range of one day); 累计 is the sum of returneesByProvince. */
export function returneeCounts(db: Db, day: string): ReturneeCounts {
  const count = (column: 'return_date' | 'registered_on') =>
    num(
      db.get<{ n: number }>(
        `SELECT COUNT(DISTINCT t.resident_id) AS n FROM returnee_trips t JOIN residents r ON r.id = t.resident_id
          WHERE t.${column} = ? AND ${TRIP_COUNTS} AND ${PERSON_LIVE}`,
        [day]
      )?.n
    )
  return { returnedToday: count('return_date'), registeredToday: count('registered_on') }
}

/**
 * Each person's latest trip in a range of return dates, before the recycle-bin test: the province
 * they count under and when they came back. One group a person; the bare columns come from the
 * row holding the MAX (SQLite's rule), and the key orders by return date, then id, so a day's
 * second trip wins.
 */
const latestTrips = (range: string) => `SELECT t.resident_id AS resident_id, t.origin_province AS province, t.return_date AS return_date,
         MAX(t.return_date || printf('%012d', t.id)) AS latest_key
    FROM returnee_trips t WHERE ${range} AND ${TRIP_COUNTS} GROUP BY t.resident_id`

/**
 * 累计返程 by province: everyone back by the day under the province of their latest trip, summed
 * from returnee_province_days (migration 0024 keeps it, with the rules above, on every write), so
 * the time does not grow with the years of trips. 今日返回 by province: the people whose latest trip
 * up to the day is the day's own, i.e. who have a trip on the day, under its latest one there.
 */
export function returneesByProvince(db: Db, day: string): { province: string; today: number; total: number }[] {
  return db
    .all<{ province: string; today: number; total: number }>(
      `SELECT c.province AS province, COALESCE(d.today, 0) AS today, c.total AS total
         FROM (SELECT province, SUM(change) AS total FROM returnee_province_days WHERE day <= ? GROUP BY province HAVING total > 0) c
         LEFT JOIN (SELECT l.province AS province, COUNT(*) AS today FROM (${latestTrips('t.return_date = ?')}) l JOIN residents r ON r.id = l.resident_id
                     WHERE ${PERSON_LIVE} GROUP BY l.province) d ON d.province = c.province
        ORDER BY total DESC, province`,
      [day, day]
    )
    .map((r) => ({ province: r.province, today: num(r.today), total: num(r.total) }))
}

/**
 * Returned on or after `since` (up to the day) and no episode covering their return by the day:
 * none started by the day that was still open on the return date or began after it. A person
 * with a trip in the window has their latest trip in it too, so only the window's trips are read:
 * each trip no episode covers, kept when no later live trip of theirs (by return date, then id)
 * came back by the day. Trips first, then the few uncovered ones' later trips: no sort of the window.
 */
export function notObservedCount(db: Db, day: string, since: string): number {
  const row = db.get<{ n: number }>(
    `SELECT COUNT(*) AS n FROM returnee_trips t
      WHERE t.return_date BETWEEN ?2 AND ?1 AND ${TRIP_COUNTS} AND ${RESIDENT_LIVE('t')}
        AND NOT EXISTS (SELECT 1 FROM observation_episodes e WHERE e.resident_id = t.resident_id AND e.start_date <= ?1
              AND (CASE WHEN e.status != 'observing' AND e.status_date <= ?1 THEN e.status_date ELSE e.end_date END) >= t.return_date)
        AND NOT EXISTS (SELECT 1 FROM returnee_trips l WHERE l.resident_id = t.resident_id AND ${TRIP_COUNTS_AS('l')} AND l.return_date <= ?1
              AND (l.return_date > t.return_date OR (l.return_date = t.return_date AND l.id > t.id)))`,
    [day, since]
  )
  return num(row?.n)
}

export interface ObservationCounts {
  observing: number
  newToday: number
  releasedToday: number
  releasedTotal: number
  endedNotReleased: number
  lost: number
  due: number
  checked: number
  /** 在观察 by type: the people with an open episode of the type (a person may count under two). */
  byKind: Map<EpisodeKind, number>
}

/**
 * The earliest start of a closed episode that can still be open at the end of the day (?1): the
 * day less the longest span from start to close of any closed episode (migration 0029's
 * expression index answers it in one seek).
 */
export const EARLIEST_OPEN_START = `SELECT date(?1, printf('-%d days', MAX(julianday(s.status_date) - julianday(s.start_date))))
   FROM observation_episodes s WHERE s.status != 'observing'`
/**
 * The episodes open at the end of the day (parameter ?1): those still observing that had started,
 * and those closed after the day that had started, by then, within the longest span (0029's
 * observation_closed_start index, so a day far back reads a few weeks of starts, not every later
 * closing). Every other episode is closed by the day and counts only in the cumulative figures.
 */
const OPEN_EPISODES = `SELECT e.id, e.resident_id, e.kind, e.end_date FROM observation_episodes e WHERE e.status = 'observing' AND e.start_date <= ?1
   UNION ALL
   SELECT e.id, e.resident_id, e.kind, e.end_date FROM observation_episodes e
    WHERE e.status != 'observing' AND e.start_date BETWEEN (${EARLIEST_OPEN_START}) AND ?1 AND e.status_date > ?1`
export function observationCounts(db: Db, day: string): ObservationCounts {
  const open = db.get<Record<string, number>>(
    // One row a person (one sort, not one per figure), then the people counted; the day's reached
    // checks are one list read once rather than a seek per open episode; by type, a flag a type.
    `SELECT COUNT(*) AS observing, SUM(p.ended) AS ended, SUM(p.due) AS due, SUM(p.checked) AS checked,
            ${EPISODE_KINDS.map((_, i) => `SUM(p.k${i}) AS k${i}`).join(', ')}
       FROM (SELECT MAX(o.end_date <= ?1) AS ended, MAX(o.end_date >= ?1) AS due,
                    MAX(o.end_date >= ?1 AND o.id IN (SELECT c.episode_id FROM daily_checks c WHERE c.day = ?1 AND c.outcome != 'unreachable')) AS checked,
                    ${EPISODE_KINDS.map((_, i) => `MAX(o.kind = ?${i + 2}) AS k${i}`).join(', ')}
               FROM (${OPEN_EPISODES}) o WHERE ${RESIDENT_LIVE('o')} GROUP BY o.resident_id) p`,
    [day, ...EPISODE_KINDS]
  )
  // 累计解除 / 失联: the people whose first release (first loss) fell by the day, from the per-day
  // counts migration 0024 keeps (same rules: any episode of theirs, a person in the recycle bin left out).
  const closings = new Map(
    db
      .all<{ status: string; n: number }>(
        `SELECT status, SUM(people) AS n FROM observation_closing_days WHERE status IN ('released', 'lost') AND day <= ? GROUP BY status`,
        [day]
      )
      .map((r) => [r.status, num(r.n)])
  )
  const flows = observationFlows(db, day)
  return {
    observing: num(open?.observing),
    newToday: flows.newToday,
    releasedToday: flows.releasedToday,
    releasedTotal: closings.get('released') ?? 0,
    endedNotReleased: num(open?.ended),
    lost: closings.get('lost') ?? 0,
    due: num(open?.due),
    checked: num(open?.checked),
    byKind: new Map(EPISODE_KINDS.map((k, i) => [k, num(open?.[`k${i}`])]))
  }
}

/** 今日新增 and 今日解除 of one day. */
export function observationFlows(db: Db, day: string): ObservationFlows {
  return observationFlowsByDay(db, day, day).get(day) ?? { newToday: 0, releasedToday: 0 }
}

export interface ObservationFlows {
  newToday: number
  releasedToday: number
}

/** 今日新增 and 今日解除 of each day from `from` to `to` (days with neither are absent): two index ranges, grouped by day. */
export function observationFlowsByDay(db: Db, from: string, to: string): Map<string, ObservationFlows> {
  const byDay = new Map<string, ObservationFlows>()
  const count = (column: 'start_date' | 'status_date', where: string, field: keyof ObservationFlows) => {
    for (const r of db.all<{ day: string; n: number }>(
      `SELECT e.${column} AS day, COUNT(DISTINCT e.resident_id) AS n FROM observation_episodes e
        WHERE ${where} e.${column} BETWEEN ? AND ? AND ${RESIDENT_LIVE('e')} GROUP BY e.${column}`,
      [from, to]
    )) {
      const flows = byDay.get(r.day) ?? { newToday: 0, releasedToday: 0 }
      flows[field] = num(r.n)
      byDay.set(r.day, flows)
    }
  }
  count('start_date', '', 'newToday')
  count('status_date', "e.status = 'released' AND", 'releasedToday')
  return byDay
}

/** The people behind a day's fevers and hospital transfers, as keys ('r12', 'v张三|138…'): the service unites them. */
export interface AlertPeople {
  checkAbnormal: string[]
  gateAbnormal: string[]
  episodeHospital: string[]
  gateHospital: string[]
}

export function alertPeople(db: Db, day: string): AlertPeople {
  return alertPeopleByDay(db, day, day).get(day) ?? { checkAbnormal: [], gateAbnormal: [], episodeHospital: [], gateHospital: [] }
}

/** alertPeople of each day from `from` to `to` (days with none are absent), each list one index range over the days. */
export function alertPeopleByDay(db: Db, from: string, to: string): Map<string, AlertPeople> {
  const byDay = new Map<string, AlertPeople>()
  const keys = (field: keyof AlertPeople, sql: string) => {
    for (const r of db.all<{ day: string; k: string }>(sql, [from, to])) {
      const people = byDay.get(r.day) ?? { checkAbnormal: [], gateAbnormal: [], episodeHospital: [], gateHospital: [] }
      people[field].push(r.k)
      byDay.set(r.day, people)
    }
  }
  keys(
    'checkAbnormal',
    `SELECT DISTINCT c.day AS day, 'r' || e.resident_id AS k FROM daily_checks c JOIN observation_episodes e ON e.id = c.episode_id JOIN residents r ON r.id = e.resident_id
      WHERE c.abnormal = 1 AND c.day BETWEEN ? AND ? AND ${PERSON_LIVE}`
  )
  keys(
    'gateAbnormal',
    `SELECT DISTINCT g.day AS day, ${GATE_PERSON} AS k FROM gate_entries g WHERE g.abnormal = 1 AND g.day BETWEEN ? AND ? AND ${ENTRY_COUNTS}`
  )
  keys(
    'episodeHospital',
    `SELECT DISTINCT e.status_date AS day, 'r' || e.resident_id AS k FROM observation_episodes e JOIN residents r ON r.id = e.resident_id
      WHERE e.status = 'hospital' AND e.status_date BETWEEN ? AND ? AND ${PERSON_LIVE}`
  )
  keys(
    'gateHospital',
    `SELECT DISTINCT g.day AS day, ${GATE_PERSON} AS k FROM gate_entries g WHERE g.action = 'hospital' AND g.day BETWEEN ? AND ? AND ${ENTRY_COUNTS}`
  )
  return byDay
}

export interface PlaceDay {
  schedule: 'per_day' | 'every_days'
  timesPerDay: number
  intervalDays: number
  active: number
  createdAt: string
  /** Last disinfection before the day, and up to its end (wall clock 'YYYY-MM-DD HH:mm'). */
  lastBefore: string | null
  lastByEnd: string | null
  doneOn: number
}

export function placesOnDay(db: Db, day: string, nextDay: string): PlaceDay[] {
  return db.all(
    `SELECT p.schedule AS schedule, p.times_per_day AS timesPerDay, p.interval_days AS intervalDays, p.active AS active, p.created_at AS createdAt,
            (SELECT MAX(l.done_at) FROM disinfection_logs l WHERE l.place_id = p.id AND l.done_at < ?) AS lastBefore,
            (SELECT MAX(l.done_at) FROM disinfection_logs l WHERE l.place_id = p.id AND l.done_at < ?) AS lastByEnd,
            (SELECT COUNT(*) FROM disinfection_logs l WHERE l.place_id = p.id AND l.done_at >= ? AND l.done_at < ?) AS doneOn
       FROM disinfection_places p`,
    [day, nextDay, day, nextDay]
  )
}

export interface KeySupply {
  id: number
  name: string
  spec: string
  unit: string
  issued: number
  usable: number
}

/** The report's key supplies (防护用品, 消杀用品, 检测设备), and their order in it. */
export const KEY_SUPPLY = `i.category IN ('protective', 'disinfectant', 'testing')`
export const KEY_SUPPLY_ORDER = 'i.category, i.name, i.spec'

/** The key supplies: issued on the day, and stock at its end with expired batches left out. */
export function keySupplies(db: Db, day: string): KeySupply[] {
  return db
    .all<{ id: number; name: string; spec: string; unit: string; issued: number; balance: number; expired: number }>(
      `SELECT i.id AS id, i.name AS name, i.spec AS spec, i.unit AS unit,
              (SELECT -SUM(l.quantity) FROM supply_ledger l WHERE l.item_id = i.id AND l.kind = 'out' AND l.day = ?) AS issued,
              (SELECT SUM(l.quantity) FROM supply_ledger l WHERE l.item_id = i.id AND l.day <= ?) AS balance,
              (SELECT SUM(l.quantity) FROM supply_ledger l JOIN supply_batches b ON b.id = l.batch_id WHERE l.item_id = i.id AND l.day <= ? AND ${EXPIRED}) AS expired
         FROM supply_items i WHERE ${KEY_SUPPLY} ORDER BY ${KEY_SUPPLY_ORDER}`,
      [day, day, day, day]
    )
    .map((r) => ({ id: r.id, name: r.name, spec: r.spec, unit: r.unit, issued: num(r.issued), usable: Math.max(0, num(r.balance) - num(r.expired)) }))
}
