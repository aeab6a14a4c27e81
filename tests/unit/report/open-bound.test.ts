import { afterEach, describe, expect, it } from 'vitest'
import { addDays, localIsoDate } from '../../../shared/domain/dates'
import { DAY_MS, community } from '../returnees/helpers'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { figure } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

/**
 * 在观察 on a past day reads the closed episodes that started within the longest closed span
 * before it (migration 0029): an episode kept open for two months must still count on every day
 * of those months, and a short one only on its own days.
 */
describe('在观察 on a past day, with closed episodes of very different lengths', () => {
  it('counts a two-month episode on each of its days and a three-day one only on its days', async () => {
    b = await testBackend()
    const { zhang, li } = await community(b)
    const d0 = localIsoDate(b.clock.now())
    const long = await b.ok('monitoring.start', { residentId: zhang.id, tripId: null, kind: 'home_isolation' })
    b.clock.advance(2 * DAY_MS)
    const short = await b.ok('monitoring.start', { residentId: li.id, tripId: null, kind: 'health_monitoring' })
    b.clock.advance(3 * DAY_MS)
    await b.ok('monitoring.setStatus', { episodeId: short.id, status: 'released', reason: '核酸阴性' })
    b.clock.advance(55 * DAY_MS)
    await b.ok('monitoring.setStatus', { episodeId: long.id, status: 'lost', reason: '' })

    const open = async (day: string) => {
      const r = await b.ok('report.day', { day })
      return {
        observing: figure(r, 'observation.observing'),
        isolation: figure(r, 'observation.kind.home_isolation'),
        monitoring: figure(r, 'observation.kind.health_monitoring'),
        ended: figure(r, 'observation.endedNotReleased')
      }
    }
    expect(await open(addDays(d0, -1))).toEqual({ observing: 0, isolation: 0, monitoring: 0, ended: 0 })
    expect(await open(addDays(d0, 4))).toEqual({ observing: 2, isolation: 1, monitoring: 1, ended: 0 })
    // 李四 released on d0+5: not open at that day's end.
    expect(await open(addDays(d0, 5))).toEqual({ observing: 1, isolation: 1, monitoring: 0, ended: 0 })
    // Far past both the short span and 张三's 14 days: still open, and 期满未解除.
    expect(await open(addDays(d0, 40))).toEqual({ observing: 1, isolation: 1, monitoring: 0, ended: 1 })
    expect(await open(addDays(d0, 59))).toEqual({ observing: 1, isolation: 1, monitoring: 0, ended: 1 })
    // 失联 on d0+60.
    expect(await open(addDays(d0, 60))).toEqual({ observing: 0, isolation: 0, monitoring: 0, ended: 0 })
    // The trend's levels are the same reads.
    const trend = await b.ok('report.trend', { day: addDays(d0, 60), days: 30 })
    expect(trend.series.find((s) => s.key === 'observing.home_isolation')?.values).toEqual([...Array<number>(29).fill(1), 0])
  })
})
