import { addDays } from '../../../shared/domain/dates'
import type { TestBackend } from '../support/backend'

/*
 * The daily report recomputed from the raw rows, in plain TypeScript, written apart from the
 * report's SQL: what the property test compares every figure with.
 */

interface Trip {
  id: number
  resident: number
  returnDate: string
  registeredOn: string
  province: string
  live: boolean
}
interface Episode {
  id: number
  resident: number
  kind: string
  start: string
  end: string
  status: string
  statusDate: string | null
}
interface Check {
  episode: number
  day: string
  abnormal: number
  outcome: string
}
interface Entry {
  day: string
  who: string
  direction: string
  resident: number | null
  name: string
  phone: string
  abnormal: number
  action: string
}

export interface RawRecords {
  trips: Trip[]
  episodes: Episode[]
  checks: Check[]
  entries: Entry[]
}

export function readRaw(b: TestBackend): RawRecords {
  const rows = <T>(sql: string) => b.store.all<T>(sql)
  return {
    trips: rows<Record<string, unknown>>('SELECT * FROM returnee_trips').map((t) => ({
      id: Number(t.id),
      resident: Number(t.resident_id),
      returnDate: String(t.return_date),
      registeredOn: String(t.registered_on),
      province: String(t.origin_province),
      live: t.status !== 'voided'
    })),
    episodes: rows<Record<string, unknown>>('SELECT * FROM observation_episodes').map((e) => ({
      id: Number(e.id),
      resident: Number(e.resident_id),
      kind: String(e.kind),
      start: String(e.start_date),
      end: String(e.end_date),
      status: String(e.status),
      statusDate: e.status_date === null ? null : String(e.status_date)
    })),
    checks: rows<Record<string, unknown>>('SELECT * FROM daily_checks').map((c) => ({
      episode: Number(c.episode_id),
      day: String(c.day),
      abnormal: Number(c.abnormal),
      outcome: String(c.outcome)
    })),
    entries: rows<Record<string, unknown>>('SELECT * FROM gate_entries').map((g) => ({
      day: String(g.day),
      who: String(g.who),
      direction: String(g.direction),
      resident: g.resident_id === null ? null : Number(g.resident_id),
      name: String(g.name),
      phone: String(g.phone),
      abnormal: Number(g.abnormal),
      action: String(g.action)
    }))
  }
}

const people = <T>(list: T[], who: (x: T) => number | string) => new Set(list.map(who)).size
const personAtGate = (g: Entry) => (g.resident !== null ? `r${g.resident}` : `v${g.name}|${g.phone}`)

/** Every figure of the day as the counting rules say, keyed as the report keys them. */
export function expectedFigures(raw: RawRecords, day: string, notObservedDays: number): Map<string, number> {
  const out = new Map<string, number>()
  const trips = raw.trips.filter((t) => t.live)
  out.set(
    'returnees.returnedToday',
    people(
      trips.filter((t) => t.returnDate === day),
      (t) => t.resident
    )
  )
  out.set(
    'returnees.registeredToday',
    people(
      trips.filter((t) => t.registeredOn === day),
      (t) => t.resident
    )
  )
  out.set(
    'returnees.total',
    people(
      trips.filter((t) => t.returnDate <= day),
      (t) => t.resident
    )
  )

  const latest = new Map<number, Trip>()
  for (const t of trips) {
    if (t.returnDate > day) continue
    const before = latest.get(t.resident)
    if (!before || t.returnDate > before.returnDate || (t.returnDate === before.returnDate && t.id > before.id)) latest.set(t.resident, t)
  }
  const byProvince = new Map<string, { today: number; total: number }>()
  for (const t of latest.values()) {
    const p = byProvince.get(t.province) ?? { today: 0, total: 0 }
    p.total++
    if (t.returnDate === day) p.today++
    byProvince.set(t.province, p)
  }
  for (const [province, p] of byProvince) {
    out.set(`returnees.province.${province}.today`, p.today)
    out.set(`returnees.province.${province}.total`, p.total)
  }
  const since = addDays(day, -(notObservedDays - 1))
  const effectiveEnd = (e: Episode) => (e.status !== 'observing' && e.statusDate !== null && e.statusDate <= day ? e.statusDate : e.end)
  out.set(
    'returnees.notObserved',
    [...latest.values()].filter(
      (t) => t.returnDate >= since && !raw.episodes.some((e) => e.resident === t.resident && e.start <= day && effectiveEnd(e) >= t.returnDate)
    ).length
  )

  const open = raw.episodes.filter((e) => e.start <= day && (e.status === 'observing' || (e.statusDate ?? '') > day))
  out.set(
    'observation.observing',
    people(open, (e) => e.resident)
  )
  for (const kind of ['home_observation', 'home_isolation', 'central_isolation', 'health_monitoring']) {
    out.set(
      `observation.kind.${kind}`,
      people(
        open.filter((e) => e.kind === kind),
        (e) => e.resident
      )
    )
  }
  out.set(
    'observation.newToday',
    people(
      raw.episodes.filter((e) => e.start === day),
      (e) => e.resident
    )
  )
  const closed = (status: string, test: (d: string) => boolean) =>
    people(
      raw.episodes.filter((e) => e.status === status && e.statusDate !== null && test(e.statusDate)),
      (e) => e.resident
    )
  out.set(
    'observation.releasedToday',
    closed('released', (d) => d === day)
  )
  out.set(
    'observation.releasedTotal',
    closed('released', (d) => d <= day)
  )
  out.set(
    'observation.lost',
    closed('lost', (d) => d <= day)
  )
  out.set(
    'observation.endedNotReleased',
    people(
      open.filter((e) => e.end <= day),
      (e) => e.resident
    )
  )
  const due = open.filter((e) => e.end >= day)
  const reached = new Set(raw.checks.filter((c) => c.day === day && c.outcome !== 'unreachable').map((c) => c.episode))
  out.set(
    'observation.due',
    people(due, (e) => e.resident)
  )
  out.set(
    'observation.checked',
    people(
      due.filter((e) => reached.has(e.id)),
      (e) => e.resident
    )
  )
  out.set(
    'observation.unchecked',
    people(due, (e) => e.resident) -
      people(
        due.filter((e) => reached.has(e.id)),
        (e) => e.resident
      )
  )

  const residentOf = new Map(raw.episodes.map((e) => [e.id, e.resident]))
  const checkFevers = new Set(raw.checks.filter((c) => c.day === day && c.abnormal === 1).map((c) => `r${residentOf.get(c.episode)}`))
  const entries = raw.entries.filter((g) => g.day === day)
  const gateFevers = new Set(entries.filter((g) => g.abnormal === 1).map(personAtGate))
  out.set('observation.abnormalChecks', checkFevers.size)
  out.set('observation.abnormalGate', gateFevers.size)
  out.set('observation.abnormal', new Set([...checkFevers, ...gateFevers]).size)
  const hospital = new Set([
    ...raw.episodes.filter((e) => e.status === 'hospital' && e.statusDate === day).map((e) => `r${e.resident}`),
    ...entries.filter((g) => g.action === 'hospital').map(personAtGate)
  ])
  out.set('observation.hospitalToday', hospital.size)

  for (const who of ['resident', 'visitor', 'vehicle', 'delivery']) {
    for (const direction of ['in', 'out']) out.set(`gate.${direction}.${who}`, entries.filter((g) => g.who === who && g.direction === direction).length)
  }
  out.set('gate.fever', entries.filter((g) => g.abnormal === 1).length)
  for (const action of ['turn_back', 'observe', 'hospital'])
    out.set(`gate.action.${action}`, entries.filter((g) => g.abnormal === 1 && g.action === action).length)
  return out
}
