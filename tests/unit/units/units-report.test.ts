import { afterEach, describe, expect, it } from 'vitest'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { community, outsider, shop, trip, worker } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

const figures = async (day?: string) => {
  const report = await b.ok('report.day', day ? { day } : {})
  const section = report.sections.find((s) => s.group === 'units')
  return Object.fromEntries((section?.lines ?? []).map((l) => [l.key, l.value]))
}

describe('商铺单位 in the daily report', () => {
  it('counts units, 已复工 by the approval date, workers as people, workers under observation and those with a fever', async () => {
    b = await testBackend()
    const c = await community(b)
    const u = await b.ok('units.create', shop({ pledgeSignedOn: '2026-02-01' }))
    const v = await b.ok('units.create', shop({ name: '另一家' }))
    await b.ok('units.addWorker', worker(u.id, { residentId: c.zhang.id }))
    // One person in two units is one worker.
    await b.ok('units.addWorker', worker(v.id, { residentId: c.zhang.id }))
    const after = await b.ok('units.addWorker', worker(u.id, { outsider: outsider(), trip: trip('2026-02-01'), episode: { kind: 'home_observation' } }))
    const zhangId = after.workerList.find((w) => w.name === '张三')?.id ?? 0
    await b.ok('units.saveChecks', { unitId: u.id, day: '2026-02-03', reportedBy: '', rows: [{ workerId: zhangId, am: 37.5, pm: null }] })
    await b.ok('units.setStatus', { id: u.id, status: 'suspended', note: '' })
    const place = await b.ok('disinfection.savePlace', {
      name: '店面',
      kind: 'shop',
      building: '',
      gridId: null,
      schedule: 'per_day',
      timesPerDay: 2,
      intervalDays: 1,
      active: true,
      notes: ''
    })
    await b.ok('units.linkPlace', { unitId: u.id, placeId: place.id, linked: true })
    await b.ok('disinfection.log', {
      placeId: place.id,
      doneAt: '2026-02-03 07:00',
      agent: '含氯',
      concentration: '',
      method: 'spray',
      operator: '陈',
      checker: '',
      note: ''
    })
    await b.ok('units.applyReopen', { unitId: u.id, masks: true, thermometer: true, disinfectant: true, note: '' })
    await b.ok('units.approveReopen', { unitId: u.id, approvedOn: '2026-02-03', note: '' })
    expect(await figures()).toEqual({ 'units.units': 2, 'units.reopened': 1, 'units.workers': 2, 'units.observing': 1, 'units.abnormal': 1 })
    const report = await b.ok('report.day', {})
    const abnormal = report.sections.find((s) => s.group === 'units')?.lines.find((l) => l.key === 'units.abnormal')
    expect(abnormal).toMatchObject({ label: '从业人员体温异常', alert: true, definition: expect.stringContaining('体温达到异常阈值') })
    // The day before: units were typed in today, so nothing yet.
    expect(await figures('2026-02-02')).toEqual({ 'units.units': 0, 'units.reopened': 0, 'units.workers': 0, 'units.observing': 0, 'units.abnormal': 0 })
    // A worker who leaves and a deleted unit leave the counts from that day on.
    await b.ok('units.removeWorker', { workerId: after.workerList.find((w) => w.name === '李外地')?.id ?? 0, reason: '离职' })
    await b.ok('units.delete', { id: v.id, reason: '重复' })
    b.clock.advance(24 * 3600_000)
    expect(await figures('2026-02-04')).toEqual({ 'units.units': 1, 'units.reopened': 1, 'units.workers': 1, 'units.observing': 0, 'units.abnormal': 0 })
  })
})
