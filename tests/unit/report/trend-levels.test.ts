import { afterEach, describe, expect, it } from 'vitest'
import { localIsoDate } from '../../../shared/domain/dates'
import { DAY_MS, community } from '../returnees/helpers'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { issue, item, receipt } from '../supplies/helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

const place = (name: string, schedule: 'per_day' | 'every_days', timesPerDay: number, intervalDays: number) => ({
  name,
  kind: 'corridor' as const,
  building: '',
  gridId: null,
  schedule,
  timesPerDay,
  intervalDays,
  active: true,
  notes: ''
})

/**
 * The trend reads its end-of-day levels (在观察 by type, 消杀, usable stock) for the whole range at
 * once (report-range.repo); each point must be what report.day gives for that day alone: stock
 * received, issued and expiring batch by batch, places logged on some days and not others.
 */
describe('the trend’s levels, read for the range at once', () => {
  it('equal each day’s own report: stock through issues and expiries, 消杀 done and overdue, 在观察 by type', async () => {
    b = await testBackend()
    const { zhang, li, wang } = await community(b)
    const masks = await b.ok('supplies.saveItem', item())
    const gel = await b.ok(
      'supplies.saveItem',
      item({ name: '84消毒液', category: 'disinfectant', spec: '500ml', unit: '瓶', hasBatches: true, warningLevel: 1 })
    )
    await b.ok('supplies.receive', receipt(masks.id, 300))
    await b.ok('supplies.receive', receipt(gel.id, 6, { batchNo: 'A', expiryDate: '2026-02-08' }))
    await b.ok('supplies.receive', receipt(gel.id, 10, { batchNo: 'B', expiryDate: '2026-03-20' }))
    const places = [
      await b.ok('disinfection.savePlace', place('1栋楼道', 'per_day', 1, 1)),
      await b.ok('disinfection.savePlace', place('垃圾站', 'every_days', 1, 3)),
      await b.ok('disinfection.savePlace', place('电梯', 'per_day', 2, 1))
    ]
    const log = (placeId: number, time: string) =>
      b.ok('disinfection.log', {
        placeId,
        doneAt: `${localIsoDate(b.clock.now())} ${time}`,
        agent: '含氯消毒液',
        concentration: '',
        method: 'spray',
        operator: '消杀员',
        checker: '',
        note: ''
      })
    const first = await b.ok('monitoring.start', { residentId: zhang.id, tripId: null, kind: 'home_isolation' })
    for (let d = 0; d < 18; d++) {
      if (d % 2 === 0) await b.ok('supplies.issue', issue(masks.id, 10))
      if (d % 5 === 0) await b.ok('supplies.issue', issue(gel.id, 1))
      if (d % 3 !== 0) await log(places[0]?.id ?? 0, '07:00')
      if (d % 4 === 0) await log(places[1]?.id ?? 0, '06:30')
      if (d % 2 === 1) {
        await log(places[2]?.id ?? 0, '06:00')
        await log(places[2]?.id ?? 0, '07:10')
      }
      if (d === 3) await b.ok('monitoring.start', { residentId: li.id, tripId: null, kind: 'health_monitoring' })
      if (d === 6) await b.ok('monitoring.start', { residentId: wang.id, tripId: null, kind: 'home_isolation' })
      if (d === 9) await b.ok('monitoring.setStatus', { episodeId: first.id, status: 'released', reason: '期满' })
      // 张三 again, same type: two episodes of one person in the range, counted once a day.
      if (d === 12) await b.ok('monitoring.start', { residentId: zhang.id, tripId: null, kind: 'home_isolation' })
      b.clock.advance(DAY_MS)
    }
    const trend = await b.ok('report.trend', { days: 30 })
    const compared = { stock: 0, disinfection: 0, observing: 0 }
    for (const [i, day] of trend.days.entries()) {
      const lines = new Map((await b.ok('report.day', { day })).sections.flatMap((s) => s.lines).map((l) => [l.key, l.value]))
      for (const s of trend.series) {
        const value = s.values[i]
        if (s.key.startsWith('stock.')) {
          expect(value, `${day} ${s.key}`).toBe(lines.get(`supplies.usable.${s.key.slice('stock.'.length)}`))
          compared.stock++
        } else if (s.key === 'disinfected' || s.key === 'disinfectOverdue') {
          expect(value, `${day} ${s.key}`).toBe(lines.get(s.key === 'disinfected' ? 'disinfection.done' : 'disinfection.overdue'))
          compared.disinfection++
        } else if (s.key.startsWith('observing.')) {
          expect(value, `${day} ${s.key}`).toBe(lines.get(`observation.kind.${s.key.slice('observing.'.length)}`))
          compared.observing++
        }
      }
    }
    expect(compared).toEqual({ stock: 60, disinfection: 60, observing: 120 })
    // The figures move: stock falls with issues and when batch A expires, places fall overdue and catch up.
    const series = (key: string) => trend.series.find((s) => s.key === key)?.values ?? []
    expect(new Set(series(`stock.${gel.id}`)).size).toBeGreaterThan(2)
    expect(new Set(series(`stock.${masks.id}`)).size).toBeGreaterThan(5)
    expect(Math.max(...series('disinfectOverdue'))).toBeGreaterThan(0)
    expect(Math.max(...series('observing.home_isolation'))).toBe(2)
  })
})
