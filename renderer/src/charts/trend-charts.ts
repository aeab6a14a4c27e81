import type { ReportTrend, TrendSeries } from '../../../shared/domain/report-trend'

/**
 * Which of report.trend's series share a picture, and how each picture is drawn. Pure (no
 * echarts import): the page decides what to show without loading the chart library, and the
 * unit tests read the options the charts get.
 */

export interface TrendChartSpec {
  id: string
  title: string
  /** Series keys, or a prefix ending in '.' (every key supply's stock). */
  keys: readonly string[]
  type: 'line' | 'bar'
}

export const TREND_CHARTS: readonly TrendChartSpec[] = [
  {
    id: 'observing',
    title: '在观察人数（按类型）',
    keys: ['observing.home_observation', 'observing.home_isolation', 'observing.central_isolation', 'observing.health_monitoring'],
    type: 'line'
  },
  { id: 'flow', title: '每日新增与解除观察', keys: ['new', 'released'], type: 'bar' },
  { id: 'abnormal', title: '每日体温异常人数', keys: ['abnormal'], type: 'bar' },
  { id: 'gate', title: '卡口每日进出人次', keys: ['gateIn', 'gateOut'], type: 'line' },
  { id: 'disinfection', title: '消杀场所（已完成 / 逾期）', keys: ['disinfected', 'disinfectOverdue'], type: 'line' },
  { id: 'stock', title: '重点物资可用库存', keys: ['stock.'], type: 'line' }
]

/** The home page shows the three the committee looks at first; the report page shows them all. */
export const HOME_CHARTS: readonly string[] = ['observing', 'flow', 'gate']

export function seriesOf(trend: ReportTrend, spec: TrendChartSpec): TrendSeries[] {
  return trend.series.filter((s) => spec.keys.some((k) => (k.endsWith('.') ? s.key.startsWith(k) : s.key === k)))
}

/**
 * A series' name in its picture's legend: the title already says 在观察, so 居家观察 is enough;
 * where units differ (supplies in 个, 瓶, 盒) the unit goes with the name.
 */
export function legendName(s: TrendSeries, mixedUnits: boolean): string {
  const name = s.label.replace(/^在观察·/, '')
  return mixedUnits ? `${name}（${s.unit}）` : name
}

/*
 * Printed in black and white, colour says nothing: each series of a picture differs by its marker
 * shape and its dash as well, and bars carry a hatch pattern (decal).
 */
const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'emptyCircle', 'emptyRect', 'emptyTriangle', 'emptyDiamond'] as const
const DASHES: readonly ('solid' | 'dashed' | 'dotted' | number[])[] = ['solid', 'dashed', 'dotted', [10, 4, 2, 4]]
const COLORS = ['#1f4e9c', '#c0392b', '#2e7d32', '#8e44ad', '#d35400', '#00838f', '#5d4037', '#455a64']
const DECALS = [
  { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: Math.PI / 4, color: 'rgba(255,255,255,0.8)' },
  { symbol: 'circle', dashArrayX: [[3, 3]], dashArrayY: [3, 3], symbolSize: 0.8, color: 'rgba(0,0,0,0.55)' }
]

/** '2026-02-03' → '2/3'. */
const shortDay = (day: string) => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`

/** What a screen reader says, and what the data table lists: each series' latest figure and the range. */
export function chartSummary(trend: ReportTrend, spec: TrendChartSpec): string {
  const list = seriesOf(trend, spec)
  const first = trend.days[0] ?? ''
  const last = trend.days.at(-1) ?? ''
  const parts = list.map((s) => `${s.label}：最近一天 ${s.values.at(-1) ?? 0} ${s.unit}，${trend.days.length} 天最高 ${Math.max(0, ...s.values)} ${s.unit}`)
  return `${spec.title}，${first} 至 ${last}。${parts.join('；') || '没有数据'}。`
}

/** The ECharts option of one picture: no animation (a print or a screenshot catches it whole). */
export function trendOption(trend: ReportTrend, spec: TrendChartSpec): Record<string, unknown> {
  const list = seriesOf(trend, spec)
  const units = [...new Set(list.map((s) => s.unit))]
  const mixed = units.length > 1
  return {
    animation: false,
    color: COLORS,
    aria: { enabled: true, label: { description: chartSummary(trend, spec) }, decal: { show: spec.type === 'bar' } },
    // The unit is in the tooltip and (when mixed) the legend: a y-axis name would sit under a two-row legend.
    grid: { left: 8, right: 16, top: list.length > 2 ? 52 : 32, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, itemWidth: 28, itemHeight: 10, textStyle: { fontSize: 12 } },
    tooltip: { trigger: 'axis', valueFormatter: mixed ? undefined : (v: unknown) => `${String(v)} ${units[0] ?? ''}` },
    xAxis: { type: 'category', data: trend.days.map(shortDay), axisLabel: { fontSize: 11 }, boundaryGap: spec.type === 'bar' },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 11 } },
    series: list.map((s, i) =>
      spec.type === 'bar'
        ? {
            type: 'bar',
            name: legendName(s, mixed),
            data: s.values,
            barMaxWidth: 18,
            itemStyle: { borderColor: '#000', borderWidth: 0.6, decal: DECALS[i % DECALS.length] }
          }
        : {
            type: 'line',
            name: legendName(s, mixed),
            data: s.values,
            symbol: SYMBOLS[i % SYMBOLS.length],
            symbolSize: 7,
            showAllSymbol: true,
            lineStyle: { width: 2, type: DASHES[i % DASHES.length] }
          }
    )
  }
}
