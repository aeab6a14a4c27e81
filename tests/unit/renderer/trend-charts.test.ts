import { describe, expect, it } from 'vitest'
import { chartSummary, HOME_CHARTS, seriesOf, TREND_CHARTS, trendOption } from '../../../renderer/src/charts/trend-charts'
import type { ReportTrend, TrendSeries } from '../../../shared/domain/report-trend'

const days = ['2026-02-01', '2026-02-02', '2026-02-03']
const s = (key: string, label: string, values: number[], unit = '人', kind: TrendSeries['kind'] = 'level'): TrendSeries => ({ key, label, kind, unit, values })
const trend: ReportTrend = {
  days,
  series: [
    s('observing.home_observation', '在观察·居家观察', [1, 2, 2]),
    s('observing.home_isolation', '在观察·居家隔离', [0, 1, 1]),
    s('new', '新增观察', [1, 1, 0], '人', 'flow'),
    s('released', '解除观察', [0, 0, 1], '人', 'flow'),
    s('stock.3', '医用口罩', [500, 480, 470], '个'),
    s('stock.7', '84消毒液（500ml）', [20, 20, 18], '瓶')
  ]
}
const spec = (id: string) => TREND_CHARTS.find((c) => c.id === id) ?? TREND_CHARTS[0]!
type Series = { name: string; symbol?: string; lineStyle?: { type: unknown }; itemStyle?: { decal?: unknown } }
const seriesOfOption = (o: Record<string, unknown>) => o.series as Series[]

describe('the trend pictures', () => {
  it('tells lines apart without colour: each has its own marker and dash', () => {
    const lines = seriesOfOption(trendOption(trend, spec('observing')))
    expect(lines.map((l) => l.name)).toEqual(['居家观察', '居家隔离'])
    expect(new Set(lines.map((l) => l.symbol)).size).toBe(2)
    expect(new Set(lines.map((l) => JSON.stringify(l.lineStyle?.type))).size).toBe(2)
  })

  it('hatches bars differently and turns the decal on', () => {
    const option = trendOption(trend, spec('flow'))
    const bars = seriesOfOption(option)
    expect(bars.map((b) => b.name)).toEqual(['新增观察', '解除观察'])
    expect(JSON.stringify(bars[0]?.itemStyle?.decal)).not.toBe(JSON.stringify(bars[1]?.itemStyle?.decal))
    expect(option.aria).toMatchObject({ enabled: true, decal: { show: true } })
    expect(option.animation).toBe(false)
  })

  it('gathers every key supply into one picture, each name with its own unit', () => {
    expect(seriesOf(trend, spec('stock')).map((x) => x.key)).toEqual(['stock.3', 'stock.7'])
    expect(seriesOfOption(trendOption(trend, spec('stock'))).map((x) => x.name)).toEqual(['医用口罩（个）', '84消毒液（500ml）（瓶）'])
  })

  it('says in words what a picture shows, for a screen reader and a grey printout', () => {
    expect(chartSummary(trend, spec('observing'))).toBe(
      '在观察人数（按类型），2026-02-01 至 2026-02-03。在观察·居家观察：最近一天 2 人，3 天最高 2 人；在观察·居家隔离：最近一天 1 人，3 天最高 1 人。'
    )
    expect(chartSummary({ days, series: [] }, spec('stock'))).toContain('没有数据')
  })

  it('shows on 首页 only pictures the report page has too', () => {
    for (const id of HOME_CHARTS) expect(TREND_CHARTS.some((c) => c.id === id)).toBe(true)
  })
})
