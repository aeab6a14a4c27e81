import { afterEach, describe, expect, it } from 'vitest'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { community, fail, outsider, shop, trip, unitCounts, worker } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

const shopPlace = {
  name: '好邻居便利店店面',
  kind: 'shop' as const,
  building: '3栋',
  gridId: null,
  schedule: 'per_day' as const,
  timesPerDay: 2,
  intervalDays: 1,
  active: true,
  notes: ''
}

describe('复工: the checklist, application and approval', () => {
  it('computes what the records answer, refuses approval naming what is missing, then approves with a date, keeps the checklist and moves to 已复工', async () => {
    b = await testBackend()
    const c = await community(b)
    const u = await b.ok('units.create', shop())
    await b.ok('units.setStatus', { id: u.id, status: 'suspended', note: '' })
    const fresh = await b.ok('units.get', { id: u.id })
    expect(fresh.checklist.map((i) => [i.item, i.ok, i.computed])).toEqual([
      ['staffRegistered', false, true],
      ['outsidersObserved', true, true],
      ['masks', false, false],
      ['thermometer', false, false],
      ['disinfectant', false, false],
      ['disinfectionLog', false, true],
      ['pledge', false, true]
    ])
    await b.ok('units.addWorker', worker(u.id, { residentId: c.zhang.id }))
    await b.ok('units.addWorker', worker(u.id, { outsider: outsider(), trip: trip('2026-02-01') }))
    // Living in another district without a trip: nobody asks them to be observed.
    await b.ok('units.addWorker', worker(u.id, { outsider: outsider('王邻区', '789') }))
    const applied = await b.ok('units.applyReopen', { unitId: u.id, masks: true, thermometer: true, disinfectant: false, note: '' })
    expect(applied.status).toBe('applying')
    expect(applied.reopenings).toMatchObject([{ decision: 'pending', appliedOn: '2026-02-03' }])
    const before = unitCounts(b)
    const refused = fail(await b.call('units.approveReopen', { unitId: u.id, approvedOn: '2026-02-03', note: '' }))
    expect(refused).toMatchObject({ code: 'RULE_VIOLATION' })
    expect(refused?.message).toBe('好邻居便利店 还不能复工：外地返回人员已观察、消毒用品有储备、有消杀记录、已签承诺书。')
    expect(unitCounts(b)).toEqual(before)

    // The records catch up: the outsider observed (monitoring's episode), a place with a log, the pledge signed, a new application with every tick.
    const liId = b.store.get<{ id: number }>("SELECT id FROM residents WHERE name = '李外地'")?.id ?? 0
    await b.ok('monitoring.start', { residentId: liId, tripId: null, kind: 'home_observation', startDate: '2026-02-01' })
    const place = await b.ok('disinfection.savePlace', shopPlace)
    await b.ok('units.linkPlace', { unitId: u.id, placeId: place.id, linked: true })
    await b.ok('disinfection.log', {
      placeId: place.id,
      doneAt: '2026-02-03 07:00',
      agent: '含氯消毒液',
      concentration: '500 mg/L',
      method: 'spray',
      operator: '陈老板',
      checker: '',
      note: ''
    })
    await b.ok('units.update', { id: u.id, ...shop({ pledgeSignedOn: '2026-02-02' }) })
    await b.ok('units.setStatus', { id: u.id, status: 'suspended', note: '重新申请' })
    await b.ok('units.applyReopen', { unitId: u.id, masks: true, thermometer: true, disinfectant: true, note: '' })
    expect(fail(await b.call('units.approveReopen', { unitId: u.id, approvedOn: '2026-02-04', note: '' }))?.message).toContain('晚于今天')
    const approved = await b.ok('units.approveReopen', { unitId: u.id, approvedOn: '2026-02-03', note: '街道同意' })
    expect(approved.status).toBe('reopened')
    expect(approved.reopenings.map((r) => r.decision)).toEqual(['approved', 'withdrawn'])
    expect(approved.reopenings[0]?.checklist.every((i) => i.ok)).toBe(true)
    expect(approved.history.map((h) => h.to)).toEqual(['open', 'suspended', 'applying', 'suspended', 'applying', 'reopened'])
    expect(approved.history.at(-1)).toMatchObject({ day: '2026-02-03', note: '街道同意', actor: '本机' })
    expect(b.store.get<{ s: string }>("SELECT summary AS s FROM audit_log WHERE method = 'units.approveReopen'")?.s).toBe(
      '批准单位 好邻居便利店 复工（2026-02-03）'
    )
    expect(approved.places).toMatchObject([{ place: { name: '好邻居便利店店面', overdue: false }, logs: [{ agent: '含氯消毒液' }] }])
  })

  it('refuses an application from a trading unit and an approval without one; grid workers may apply but not approve', async () => {
    b = await testBackend()
    const c = await community(b)
    const u = await b.ok('units.create', shop())
    expect(fail(await b.call('units.applyReopen', { unitId: u.id, masks: true, thermometer: true, disinfectant: true, note: '' }))?.message).toContain(
      '只有暂停营业或关闭的单位才能申请复工'
    )
    expect(fail(await b.call('units.approveReopen', { unitId: u.id, approvedOn: '2026-02-03', note: '' }))?.message).toContain('没有待批准的复工申请')
    const gridWorker = { accountId: 5, actor: '网格员甲', permissions: new Set(['units.view', 'units.edit'] as const), gridScope: [c.a.grid.id] }
    await b.ok('units.setStatus', { id: u.id, status: 'suspended', note: '' })
    expect(await b.call('units.applyReopen', { unitId: u.id, masks: true, thermometer: true, disinfectant: true, note: '' }, gridWorker)).toMatchObject({
      ok: true
    })
    expect(await b.call('units.approveReopen', { unitId: u.id, approvedOn: '2026-02-03', note: '' }, gridWorker)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    })
  })
})

describe('巡查 and disinfection places', () => {
  it('logs an inspection with findings and a rectification date, shows it overdue past the date, closes it once', async () => {
    b = await testBackend()
    await community(b)
    const u = await b.ok('units.create', shop())
    const d = await b.ok('units.inspect', {
      unitId: u.id,
      day: '2026-02-01',
      inspector: '李网格长',
      findings: ['masks', 'ventilation'],
      note: '店员未戴口罩',
      rectifyBy: '2026-02-02'
    })
    expect(d.inspections).toMatchObject([{ findings: ['masks', 'ventilation'], rectifyBy: '2026-02-02', overdue: true, closedOn: null }])
    expect(d.overdueRectifications).toBe(1)
    expect(b.store.get<{ s: string }>("SELECT summary AS s FROM audit_log WHERE method = 'units.inspect'")?.s).toBe(
      '巡查单位 好邻居便利店（2026-02-01）：口罩、通风，限 2026-02-02 前整改'
    )
    const id = d.inspections[0]?.id ?? 0
    const closed = await b.ok('units.closeInspection', { id, closedOn: '2026-02-03', note: '已整改' })
    expect(closed.inspections[0]).toMatchObject({ closedOn: '2026-02-03', closedBy: '本机', overdue: false })
    expect(fail(await b.call('units.closeInspection', { id, closedOn: '2026-02-03', note: '' }))?.message).toContain('已于 2026-02-03 完成')
  })

  it.each([
    [{ day: '2026-02-04' }, '巡查日期 2026-02-04 晚于今天'],
    [{ rectifyBy: '2026-01-01' }, '整改期限早于巡查日期'],
    [{ findings: [] }, '要求整改时请勾选发现的问题'],
    [{ findings: ['smoking'] }, '未知的问题类别'],
    [{ inspector: '' }, '请填写巡查人']
  ])('refuses an inspection %j in Chinese and writes nothing', async (extra, message) => {
    b = await testBackend()
    await community(b)
    const u = await b.ok('units.create', shop())
    const before = unitCounts(b)
    const args = { unitId: u.id, day: '2026-02-02', inspector: '李网格长', findings: ['masks'], note: '', rectifyBy: '2026-02-05', ...extra }
    const error = fail(await b.call('units.inspect', args as never))
    expect(error?.message).toContain(message)
    expect(unitCounts(b)).toEqual(before)
  })

  it('links only 沿街商铺 places, one unit each, and shows a place overdue by the disinfection schedule', async () => {
    b = await testBackend()
    await community(b)
    const u = await b.ok('units.create', shop())
    const v = await b.ok('units.create', shop({ name: '另一家' }))
    const place = await b.ok('disinfection.savePlace', shopPlace)
    const stairs = await b.ok('disinfection.savePlace', { ...shopPlace, name: '3栋楼道', kind: 'corridor' })
    expect(fail(await b.call('units.linkPlace', { unitId: u.id, placeId: stairs.id, linked: true }))?.message).toContain('不是“沿街商铺”类的场所')
    const linked = await b.ok('units.linkPlace', { unitId: u.id, placeId: place.id, linked: true })
    expect(linked.places.map((p) => p.place.name)).toEqual(['好邻居便利店店面'])
    expect(fail(await b.call('units.linkPlace', { unitId: v.id, placeId: place.id, linked: true }))).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('已关联到“好邻居便利店”')
    })
    b.clock.advance(2 * 24 * 3600_000)
    expect((await b.ok('units.get', { id: u.id })).places[0]?.place.overdue).toBe(true)
    const unlinked = await b.ok('units.linkPlace', { unitId: u.id, placeId: place.id, linked: false })
    expect(unlinked.places).toEqual([])
  })
})
