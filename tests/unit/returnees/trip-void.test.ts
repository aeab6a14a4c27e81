import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { community, monitoringCounts, trip, workerSession } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

async function exportedNames(backend: TestBackend): Promise<unknown[]> {
  const file = await backend.ok('excel.exportList', { list: 'returnees', filter: {} })
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer)
  const sheet = book.worksheets[0]
  const names: unknown[] = []
  for (let r = 5; r <= (sheet?.rowCount ?? 0); r++) names.push(sheet?.getRow(r).getCell(1).value)
  return names
}

describe('correcting and voiding a trip', () => {
  it('edits a mistaken trip: the list, the file and the audit show the correction', async () => {
    b = await testBackend()
    const { zhang } = await community(b)
    const saved = await b.ok('returnees.register', trip(zhang.id, { returnDate: '2026-02-01', episode: null }))
    const { residentId: _r, episode: _e, ...rest } = trip(zhang.id)
    const edited = await b.ok('returnees.updateTrip', {
      ...rest,
      id: saved.id,
      returnDate: '2026-02-02',
      origin: { province: '北京市', city: '北京市', district: '朝阳区' },
      transport: 'plane',
      transportNo: 'ca1234'
    })
    expect(edited).toMatchObject({ returnDate: '2026-02-02', originText: '北京市朝阳区', transport: 'plane', transportNo: 'CA1234', voided: null })
    expect((await b.ok('returnees.list', {})).rows.map((r) => r.originText)).toEqual(['北京市朝阳区'])
    const audit = b.store.get<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'returnees.updateTrip'")
    expect(audit?.summary).toBe('修改返程登记：张三 2026-02-01')
  })

  it('voids a trip with a reason: out of the list, counts, exports and home figures, still in the person’s file, audited', async () => {
    b = await testBackend()
    const { zhang, li } = await community(b)
    const wrong = await b.ok('returnees.register', trip(zhang.id, { episode: null }))
    await b.ok('returnees.register', trip(li.id, { episode: null, origin: { province: '北京市', city: '北京市', district: '朝阳区' } }))
    const before = await b.ok('monitoring.today', {})
    expect([before.newReturnees, before.report.totalReturnees, before.report.newByProvince.length]).toEqual([2, 2, 2])

    const voided = await b.ok('returnees.voidTrip', { id: wrong.id, reason: '登记错人' })
    expect(voided.voided).toMatchObject({ by: '本机', reason: '登记错人' })
    expect(voided.voided?.at).toMatch(/^2026-02-03T/)

    const list = await b.ok('returnees.list', {})
    expect([list.total, list.rows.map((r) => r.name)]).toEqual([1, ['李四']])
    const after = await b.ok('monitoring.today', {})
    expect([after.newReturnees, after.report.totalReturnees, after.report.newByProvince]).toEqual([1, 1, [{ province: '北京市', count: 1 }]])
    expect(await exportedNames(b)).toEqual(['李四'])

    const file = await b.ok('returnees.get', { residentId: zhang.id })
    expect(file.trips).toHaveLength(1)
    expect(file.trips[0]?.voided?.reason).toBe('登记错人')
    const audit = b.store.get<{ summary: string; record: string }>("SELECT summary, record FROM audit_log WHERE method = 'returnees.voidTrip'")
    expect(audit).toEqual({ summary: '作废返程登记：张三 2026-02-03 自湖北省武汉市江岸区返回，原因：登记错人', record: `returnee_trip:${wrong.id}` })

    // The day is free again for the corrected trip; the voided one is neither edited nor voided twice.
    await b.ok('returnees.register', trip(zhang.id, { episode: null }))
    const again = await b.call('returnees.voidTrip', { id: wrong.id, reason: '重复' })
    expect(again).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } })
    const { residentId: _r, episode: _e, ...fields } = trip(zhang.id)
    const edit = await b.call('returnees.updateTrip', { ...fields, id: wrong.id })
    expect(edit).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION', message: '张三 2026-02-03 的返程登记已于 2026-02-03 作废，不能再修改。' } })
    const start = await b.call('monitoring.start', { residentId: zhang.id, tripId: wrong.id, kind: 'home_observation' })
    expect(start).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION', message: '这条返程登记已作废，不能再为它开始观察。' } })
  })

  it('refuses to void a trip whose observation is still running, and a reason is required', async () => {
    b = await testBackend()
    const { zhang } = await community(b)
    const saved = await b.ok('returnees.register', trip(zhang.id))
    const counts = monitoringCounts(b)
    const running = await b.call('returnees.voidTrip', { id: saved.id, reason: '登记错误' })
    expect(running).toMatchObject({
      ok: false,
      error: { code: 'RULE_VIOLATION', message: '张三 为这次返程开始的观察还在进行中（至 2026-02-17），请先点“查看”解除观察，再作废这条登记。' }
    })
    const blank = await b.call('returnees.voidTrip', { id: saved.id, reason: ' ' })
    expect(blank).toMatchObject({ ok: false, error: { code: 'BAD_ARGS', details: { issues: [{ path: 'reason' }] } } })
    expect(monitoringCounts(b)).toEqual(counts)
    // Released, it may be voided; the episode stays in the person's history.
    await b.ok('monitoring.setStatus', { episodeId: saved.episode?.id ?? 0, status: 'released', reason: '登记错误' })
    await b.ok('returnees.voidTrip', { id: saved.id, reason: '登记错误' })
    expect((await b.ok('returnees.get', { residentId: zhang.id })).episodes).toHaveLength(1)
  })

  it('keeps a grid worker to their grids: another grid’s trip answers NOT_FOUND', async () => {
    b = await testBackend()
    const { wang, east } = await community(b)
    const saved = await b.ok('returnees.register', trip(wang.id, { episode: null }))
    const envelope = await b.call('returnees.voidTrip', { id: saved.id, reason: '错' }, workerSession(east.id))
    expect(envelope).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(b.count("returnee_trips WHERE status = 'voided'")).toBe(0)
  })
})
