import type { EpisodeKind } from '../../../shared/domain/observation'
import { addDays } from '../../../shared/domain/dates'
import { isExpired } from '../../../shared/domain/supplies'
import type { Db } from '../kit/db'
import type { KeySupply, PlaceDay } from './report.repo'
import { EARLIEST_OPEN_START, KEY_SUPPLY, KEY_SUPPLY_ORDER, RESIDENT_LIVE } from './report.repo'

/*
 * The end-of-day levels the trend draws (在观察 by type, 消杀, key stock), for every day of a
 * range from one grouped read each instead of one read a day. Each gives, day by day, exactly
 * what report.repo gives for that day alone (the reconciliation property test holds every
 * point of the trend to that day's report).
 */

const num = (v: unknown) => Number(v ?? 0)

/** The days from `from` to `to`, both included. */
function daysOf(from: string, to: string): string[] {
  const days: string[] = []
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d)
  return days
}

/**
 * 在观察 by type at the end of each day of the range. The episodes open at some day's end in it
 * (as report.repo's OPEN_EPISODES, with ?1 the range's first day and ?2 its last) become the days
 * of the range they are open at the end of: from their start, until the day before their status
 * date (closed that day). Counted in SQL by (type, first, last) for the people with one such
 * episode of the type, the usual case; a person with several comes back apart, their days united.
 */
export function observingByKindByDay(db: Db, from: string, to: string): Map<string, Map<EpisodeKind, number>> {
  const rows = db.all<{ kind: EpisodeKind; first: string; last: string; n: number; resident: number | null }>(
    `WITH o AS MATERIALIZED (
       SELECT resident, kind, first, last FROM (
         SELECT e.resident_id AS resident, e.kind AS kind, MAX(e.start_date, ?1) AS first, ?2 AS last FROM observation_episodes e
          WHERE e.status = 'observing' AND e.start_date <= ?2 AND ${RESIDENT_LIVE('e')}
         UNION ALL
         SELECT e.resident_id, e.kind, MAX(e.start_date, ?1), MIN(date(e.status_date, '-1 day'), ?2) FROM observation_episodes e
          WHERE e.status != 'observing' AND e.start_date BETWEEN (${EARLIEST_OPEN_START}) AND ?2 AND e.status_date > ?1 AND ${RESIDENT_LIVE('e')})
        WHERE first <= last),
     several AS MATERIALIZED (SELECT resident, kind FROM o GROUP BY resident, kind HAVING COUNT(*) > 1)
     SELECT kind, first, last, COUNT(*) AS n, NULL AS resident FROM o WHERE (resident, kind) NOT IN several GROUP BY kind, first, last
     UNION ALL
     SELECT kind, first, last, 1, resident FROM o WHERE (resident, kind) IN several`,
    [from, to]
  )
  const days = daysOf(from, to)
  const index = new Map(days.map((d, i) => [d, i]))
  const counts = new Map<EpisodeKind, number[]>()
  const add = (kind: EpisodeKind, first: number, last: number, n: number) => {
    const perDay = counts.get(kind) ?? days.map(() => 0)
    counts.set(kind, perDay)
    for (let i = first; i <= last; i++) perDay[i] = (perDay[i] ?? 0) + n
  }
  // A person with several episodes of a type: each day they are open counted once.
  const united = new Map<string, { kind: EpisodeKind; days: Set<number> }>()
  for (const r of rows) {
    const first = index.get(r.first) ?? 0
    const last = index.get(r.last) ?? -1
    if (r.resident === null) {
      add(r.kind, first, last, num(r.n))
      continue
    }
    const key = `${r.resident}|${r.kind}`
    const person = united.get(key) ?? { kind: r.kind, days: new Set<number>() }
    for (let i = first; i <= last; i++) person.days.add(i)
    united.set(key, person)
  }
  for (const p of united.values()) for (const i of p.days) add(p.kind, i, i, 1)
  return new Map(days.map((d, i) => [d, new Map([...counts].map(([kind, perDay]) => [kind, perDay[i] ?? 0]))]))
}

/**
 * Each key supply's issues on each day of the range and usable stock at its end: the ledger up to
 * the range's last day, grouped by item, day (earlier days folded into the first) and batch expiry,
 * then summed day by day with the supplies domain's expired rule (isExpired, twin of EXPIRED_BATCH).
 */
export function keySuppliesByDay(db: Db, from: string, to: string): Map<string, KeySupply[]> {
  const items = db.all<{ id: number; name: string; spec: string; unit: string }>(
    `SELECT i.id AS id, i.name AS name, i.spec AS spec, i.unit AS unit FROM supply_items i WHERE ${KEY_SUPPLY} ORDER BY ${KEY_SUPPLY_ORDER}`
  )
  const lines = db.all<{ item: number; day: string; expiry: string | null; quantity: number; issued: number }>(
    `SELECT l.item_id AS item, CASE WHEN l.day < ?1 THEN ?1 ELSE l.day END AS day, b.expiry_date AS expiry,
            SUM(l.quantity) AS quantity, SUM(CASE WHEN l.kind = 'out' AND l.day >= ?1 THEN -l.quantity ELSE 0 END) AS issued
       FROM supply_ledger l LEFT JOIN supply_batches b ON b.id = l.batch_id
      WHERE l.item_id IN (SELECT i.id FROM supply_items i WHERE ${KEY_SUPPLY}) AND l.day <= ?2
      GROUP BY l.item_id, 2, b.expiry_date`,
    [from, to]
  )
  const byItem = new Map<number, typeof lines>()
  for (const l of lines) {
    const list = byItem.get(l.item) ?? []
    list.push(l)
    byItem.set(l.item, list)
  }
  return new Map(
    daysOf(from, to).map((day) => [
      day,
      items.map((i) => {
        let issued = 0
        let balance = 0
        let expired = 0
        for (const l of byItem.get(i.id) ?? []) {
          if (l.day > day) continue
          if (l.day === day) issued += num(l.issued)
          balance += num(l.quantity)
          if (l.expiry !== null && isExpired(l.expiry, day)) expired += num(l.quantity)
        }
        return { ...i, issued, usable: Math.max(0, balance - expired) }
      })
    ])
  )
}

/**
 * The disinfection places on each day of the range, as report.repo's placesOnDay gives them: the
 * places once with their last log before the range, the range's logs once, then each day's last
 * log before it, by its end, and its count (times are wall clock 'YYYY-MM-DD HH:mm', compared as text).
 */
export function placesByDay(db: Db, from: string, to: string): Map<string, PlaceDay[]> {
  const places = db.all<Omit<PlaceDay, 'lastBefore' | 'lastByEnd' | 'doneOn'> & { id: number; lastBeforeRange: string | null }>(
    `SELECT p.id AS id, p.schedule AS schedule, p.times_per_day AS timesPerDay, p.interval_days AS intervalDays, p.active AS active, p.created_at AS createdAt,
            (SELECT MAX(l.done_at) FROM disinfection_logs l WHERE l.place_id = p.id AND l.done_at < ?) AS lastBeforeRange
       FROM disinfection_places p`,
    [from]
  )
  const logs = db.all<{ place: number; doneAt: string }>(
    `SELECT l.place_id AS place, l.done_at AS doneAt FROM disinfection_logs l WHERE l.done_at >= ? AND l.done_at < ? ORDER BY l.place_id, l.done_at`,
    [from, addDays(to, 1)]
  )
  const byPlace = new Map<number, string[]>()
  for (const l of logs) {
    const times = byPlace.get(l.place) ?? []
    times.push(l.doneAt)
    byPlace.set(l.place, times)
  }
  return new Map(
    daysOf(from, to).map((day) => {
      const next = addDays(day, 1)
      return [
        day,
        places.map(({ id, lastBeforeRange, ...p }) => {
          const times = byPlace.get(id) ?? []
          const before = times.filter((t) => t < day)
          const byEnd = times.filter((t) => t < next)
          return {
            ...p,
            lastBefore: before.at(-1) ?? lastBeforeRange,
            lastByEnd: byEnd.at(-1) ?? lastBeforeRange,
            doneOn: byEnd.length - before.length
          }
        })
      ]
    })
  )
}
