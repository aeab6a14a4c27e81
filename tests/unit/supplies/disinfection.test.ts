import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { scheduleStatus, timesOnDay, wallClock } from '../../../electron/backend/disinfection/schedule'
import type { MethodArgs } from '../../../shared/contract'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { fail, item, ledgerProblems, receipt, suppliesCounts } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

const HOUR = 3_600_000
const base = { createdAt: '2026-02-01 09:00', lastDoneAt: null } as const

describe('schedules on a fixed clock', () => {
  it('twice a day is due 12 hours after the last time, and says how late it is', () => {
    const twice = { ...base, schedule: 'per_day', timesPerDay: 2, intervalDays: 1, lastDoneAt: '2026-02-03 07:30' } as const
    expect(scheduleStatus(twice, '2026-02-03 19:30')).toEqual({ nextDueAt: '2026-02-03 19:30', overdue: false, overdueText: '' })
    expect(scheduleStatus(twice, '2026-02-03 22:45')).toEqual({ nextDueAt: '2026-02-03 19:30', overdue: true, overdueText: '逾期 3 小时' })
    expect(scheduleStatus(twice, '2026-02-06 08:00').overdueText).toBe('逾期 2 天')
    expect(timesOnDay(twice, '2026-02-09')).toBe(2)
  })

  it('every 3 days is due by the end of the third day; a place never done counts from when it was added', () => {
    const every3 = { ...base, schedule: 'every_days', timesPerDay: 1, intervalDays: 3, lastDoneAt: '2026-02-01 16:00' } as const
    expect(scheduleStatus(every3, '2026-02-04 23:59')).toEqual({ nextDueAt: '2026-02-04', overdue: false, overdueText: '' })
    expect(scheduleStatus(every3, '2026-02-05 00:01')).toEqual({ nextDueAt: '2026-02-04', overdue: true, overdueText: '逾期 1 天' })
    expect(timesOnDay(every3, '2026-02-03')).toBe(0)
    expect(timesOnDay(every3, '2026-02-04')).toBe(1)
    const never = { ...base, schedule: 'every_days', timesPerDay: 1, intervalDays: 1 } as const
    expect(scheduleStatus(never, '2026-02-03 08:00')).toMatchObject({ nextDueAt: '2026-02-02', overdue: true, overdueText: '逾期 1 天' })
    // Across a month end and a leap day.
    expect(scheduleStatus({ ...every3, lastDoneAt: '2028-02-27 10:00' }, '2028-03-01 10:00')).toMatchObject({ nextDueAt: '2028-03-01', overdue: false })
  })
})

function place(overrides: Partial<MethodArgs<'disinfection.savePlace'>> = {}): MethodArgs<'disinfection.savePlace'> {
  return {
    name: '3栋楼道',
    kind: 'corridor',
    building: '3栋',
    gridId: null,
    schedule: 'per_day',
    timesPerDay: 2,
    intervalDays: 1,
    active: true,
    notes: '',
    ...overrides
  }
}

function log(placeId: number, doneAt: string, overrides: Partial<MethodArgs<'disinfection.log'>> = {}): MethodArgs<'disinfection.log'> {
  return {
    placeId,
    doneAt,
    agent: '含氯消毒液',
    concentration: '含氯 500 mg/L',
    method: 'spray',
    operator: '刘师傅',
    checker: '陈主任',
    note: '',
    ...overrides
  }
}

describe('places and the log through dispatch', () => {
  it('lists overdue places on the backend clock, and a log brings a place back on schedule', async () => {
    b = await testBackend()
    // Schedules run by the office's calendar days: start at 08:00 local time in any time zone
    // (the shared clock starts at 08:00 UTC, which is 16:00 in Beijing and shifts every day boundary).
    b.clock.advance(new Date(2026, 1, 3, 8).getTime() - b.clock.now().getTime())
    const now = () => wallClock(b.clock.now())
    const corridor = await b.ok('disinfection.savePlace', place())
    const lift = await b.ok('disinfection.savePlace', place({ name: '3栋电梯', kind: 'elevator', schedule: 'every_days', intervalDays: 2 }))
    expect(corridor).toMatchObject({ scheduleText: '每天 2 次', overdue: false, lastDoneAt: null })
    expect(lift.scheduleText).toBe('每 2 天 1 次')
    expect(await fail(b, 'disinfection.savePlace', place())).toMatchObject({ code: 'CONFLICT', message: '已有名为“3栋楼道”的消杀场所。' })
    b.clock.advance(13 * HOUR)
    expect((await b.ok('disinfection.overdue', {})).map((p) => [p.name, p.overdueText])).toEqual([['3栋楼道', '逾期 1 小时']])
    await b.ok('disinfection.log', log(corridor.id, now()))
    expect(await b.ok('disinfection.overdue', {})).toEqual([])
    b.clock.advance(72 * HOUR)
    // Same building: names in pinyin order (电梯 before 楼道), as a clerk would look them up.
    expect((await b.ok('disinfection.overdue', {})).map((p) => [p.name, p.overdueText])).toEqual([
      ['3栋电梯', '逾期 1 天'],
      ['3栋楼道', '逾期 2 天']
    ])
    await b.ok('disinfection.savePlace', {
      ...place({ name: '3栋电梯', kind: 'elevator', schedule: 'every_days', intervalDays: 2, active: false }),
      id: lift.id
    })
    expect((await b.ok('disinfection.overdue', {})).map((p) => p.name)).toEqual(['3栋楼道'])
    expect(await fail(b, 'disinfection.log', log(lift.id, now()))).toMatchObject({ code: 'RULE_VIOLATION', message: '“3栋电梯”已停用，不能登记消杀。' })
  })

  it('books the agent out of stock in the same step, and writes nothing when stock is short or input is bad', async () => {
    b = await testBackend()
    const now = wallClock(b.clock.now())
    const agent = await b.ok('supplies.saveItem', item({ name: '84消毒液', category: 'disinfectant', spec: '500ml', unit: '瓶' }))
    await b.ok('supplies.receive', receipt(agent.id, 3))
    const corridor = await b.ok('disinfection.savePlace', place())
    const entry = await b.ok('disinfection.log', log(corridor.id, now, { stock: { itemId: agent.id, quantity: 2 } }))
    expect(entry).toMatchObject({ placeName: '3栋楼道', refNo: 'CK20260203-0001', agent: '含氯消毒液', method: 'spray' })
    const line = (await b.ok('supplies.ledger', { counterpart: entry.refNo ?? '' })).rows[0]
    expect(line).toMatchObject({ quantity: -2, balanceAfter: 1, counterpartKind: 'other', counterpartName: '消杀：3栋楼道', receiver: '刘师傅' })
    const before = suppliesCounts(b)
    expect(await fail(b, 'disinfection.log', log(corridor.id, now, { stock: { itemId: agent.id, quantity: 2 } }))).toMatchObject({ code: 'RULE_VIOLATION' })
    expect(await fail(b, 'disinfection.log', log(corridor.id, '2099-01-01 08:00'))).toMatchObject({ code: 'BAD_ARGS', message: '消杀时间不能晚于现在。' })
    expect((await fail(b, 'disinfection.log', log(corridor.id, '2026-2-3 8:00'))).message).toBe('填写的内容有误（doneAt）：时间格式应为 YYYY-MM-DD HH:mm')
    expect((await fail(b, 'disinfection.log', log(corridor.id, now, { operator: '' }))).message).toBe('填写的内容有误（operator）：请填写操作人')
    expect(suppliesCounts(b)).toEqual(before)
    expect(ledgerProblems(b)).toEqual([])
  })

  it('makes a day sheet of the places due that day, and exports the log to Excel with an audit row', async () => {
    b = await testBackend()
    const today = wallClock(b.clock.now()).slice(0, 10)
    const corridor = await b.ok('disinfection.savePlace', place())
    await b.ok('disinfection.savePlace', place({ name: '垃圾站', kind: 'garbage', building: '', schedule: 'every_days', intervalDays: 3 }))
    await b.ok('disinfection.log', log(corridor.id, wallClock(b.clock.now()), { note: '=cmd|calc' }))
    const sheet = await b.ok('disinfection.daySheet', { date: today })
    expect(sheet.rows.map((r) => [r.place.name, r.times, r.done.length])).toEqual([['3栋楼道', 2, 1]])
    const later = await b.ok('disinfection.daySheet', { date: '2026-02-06' })
    expect(later.rows.map((r) => [r.place.name, r.times])).toEqual([
      ['垃圾站', 1],
      ['3栋楼道', 2]
    ])
    const page = await b.ok('disinfection.logs', { from: today, to: today })
    expect(page.total).toBe(1)
    const auditBefore = b.count('audit_log')
    const file = await b.ok('disinfection.export', { from: today, to: today })
    expect(b.count('audit_log')).toBe(auditBefore + 1)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer)
    const ws = workbook.getWorksheet('消杀记录')!
    // The time a clerk typed is the wall clock: the cell shows exactly it (exceljs reads the cell back as that time in UTC).
    const doneAt = new Date(`${page.rows[0]?.doneAt.replace(' ', 'T')}:00Z`)
    expect((ws.getRow(5).values as unknown[]).slice(1, 10)).toEqual([1, doneAt, '3栋楼道', '楼道', '3栋', '含氯消毒液', '含氯 500 mg/L', '喷洒', '刘师傅'])
    expect(ws.getCell('B5').numFmt).toBe('yyyy-mm-dd hh:mm')
    // Text a clerk typed stays text, never a formula.
    expect(ws.getCell('K5').value).toBe('=cmd|calc')
    expect(ws.getCell('K5').numFmt).toBe('@')
    expect(await fail(b, 'disinfection.export', { from: '2026-03-01', to: '2026-02-01' })).toMatchObject({ message: '开始日期不能晚于结束日期。' })
  })
})
