import { afterEach, describe, expect, it } from 'vitest'
import { weekOverWeek } from '../../../shared/domain/report-trend'
import { DAY_MS, community, trip } from '../returnees/helpers'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { issue, item, receipt } from '../supplies/helpers'
import { gateEntry } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

const values = (t: { series: { key: string; values: number[] }[] }, key: string) => t.series.find((s) => s.key === key)?.values ?? []

describe('the report over days', () => {
  it('gives each day’s figures as series ending on the day, and weeks against each other', async () => {
    b = await testBackend()
    const { zhang, li } = await community(b)
    // 张三 observed from 01-25, 李四 from 02-01 (home isolation); a fever at the gate on 02-03.
    await b.ok('returnees.register', trip(zhang.id, { returnDate: '2026-01-25' }))
    await b.ok('returnees.register', trip(li.id, { returnDate: '2026-02-01', episode: { kind: 'home_isolation' } }))
    const gate = await b.ok('checkpoints.create', { name: '东门', place: '', kind: 'both', hours: '' })
    await b.ok('gate.register', gateEntry(gate.id, { temperature: 38.1, action: 'turn_back' }))
    await b.ok('gate.register', gateEntry(gate.id, { name: '访客乙', direction: 'out' }))
    const t = await b.ok('report.trend', { days: 14 })
    expect(t.days).toHaveLength(14)
    expect(t.days[0]).toBe('2026-01-21')
    expect(t.days.at(-1)).toBe('2026-02-03')
    expect(values(t, 'observing.home_observation')).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1])
    expect(values(t, 'observing.home_isolation')).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1])
    expect(values(t, 'new')).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0])
    expect(values(t, 'abnormal').at(-1)).toBe(1)
    expect(values(t, 'gateIn').at(-1)).toBe(1)
    expect(values(t, 'gateOut').at(-1)).toBe(1)
    const weeks = new Map(weekOverWeek(t).map((w) => [w.key, w]))
    // Levels compare the weeks' last days, flows their sums.
    expect(weeks.get('observing.home_observation')).toMatchObject({ thisWeek: 1, lastWeek: 1, change: 0 })
    expect(weeks.get('observing.home_isolation')).toMatchObject({ thisWeek: 1, lastWeek: 0, change: 1 })
    expect(weeks.get('new')).toMatchObject({ thisWeek: 1, lastWeek: 1, change: 0 })
    expect(weeks.get('gateIn')).toMatchObject({ thisWeek: 1, lastWeek: 0 })
    // Each key supply's usable stock is a series of its own, in its own unit.
    const masks = await b.ok('supplies.saveItem', item())
    await b.ok('supplies.receive', receipt(masks.id, 300))
    await b.ok('supplies.issue', issue(masks.id, 20))
    const stock = (await b.ok('report.trend', { days: 14 })).series.find((s) => s.key === `stock.${masks.id}`)
    expect(stock).toMatchObject({ label: '一次性医用口罩（17.5×9.5cm）', kind: 'level', unit: '个' })
    expect(stock?.values.slice(-2)).toEqual([0, 280])
    b.clock.advance(DAY_MS)
    const month = await b.ok('report.trend', { days: 30, day: '2026-02-03' })
    expect(month.days).toHaveLength(30)
    expect(values(month, 'observing.home_observation').at(-1)).toBe(1)
    expect(await b.call('report.trend', { days: 7 })).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } })
  })

  it('has no week-over-week table for fewer than 14 days', () => {
    expect(weekOverWeek({ days: ['2026-02-01'], series: [{ key: 'new', label: '新增观察', kind: 'flow', unit: '人', values: [3] }] })).toEqual([])
  })
})
