import type { ReportTrend, TrendSeries } from '../../../shared/domain/report-trend'
import { addDays } from '../../../shared/domain/dates'
import { GATE_WHO } from '../../../shared/domain/gate'
import type { EpisodeKind } from '../../../shared/domain/observation'
import { EPISODE_KINDS, EPISODE_KIND_LABELS } from '../../../shared/domain/observation'
import type { ReportLine } from '../../../shared/domain/report'
import { familyLine, line } from '../../../shared/domain/report'
import type { Db } from '../kit/db'
import type { AlertPeople, KeySupply, ObservationFlows, PlaceDay } from './report.repo'
import { alertPeopleByDay, observationFlowsByDay } from './report.repo'
import type { GateTally } from './report-gate.repo'
import { gateTalliesByDay } from './report-gate.repo'
import { keySuppliesByDay, observingByKindByDay, placesByDay } from './report-range.repo'
import { disinfectionSectionOf, suppliesSectionOf, unionSize } from './report.service'

/** The range's flows (a day without any is absent) and end-of-day levels, each read once for all its days. */
interface TrendRange {
  flows: Map<string, ObservationFlows>
  people: Map<string, Pick<AlertPeople, 'checkAbnormal' | 'gateAbnormal'>>
  tallies: GateTally[]
  kinds: Map<string, Map<EpisodeKind, number>>
  places: Map<string, PlaceDay[]>
  supplies: Map<string, KeySupply[]>
}

/** What the trend charts draw, from the day's figures by key: a series sums the figures whose key starts with one of its prefixes. */
const TREND: readonly (Omit<TrendSeries, 'values'> & { from: readonly string[] })[] = [
  ...EPISODE_KINDS.map((k) => ({
    key: `observing.${k}`,
    label: `在观察·${EPISODE_KIND_LABELS[k]}`,
    kind: 'level' as const,
    unit: '人',
    from: [`observation.kind.${k}`]
  })),
  { key: 'new', label: '新增观察', kind: 'flow', unit: '人', from: ['observation.newToday'] },
  { key: 'released', label: '解除观察', kind: 'flow', unit: '人', from: ['observation.releasedToday'] },
  { key: 'abnormal', label: '异常', kind: 'flow', unit: '人', from: ['observation.abnormal'] },
  { key: 'gateIn', label: '卡口进', kind: 'flow', unit: '人次', from: ['gate.in.'] },
  { key: 'gateOut', label: '卡口出', kind: 'flow', unit: '人次', from: ['gate.out.'] },
  { key: 'disinfected', label: '消杀已完成场所', kind: 'flow', unit: '处', from: ['disinfection.done'] },
  { key: 'disinfectOverdue', label: '消杀逾期场所', kind: 'level', unit: '处', from: ['disinfection.overdue'] }
]

/**
 * Only the figures the pictures draw, with the same rules as the day's report (the property test
 * holds every point to that day's report): the cumulative figures over every trip and episode,
 * the costliest, are not among them. The flows (新增, 解除, 异常, 进出) come from one grouped read
 * of the whole range each, and so do the levels at each day's end (在观察 by type, 消杀, usable
 * stock: report-range.repo), the sections made from them as the report makes its own.
 */
function trendLines(day: string, range: TrendRange): ReportLine[] {
  const kinds = range.kinds.get(day) ?? new Map<EpisodeKind, number>()
  const flows = range.flows.get(day) ?? { newToday: 0, releasedToday: 0 }
  const people = range.people.get(day) ?? { checkAbnormal: [], gateAbnormal: [] }
  const tallies = range.tallies.filter((t) => t.day === day)
  const traffic = (direction: string, w: string) => tallies.filter((t) => t.direction === direction && t.who === w).reduce((a, t) => a + t.n, 0)
  return [
    ...EPISODE_KINDS.map((k) => familyLine('observation.kind', k, EPISODE_KIND_LABELS[k], kinds.get(k) ?? 0, '人')),
    line('observation.newToday', '今日新增', flows.newToday, '人'),
    line('observation.releasedToday', '今日解除', flows.releasedToday, '人'),
    line('observation.abnormal', '异常合计', unionSize(people.checkAbnormal, people.gateAbnormal), '人'),
    ...GATE_WHO.flatMap((w) => [familyLine('gate.in', w, '', traffic('in', w), '人次'), familyLine('gate.out', w, '', traffic('out', w), '人次')]),
    ...disinfectionSectionOf(day, range.places.get(day) ?? []).lines,
    ...suppliesSectionOf(range.supplies.get(day) ?? []).lines
  ]
}

/** The report's series over the `days` days ending on `last`, each day from its own records; then each key supply's usable stock. */
export function trendOf(db: Db, last: string, days: number): ReportTrend {
  const list = Array.from({ length: days }, (_, i) => addDays(last, i - days + 1))
  const first = list[0] ?? last
  const range: TrendRange = {
    flows: observationFlowsByDay(db, first, last),
    people: alertPeopleByDay(db, first, last),
    tallies: gateTalliesByDay(db, first, last),
    kinds: observingByKindByDay(db, first, last),
    places: placesByDay(db, first, last),
    supplies: keySuppliesByDay(db, first, last)
  }
  const series: TrendSeries[] = TREND.map((t) => ({ key: t.key, label: t.label, kind: t.kind, unit: t.unit, values: [] }))
  const stock = new Map<string, TrendSeries>()
  for (const day of list) {
    const lines = trendLines(day, range)
    TREND.forEach((t, i) => {
      const value = lines.filter((l) => t.from.some((f) => (f.endsWith('.') ? l.key.startsWith(f) : l.key === f))).reduce((a, l) => a + l.value, 0)
      series[i]?.values.push(value)
    })
    // The same items every day (the list is the catalogue's key items), so the values line up by day.
    for (const l of lines.filter((x) => x.key.startsWith(STOCK_PREFIX))) {
      const key = `stock.${l.key.slice(STOCK_PREFIX.length)}`
      const s = stock.get(key) ?? { key, label: l.label.replace(/可用库存$/, ''), kind: 'level' as const, unit: l.unit, values: [] }
      s.values.push(l.value)
      stock.set(key, s)
    }
  }
  return { days: list, series: [...series, ...stock.values()] }
}

const STOCK_PREFIX = 'supplies.usable.'
