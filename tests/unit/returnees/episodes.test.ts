import { afterEach, describe, expect, it } from 'vitest'
import { endDateOf } from '../../../electron/backend/monitoring/monitoring.service'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { DAY_MS, community, monitoringCounts, trip, workerSession } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

describe('returnee registration', () => {
  it('registers a trip for a resident and starts observation from the return date', async () => {
    b = await testBackend()
    const { zhang, li, east } = await community(b)
    const view = await b.ok(
      'returnees.register',
      trip(zhang.id, {
        returnDate: '2026-02-01',
        companions: [
          { residentId: li.id, name: 'x' },
          { residentId: null, name: '赵六' }
        ]
      })
    )
    expect(view).toMatchObject({
      name: '张三',
      originText: '湖北省武汉市江岸区',
      transportNo: 'G1234',
      gridId: east.id,
      companions: [
        { residentId: li.id, name: '李四' },
        { residentId: null, name: '赵六' }
      ],
      registeredOn: '2026-02-03',
      episode: { kind: 'home_observation', status: 'observing', endDate: '2026-02-15', abnormal: false }
    })
    expect(view.phoneMasked).toBe('138****5678')
    expect(view.idMasked).toMatch(/^110101\*{8}\d{3}[\dX]$/)
    const file = await b.ok('returnees.get', { residentId: zhang.id })
    expect(file.episodes[0]).toMatchObject({ startDate: '2026-02-01', days: 14, endDate: '2026-02-15', worker: '网格员甲', tripId: view.id })
    expect(file.episodes[0]?.events.map((e) => e.text)).toEqual(['开始观察：居家观察 14 天（2026-02-01 至 2026-02-15）'])
    const audit = b.store.all<{ summary: string; record: string }>('SELECT summary, record FROM audit_log WHERE method = ?', ['returnees.register'])
    expect(audit).toEqual([{ summary: '登记返程人员 张三：2026-02-01 自湖北省武汉市江岸区返回，开始居家观察', record: `returnee_trip:${view.id}` }])
  })

  it('keeps several trips of one person and refuses the same return day twice', async () => {
    b = await testBackend()
    const { zhang } = await community(b)
    await b.ok('returnees.register', trip(zhang.id, { returnDate: '2026-01-05', episode: null }))
    await b.ok(
      'returnees.register',
      trip(zhang.id, { returnDate: '2026-02-02', origin: { province: '北京市', city: '北京市', district: '朝阳区' }, episode: null })
    )
    const before = monitoringCounts(b)
    const again = await b.call('returnees.register', trip(zhang.id, { returnDate: '2026-02-02' }))
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '张三 2026-02-02 的返程已经登记过了，请在其档案中查看或修改。' } })
    expect(monitoringCounts(b)).toEqual(before)
    const file = await b.ok('returnees.get', { residentId: zhang.id })
    expect(file.trips.map((t) => t.originText)).toEqual(['北京市朝阳区', '湖北省武汉市江岸区'])
  })

  it.each([
    ['an unknown province', { origin: { province: '火星省', city: '', district: '' } }, 'origin.province', '“火星省”不是省级行政区'],
    ['a city of another province', { origin: { province: '河南省', city: '武汉市', district: '' } }, 'origin.city', '河南省没有“武汉市”'],
    ['a bad transport', { transport: 'boat' }, 'transport', '请选择交通方式'],
    ['a date that does not exist', { returnDate: '2026-02-30' }, 'returnDate', '返程日期不是真实的日期']
  ])('refuses %s with a clear message and writes nothing', async (_label, overrides, path, message) => {
    b = await testBackend()
    const { zhang } = await community(b)
    const before = monitoringCounts(b)
    const envelope = await b.call('returnees.register', { ...trip(zhang.id), ...overrides })
    expect(envelope.ok).toBe(false)
    if (envelope.ok) return
    expect(envelope.error.code).toBe('BAD_ARGS')
    expect(envelope.error.message).toContain(message)
    expect(envelope.error.details?.issues?.[0]?.path).toBe(path)
    expect(monitoringCounts(b)).toEqual(before)
  })

  it('refuses a return date after today, and a companion who is the person', async () => {
    b = await testBackend()
    const { zhang } = await community(b)
    const before = monitoringCounts(b)
    expect(await b.call('returnees.register', trip(zhang.id, { returnDate: '2026-02-04' }))).toMatchObject({
      ok: false,
      error: { message: '返程日期 2026-02-04 晚于今天，请核对。' }
    })
    expect(await b.call('returnees.register', trip(zhang.id, { companions: [{ residentId: zhang.id, name: '张三' }] }))).toMatchObject({
      ok: false,
      error: { message: '同行人员不能是本人。' }
    })
    expect(monitoringCounts(b)).toEqual(before)
  })

  it('lets a grid worker register only people of their own grid', async () => {
    b = await testBackend()
    const { zhang, wang, east } = await community(b)
    const worker = workerSession(east.id)
    expect((await b.call('returnees.register', trip(zhang.id), worker)).ok).toBe(true)
    const before = monitoringCounts(b)
    expect(await b.call('returnees.register', trip(wang.id), worker)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(monitoringCounts(b)).toEqual(before)
    await b.ok('returnees.register', trip(wang.id))
    const listed = await b.call('returnees.list', {}, worker)
    expect(listed.ok && (listed.data as { rows: { name: string }[] }).rows.map((r) => r.name)).toEqual(['张三'])
  })
})

describe('observation periods', () => {
  it.each([
    ['2026-02-03', 14, '2026-02-17'],
    ['2026-01-25', 14, '2026-02-08'],
    ['2025-12-25', 14, '2026-01-08'],
    ['2024-02-20', 14, '2024-03-05'],
    ['2026-02-20', 14, '2026-03-06'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-02-03', 21, '2026-02-24']
  ])('computes the end of %s + %i days as %s', (start, days, end) => {
    expect(endDateOf(start, days)).toBe(end)
  })

  it('extends and shortens an episode, keeping each change in its history', async () => {
    b = await testBackend()
    const { zhang } = await community(b)
    await b.ok('returnees.register', trip(zhang.id, { returnDate: '2025-12-25', episode: { kind: 'home_isolation', startDate: '2025-12-25' } }))
    const file = await b.ok('returnees.get', { residentId: zhang.id })
    const id = file.episodes[0]?.id ?? 0
    expect(file.episodes[0]?.endDate).toBe('2026-01-08')
    const longer = await b.ok('monitoring.changeDuration', { episodeId: id, days: 45, reason: '同住人确诊' })
    expect(longer).toMatchObject({ days: 45, endDate: '2026-02-08', startDate: '2025-12-25' })
    const shorter = await b.ok('monitoring.changeDuration', { episodeId: id, days: 40, reason: '疾控通知' })
    expect(shorter.endDate).toBe('2026-02-03')
    expect(shorter.events.map((e) => [e.kind, e.text, e.reason])).toEqual([
      ['start', '开始观察：居家隔离 14 天（2025-12-25 至 2026-01-08）', ''],
      ['duration', '观察期 14 天（2025-12-25 至 2026-01-08） → 45 天（2025-12-25 至 2026-02-08）', '同住人确诊'],
      ['duration', '观察期 45 天（2025-12-25 至 2026-02-08） → 40 天（2025-12-25 至 2026-02-03）', '疾控通知']
    ])
    const same = await b.call('monitoring.changeDuration', { episodeId: id, days: 40, reason: 'x' })
    expect(same).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION', message: '观察期已经是 40 天，没有变化。' } })
  })

  it('uses the day counts set in 设置 for new episodes only', async () => {
    b = await testBackend()
    const { zhang, li } = await community(b)
    await b.ok('returnees.register', trip(zhang.id, { episode: { kind: 'central_isolation' } }))
    await b.ok('settings.update', { daysCentralIsolation: 7 })
    await b.ok('returnees.register', trip(li.id, { episode: { kind: 'central_isolation' } }))
    const [z, l] = [await b.ok('returnees.get', { residentId: zhang.id }), await b.ok('returnees.get', { residentId: li.id })]
    expect(z.episodes[0]).toMatchObject({ days: 14, endDate: '2026-02-17' })
    expect(l.episodes[0]).toMatchObject({ days: 7, endDate: '2026-02-10' })
    expect((await b.ok('settings.get', {})).daysCentralIsolation).toBe(7)
    expect(await b.call('settings.update', { daysHomeObservation: 0 })).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } })
  })

  it('refuses a second open episode for the same person', async () => {
    b = await testBackend()
    const { zhang } = await community(b)
    const view = await b.ok('returnees.register', trip(zhang.id))
    const before = monitoringCounts(b)
    const envelope = await b.call('monitoring.start', { residentId: zhang.id, tripId: view.id, kind: 'health_monitoring' })
    expect(envelope).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '张三 正在居家观察中（至 2026-02-17），请先解除或调整原观察。' } })
    expect(monitoringCounts(b)).toEqual(before)
  })
})

describe('status changes', () => {
  it('releases once; a second release, a check or a new period after it are refused', async () => {
    b = await testBackend()
    const { zhang } = await community(b)
    await b.ok('returnees.register', trip(zhang.id))
    const id = (await b.ok('returnees.get', { residentId: zhang.id })).episodes[0]?.id ?? 0
    b.clock.advance(14 * DAY_MS)
    const released = await b.ok('monitoring.setStatus', { episodeId: id, status: 'released', reason: '' })
    expect(released).toMatchObject({ status: 'released', statusDate: '2026-02-17' })
    const before = monitoringCounts(b)
    expect(await b.call('monitoring.setStatus', { episodeId: id, status: 'released', reason: '' })).toMatchObject({
      ok: false,
      error: { code: 'RULE_VIOLATION', message: '张三 已于 2026-02-17 解除观察，不能再重复解除。' }
    })
    expect(await b.call('monitoring.check', { episodeId: id, morning: 36.5, evening: null, symptoms: [], outcome: 'normal', note: '' })).toMatchObject({
      ok: false,
      error: { code: 'RULE_VIOLATION', message: '张三 已于 2026-02-17 解除观察，不能再登记体温。' }
    })
    expect(await b.call('monitoring.changeDuration', { episodeId: id, days: 21, reason: '延长' })).toMatchObject({
      ok: false,
      error: { code: 'RULE_VIOLATION' }
    })
    expect(await b.call('monitoring.setStatus', { episodeId: id, status: 'lost', reason: '' })).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } })
    expect(monitoringCounts(b)).toEqual(before)
    // A new trip later starts a new episode: the old one stays as history.
    b.clock.advance(30 * DAY_MS)
    await b.ok('returnees.register', trip(zhang.id, { returnDate: '2026-03-19' }))
    const file = await b.ok('returnees.get', { residentId: zhang.id })
    expect(file.episodes.map((e) => [e.startDate, e.status])).toEqual([
      ['2026-03-19', 'observing'],
      ['2026-02-03', 'released']
    ])
  })

  it('asks for a reason to release early, and refuses dates outside the episode', async () => {
    b = await testBackend()
    const { zhang } = await community(b)
    await b.ok('returnees.register', trip(zhang.id))
    const id = (await b.ok('returnees.get', { residentId: zhang.id })).episodes[0]?.id ?? 0
    const before = monitoringCounts(b)
    expect(await b.call('monitoring.setStatus', { episodeId: id, status: 'released', reason: '' })).toMatchObject({
      ok: false,
      error: { message: '张三 的观察期到 2026-02-17 才满，提前解除请填写原因。' }
    })
    expect(await b.call('monitoring.setStatus', { episodeId: id, status: 'hospital', date: '2026-02-04', reason: '' })).toMatchObject({
      ok: false,
      error: { message: '日期 2026-02-04 晚于今天，请核对。' }
    })
    expect(await b.call('monitoring.setStatus', { episodeId: id, status: 'lost', date: '2026-02-01', reason: '' })).toMatchObject({
      ok: false,
      error: { message: '日期 2026-02-01 早于观察开始日期 2026-02-03，请核对。' }
    })
    expect(monitoringCounts(b)).toEqual(before)
    const hospital = await b.ok('monitoring.setStatus', { episodeId: id, status: 'hospital', reason: '发热送医' })
    expect(hospital.events.at(-1)).toMatchObject({ kind: 'status', text: '观察中 → 转送医院', reason: '发热送医' })
  })

  it('releases in bulk, all or nothing', async () => {
    b = await testBackend()
    const { zhang, li, wang } = await community(b)
    for (const r of [zhang, li, wang]) await b.ok('returnees.register', trip(r.id))
    const ids = (await b.ok('monitoring.worklist', { list: 'due' })).rows.map((r) => r.id)
    b.clock.advance(14 * DAY_MS)
    await b.ok('monitoring.setStatus', { episodeId: ids[0] ?? 0, status: 'released', reason: '' })
    const before = monitoringCounts(b)
    expect(await b.call('monitoring.releaseMany', { episodeIds: ids, reason: '' })).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } })
    expect(monitoringCounts(b)).toEqual(before)
    expect(await b.ok('monitoring.releaseMany', { episodeIds: ids.slice(1), reason: '' })).toEqual({ released: 2 })
    expect((await b.ok('monitoring.today', {})).releasedToday).toBe(3)
  })
})
