import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { DAY_MS, check, community, monitoringCounts, trip, workerSession } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

async function episodeOf(residentId: number): Promise<number> {
  return (await b.ok('returnees.get', { residentId })).episodes[0]?.id ?? 0
}

describe('daily checks', () => {
  it('keeps morning and evening on one row and flags fever until a later normal check', async () => {
    b = await testBackend()
    const { zhang } = await community(b)
    await b.ok('returnees.register', trip(zhang.id))
    const id = await episodeOf(zhang.id)
    const morning = await b.ok('monitoring.check', check(id, { morning: 36.6 }))
    expect(morning).toMatchObject({ day: '2026-02-03', morning: 36.6, evening: null, outcome: 'normal', abnormal: false, threshold: 37.3, checkedBy: '本机' })
    const evening = await b.ok('monitoring.check', check(id, { morning: 36.6, evening: 37.3 }))
    expect(evening).toMatchObject({ id: morning.id, evening: 37.3, outcome: 'abnormal', abnormal: true })
    expect(b.count('daily_checks')).toBe(1)
    expect((await b.ok('monitoring.episode', { id })).abnormal).toBe(true)
    expect((await b.ok('returnees.list', {})).rows[0]?.episode?.abnormal).toBe(true)
    // Next day: not reached by phone -> still red; then a normal check clears it.
    b.clock.advance(DAY_MS)
    await b.ok('monitoring.check', check(id, { morning: null, outcome: 'unreachable' }))
    expect((await b.ok('monitoring.episode', { id })).abnormal).toBe(true)
    await b.ok('monitoring.check', check(id, { morning: 36.4, evening: 36.5 }))
    expect((await b.ok('monitoring.episode', { id })).abnormal).toBe(false)
    const summaries = b.store.all<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'monitoring.check' ORDER BY id").map((r) => r.summary)
    expect(summaries).toEqual([
      '登记体温：张三 2026-02-03 早 36.6℃',
      '登记体温：张三 2026-02-03 早 36.6℃ 晚 37.3℃（异常）',
      '登记体温：张三 2026-02-04 未联系上',
      '登记体温：张三 2026-02-04 早 36.4℃ 晚 36.5℃'
    ])
  })

  it('marks any symptom abnormal, and a status change ends the red flag', async () => {
    b = await testBackend()
    const { zhang } = await community(b)
    await b.ok('returnees.register', trip(zhang.id))
    const id = await episodeOf(zhang.id)
    expect(await b.ok('monitoring.check', check(id, { morning: 36.5, symptoms: ['dry_cough'] }))).toMatchObject({
      outcome: 'abnormal',
      symptoms: ['dry_cough']
    })
    const hospital = await b.ok('monitoring.setStatus', { episodeId: id, status: 'hospital', reason: '干咳送医' })
    expect(hospital.abnormal).toBe(false)
    expect((await b.ok('monitoring.today', {})).abnormal).toBe(0)
  })

  it.each([
    [{ morning: 33.9 }, 'morning', '早体温 33.9℃ 不合理（应在 34–43℃ 之间），请核对后重新填写'],
    [{ evening: 43.1 }, 'evening', '晚体温 43.1℃ 不合理（应在 34–43℃ 之间），请核对后重新填写'],
    [{ morning: 365 }, 'morning', '早体温 365℃ 不合理'],
    [{ morning: null, evening: null }, 'morning', '请填写早体温或晚体温；联系不上请选“未联系上”'],
    [{ symptoms: ['cough'] }, 'symptoms.0', '未知的症状']
  ])('refuses %j with a clear message and writes nothing', async (overrides, path, message) => {
    b = await testBackend()
    const { zhang } = await community(b)
    await b.ok('returnees.register', trip(zhang.id))
    const id = await episodeOf(zhang.id)
    const before = monitoringCounts(b)
    const envelope = await b.call('monitoring.check', { ...check(id), ...overrides })
    expect(envelope.ok).toBe(false)
    if (envelope.ok) return
    expect(envelope.error.code).toBe('BAD_ARGS')
    expect(envelope.error.message).toContain(message)
    expect(envelope.error.details?.issues?.[0]?.path).toBe(path)
    expect(monitoringCounts(b)).toEqual(before)
  })

  it('refuses checks for a day after today or before the episode started', async () => {
    b = await testBackend()
    const { zhang } = await community(b)
    await b.ok('returnees.register', trip(zhang.id, { returnDate: '2026-02-02' }))
    const id = await episodeOf(zhang.id)
    const before = monitoringCounts(b)
    expect(await b.call('monitoring.check', check(id, { day: '2026-02-04' }))).toMatchObject({
      ok: false,
      error: { message: '不能登记 2026-02-04 的体温：还没有到这一天。' }
    })
    expect(await b.call('monitoring.check', check(id, { day: '2026-02-01' }))).toMatchObject({
      ok: false,
      error: { message: '2026-02-01 早于 张三 的观察开始日期 2026-02-02。' }
    })
    expect(monitoringCounts(b)).toEqual(before)
  })

  it('judges with the threshold in force when saved; a change applies to later checks only', async () => {
    b = await testBackend()
    const { zhang, li } = await community(b)
    await b.ok('returnees.register', trip(zhang.id))
    await b.ok('returnees.register', trip(li.id))
    const [z, l] = [await episodeOf(zhang.id), await episodeOf(li.id)]
    expect(await b.ok('monitoring.check', check(z, { morning: 37.2 }))).toMatchObject({ abnormal: false, threshold: 37.3 })
    await b.ok('settings.update', { temperatureThreshold: 37.0 })
    expect(await b.ok('monitoring.check', check(l, { morning: 37.2 }))).toMatchObject({ abnormal: true, threshold: 37 })
    expect((await b.ok('monitoring.episode', { id: z })).checks[0]).toMatchObject({ abnormal: false, threshold: 37.3 })
    expect((await b.ok('monitoring.today', {})).threshold).toBe(37)
    expect(await b.call('settings.update', { temperatureThreshold: 40 })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('体温阈值不能高于 39.0℃') }
    })
    expect(await b.call('settings.update', { temperatureThreshold: 37.25 })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('精确到 0.1℃') }
    })
  })
})

describe('worklists on a fixed clock', () => {
  it('lists who is due, abnormal, ending and missed, and counts them for the home page', async () => {
    b = await testBackend()
    const { zhang, li, wang } = await community(b)
    await b.ok('returnees.register', trip(zhang.id, { returnDate: '2026-01-20' })) // ends 2026-02-03: today
    await b.ok('returnees.register', trip(li.id, { returnDate: '2026-02-01' }))
    await b.ok('returnees.register', trip(wang.id, { returnDate: '2026-02-03', episode: { kind: 'health_monitoring' } }))
    const [z, l, w] = [await episodeOf(zhang.id), await episodeOf(li.id), await episodeOf(wang.id)]
    await b.ok('monitoring.check', check(l, { day: '2026-02-02', morning: 36.5 }))
    await b.ok('monitoring.check', check(w, { morning: 38.1 }))

    const names = async (list: 'due' | 'abnormal' | 'ending' | 'missed', extra: Record<string, unknown> = {}) =>
      (await b.ok('monitoring.worklist', { list, ...extra })).rows.map((r) => `${r.name}${r.check ? '✓' : ''}`)
    expect(await names('due')).toEqual(['张三', '李四', '王五✓'])
    expect(await names('abnormal')).toEqual(['王五✓'])
    expect(await names('ending')).toEqual(['张三'])
    expect(await names('missed')).toEqual(['张三']) // 李四 was checked on 02-02; 王五 started today
    expect(await names('due', { worker: '网格员乙' })).toEqual(['王五✓'])
    const due = await b.ok('monitoring.worklist', { list: 'due' })
    expect(due.rows.map((r) => r.dayNo)).toEqual([15, 3, 1])
    expect(due.day).toBe('2026-02-03')

    const today = await b.ok('monitoring.today', {})
    expect(today).toMatchObject({
      day: '2026-02-03',
      observing: { home_observation: 2, home_isolation: 0, central_isolation: 0, health_monitoring: 1 },
      observingTotal: 3,
      due: 3,
      notChecked: 2,
      abnormal: 1,
      endingToday: 1,
      missedYesterday: 1,
      newReturnees: 3,
      releasedToday: 0,
      report: { newByProvince: [{ province: '湖北省', count: 3 }], totalReturnees: 3, releasedTotal: 0, abnormalChecksToday: 1, hospital: 0, lost: 0 }
    })

    // Release the one ending today; tomorrow they are no longer due, and a past date still shows the past.
    await b.ok('monitoring.setStatus', { episodeId: z, status: 'released', reason: '' })
    b.clock.advance(DAY_MS)
    expect(await names('due')).toEqual(['李四', '王五'])
    expect(await names('missed')).toEqual(['李四']) // 张三 was released, 王五 checked
    expect(await names('due', { day: '2026-02-02' })).toEqual(['张三', '李四✓'])
    expect(await names('abnormal', { day: '2026-02-03' })).toEqual(['王五✓'])
    expect(await names('abnormal')).toEqual(['王五'])
    const tomorrow = await b.ok('monitoring.today', {})
    expect(tomorrow).toMatchObject({
      newReturnees: 0,
      releasedToday: 0,
      notChecked: 2,
      abnormal: 1,
      missedYesterday: 1,
      report: { releasedTotal: 1, totalReturnees: 3 }
    })
  })

  it('shows a grid worker only their grids, everywhere', async () => {
    b = await testBackend()
    const { zhang, wang, east } = await community(b)
    await b.ok('returnees.register', trip(zhang.id))
    await b.ok('returnees.register', trip(wang.id))
    const worker = workerSession(east.id)
    const list = await b.call('monitoring.worklist', { list: 'due' }, worker)
    expect(list.ok && (list.data as { rows: { name: string }[] }).rows.map((r) => r.name)).toEqual(['张三'])
    const today = await b.call('monitoring.today', {}, worker)
    expect(today.ok && (today.data as { observingTotal: number; newReturnees: number })).toMatchObject({ observingTotal: 1, newReturnees: 1 })
    const sheet = await b.call('monitoring.sheet', {}, worker)
    expect(sheet.ok && (sheet.data as { groups: { worker: string }[] }).groups.map((g) => g.worker)).toEqual(['网格员甲'])
    const other = await episodeOf(wang.id)
    expect(await b.call('monitoring.check', check(other), worker)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await b.call('monitoring.episode', { id: other }, worker)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('groups the daily sheet by grid worker', async () => {
    b = await testBackend()
    const { zhang, li, wang } = await community(b)
    for (const r of [zhang, li, wang]) await b.ok('returnees.register', trip(r.id))
    await b.ok('settings.update', { communityName: '幸福里社区' })
    const sheet = await b.ok('monitoring.sheet', {})
    expect(sheet.communityName).toBe('幸福里社区')
    expect(sheet.groups.map((g) => [g.gridName, g.worker, g.rows.map((r) => r.name)])).toEqual([
      ['东区', '网格员甲', ['张三', '李四']],
      ['西区', '网格员乙', ['王五']]
    ])
    expect((await b.ok('monitoring.sheet', { worker: '网格员乙' })).groups).toHaveLength(1)
  })
})

describe('exports', () => {
  // Both go through the Excel engine (tests/unit/excel/returnee-template.test.ts, observations-export.test.ts).
  it('exports the returnee trips and the 居家观察台账 with masked numbers as text, real dates and who registered each trip', async () => {
    b = await testBackend()
    const { zhang, li } = await community(b)
    await b.ok('settings.update', { communityName: '幸福里社区' })
    await b.ok('returnees.register', trip(zhang.id))
    await b.ok('returnees.register', trip(li.id, { episode: null }))
    const file = await b.ok('excel.exportList', { list: 'returnees', filter: {} })
    expect(file.fileName).toBe('返程人员登记-2026-02-03.xlsx')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]
    expect(sheet?.getCell('A1').value).toBe('幸福里社区返程人员登记')
    expect(String(sheet?.getCell('A2').value)).toContain('填报单位：幸福里社区')
    expect(String(sheet?.getCell('A3').value)).toMatch(/^仅限疫情防控工作使用 导出人：本机/)
    expect((sheet?.getRow(4).values as unknown[]).slice(19, 23)).toEqual(['是否异常', '登记日期', '登记人', '备注'])
    const row = sheet?.getRow(5)
    expect(row?.getCell(1).value).toBe('张三')
    expect(row?.getCell(4).value).toMatch(/^110101\*{8}/)
    expect(row?.getCell(4).numFmt).toBe('@')
    expect(row?.getCell(5).value).toBe('138****5678')
    expect(row?.getCell(10).value).toEqual(new Date('2026-02-03T00:00:00Z'))
    expect([row?.getCell(15).value, row?.getCell(16).value, row?.getCell(19).value]).toEqual(['居家观察', '观察中', '否'])
    expect([row?.getCell(20).value, row?.getCell(21).value]).toEqual([new Date('2026-02-03T00:00:00Z'), '本机'])
    // No observation, no 是否异常 answer.
    expect([sheet?.getCell('A6').value, sheet?.getCell('S6').value]).toEqual(['李四', null])
    expect(sheet?.rowCount).toBe(6)
    const ledger = await b.ok('excel.exportList', { list: 'observations', filter: {} })
    await book.xlsx.load(Buffer.from(ledger.bytes) as unknown as ArrayBuffer)
    expect(book.worksheets[0]?.getRow(5).getCell(9).value).toBe('居家观察')
    const audit = b.store.all<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'excel.exportList' ORDER BY id").map((r) => r.summary)
    expect(audit).toEqual(['导出返程人员登记 2 条（号码已遮盖）', '导出居家观察台账 1 条（号码已遮盖）'])
  })
})
