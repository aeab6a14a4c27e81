import { afterEach, describe, expect, it } from 'vitest'
import { DAY_MS, community, trip } from '../returnees/helpers'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { figure } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

const BEIJING = { province: '北京市', city: '北京市', district: '朝阳区' }
const GUANGDONG = { province: '广东省', city: '广州市', district: '天河区' }

/**
 * The per-day counts migration 0024 keeps by triggers, write by write, against the same counts
 * built again from nothing (every person's share of the records as they stand): equal after any write.
 */
function expectKeptEqualsRebuilt(t: TestBackend): void {
  const read = () => ({
    returnees: t.store.all('SELECT day, province, change FROM returnee_province_days WHERE change != 0 ORDER BY day, province'),
    closings: t.store.all('SELECT day, status, people FROM observation_closing_days WHERE people != 0 ORDER BY status, day')
  })
  const kept = read()
  t.store.transaction((tx) => {
    tx.run('DELETE FROM returnee_province_days')
    tx.run('DELETE FROM observation_closing_days')
    tx.run(`INSERT INTO report_share_changes (resident_id, sign)
            SELECT resident_id, 1 FROM (SELECT resident_id FROM returnee_trips UNION SELECT resident_id FROM observation_episodes)`)
  })
  expect(kept).toEqual(read())
}

/** 累计返程 by province on a day, as the report gives it ({} when nobody). */
async function totals(t: TestBackend, day: string): Promise<Record<string, number>> {
  const r = await t.ok('report.day', { day })
  const lines = r.sections.flatMap((s) => s.lines).filter((l) => l.key.startsWith('returnees.province.') && l.key.endsWith('.total'))
  const byProvince = Object.fromEntries(lines.map((l) => [l.key.slice('returnees.province.'.length, -'.total'.length), l.value]))
  expect(figure(r, 'returnees.total')).toBe(Object.values(byProvince).reduce((a, n) => a + n, 0))
  return byProvince
}

describe('the report’s kept per-day counts (累计返程 by province, 累计解除, 失联)', () => {
  it('follow registration, edits, 作废, the recycle bin and its restore, and a deleted trip', async () => {
    b = await testBackend()
    const { zhang, li, wang } = await community(b)
    // 张三: 湖北 on 01-20, 北京 on 01-28. 李四: 广东 on 02-01 with an observation. Clock: 2026-02-03.
    await b.ok('returnees.register', trip(zhang.id, { returnDate: '2026-01-20', episode: null }))
    const second = await b.ok('returnees.register', trip(zhang.id, { returnDate: '2026-01-28', episode: null, origin: BEIJING }))
    await b.ok('returnees.register', trip(li.id, { returnDate: '2026-02-01', origin: GUANGDONG, episode: { kind: 'home_observation' } }))
    expectKeptEqualsRebuilt(b)
    expect(await totals(b, '2026-01-19')).toEqual({})
    expect(await totals(b, '2026-01-27')).toEqual({ 湖北省: 1 })
    expect(await totals(b, '2026-01-28')).toEqual({ 北京市: 1 })
    expect(await totals(b, '2026-02-03')).toEqual({ 北京市: 1, 广东省: 1 })

    // The 北京 trip was really on 01-18: 张三 is 北京's from 01-18, then 湖北's from 01-20.
    const { residentId: _r, episode: _e, ...fields } = trip(zhang.id, { origin: BEIJING })
    await b.ok('returnees.updateTrip', { ...fields, id: second.id, returnDate: '2026-01-18' })
    expectKeptEqualsRebuilt(b)
    expect(await totals(b, '2026-01-19')).toEqual({ 北京市: 1 })
    expect(await totals(b, '2026-02-03')).toEqual({ 湖北省: 1, 广东省: 1 })

    // The 湖北 trip was a mistake: 作废 leaves 北京 standing.
    const hubei = b.store.get<{ id: number }>("SELECT id FROM returnee_trips WHERE resident_id = ? AND origin_province = '湖北省'", [zhang.id])
    await b.ok('returnees.voidTrip', { id: hubei?.id ?? 0, reason: '录错了' })
    expectKeptEqualsRebuilt(b)
    expect(await totals(b, '2026-02-03')).toEqual({ 北京市: 1, 广东省: 1 })

    // 李四 released on 02-03; 王五 observed and lost on 02-04; 李四 released again later counts once.
    const episode = b.store.get<{ id: number }>('SELECT id FROM observation_episodes WHERE resident_id = ?', [li.id])
    await b.ok('monitoring.setStatus', { episodeId: episode?.id ?? 0, status: 'released', reason: '核酸阴性' })
    b.clock.advance(DAY_MS)
    const wangEpisode = await b.ok('monitoring.start', { residentId: wang.id, tripId: null, kind: 'home_isolation' })
    await b.ok('monitoring.setStatus', { episodeId: wangEpisode.id, status: 'lost', reason: '' })
    const again = await b.ok('monitoring.start', { residentId: li.id, tripId: null, kind: 'health_monitoring' })
    await b.ok('monitoring.setStatus', { episodeId: again.id, status: 'released', reason: '核酸阴性' })
    expectKeptEqualsRebuilt(b)
    const closings = async (day: string) => {
      const r = await b.ok('report.day', { day })
      return [figure(r, 'observation.releasedTotal'), figure(r, 'observation.lost')]
    }
    expect(await closings('2026-02-02')).toEqual([0, 0])
    expect(await closings('2026-02-03')).toEqual([1, 0])
    expect(await closings('2026-02-04')).toEqual([1, 1])

    // 李四 to the recycle bin: out of every day's figures; restored: back in.
    await b.ok('residents.delete', { id: li.id, reason: '重复登记' })
    expectKeptEqualsRebuilt(b)
    expect(await totals(b, '2026-02-03')).toEqual({ 北京市: 1 })
    expect(await closings('2026-02-04')).toEqual([0, 1])
    await b.ok('recycle.restore', { kind: 'resident', id: li.id })
    expectKeptEqualsRebuilt(b)
    expect(await totals(b, '2026-02-03')).toEqual({ 北京市: 1, 广东省: 1 })
    expect(await closings('2026-02-04')).toEqual([1, 1])

    // A trip deleted outright (the retention purge deletes old trips) and an episode with it.
    b.store.transaction((tx) => {
      tx.run('DELETE FROM returnee_trips WHERE id = ?', [second.id])
      tx.run('DELETE FROM observation_events WHERE episode_id = ?', [wangEpisode.id])
      tx.run('DELETE FROM observation_episodes WHERE id = ?', [wangEpisode.id])
    })
    expectKeptEqualsRebuilt(b)
    expect(await totals(b, '2026-02-03')).toEqual({ 广东省: 1 })
    expect(await closings('2026-02-04')).toEqual([1, 0])
  })

  it('give a day’s second trip to the later one, and a trip moved to another person to them', async () => {
    b = await testBackend()
    const { zhang, li } = await community(b)
    await b.ok('returnees.register', trip(zhang.id, { returnDate: '2026-02-01', episode: null }))
    // The register refuses two trips on one day; an import of old records may still hold them.
    b.store.transaction((tx) => {
      const [first] = tx.all<{ id: number }>('SELECT id FROM returnee_trips WHERE resident_id = ?', [zhang.id])
      tx.run(
        `INSERT INTO returnee_trips (resident_id, origin_province, return_date, transport, registered_on, registered_by, created_at, updated_at)
         SELECT resident_id, '北京市', return_date, transport, registered_on, registered_by, created_at, updated_at FROM returnee_trips WHERE id = ?`,
        [first?.id ?? 0]
      )
    })
    expectKeptEqualsRebuilt(b)
    expect(await totals(b, '2026-02-01')).toEqual({ 北京市: 1 })
    const today = await b.ok('report.day', { day: '2026-02-01' })
    expect(figure(today, 'returnees.province.北京市.today')).toBe(1)
    b.store.transaction((tx) => tx.run("UPDATE returnee_trips SET resident_id = ? WHERE origin_province = '北京市'", [li.id]))
    expectKeptEqualsRebuilt(b)
    expect(await totals(b, '2026-02-01')).toEqual({ 北京市: 1, 湖北省: 1 })
  })
})
