import { afterEach, describe, expect, it } from 'vitest'
import type { ReportDay } from '../../../shared/contract'
import { localIsoDate } from '../../../shared/domain/dates'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { community, request, volunteer } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

const DAY = 24 * 3600_000

function figures(report: ReportDay): Record<string, number> {
  const section = report.sections.find((s) => s.group === 'help')
  return Object.fromEntries((section?.lines ?? []).map((l) => [l.key, l.value]))
}

describe('居民求助 in the 每日疫情防控报表 (report.day)', () => {
  it('counts new, done, open, overdue and new by type by the requests’ own dates, any past day as it stood', async () => {
    b = await testBackend()
    const c = await community(b)
    const v = await b.ok('volunteers.create', volunteer({ name: '小吴' }))
    const day1 = localIsoDate(b.clock.now())
    // Day 1: three requests, one wanted by the evening; one finished the same day.
    const late = await b.ok('help.create', request({ residentId: c.grandma.id, type: 'medicine', wantedBy: `${day1} 23:00` }))
    const quick = await b.ok('help.create', request({ residentId: c.grandpa.id }))
    await b.ok('help.create', request({ callerName: '赵先生', type: 'counselling' }))
    await b.ok('help.act', { id: quick.id, action: 'assign', volunteerId: v.id, note: '' })
    await b.ok('help.act', { id: quick.id, action: 'finish', note: '已送到' })
    // Day 2: the late one is done, another is cancelled, a new one comes in.
    b.clock.advance(DAY)
    const day2 = localIsoDate(b.clock.now())
    await b.ok('help.act', { id: late.id, action: 'assign', volunteerId: v.id, note: '' })
    await b.ok('help.act', { id: late.id, action: 'finish', note: '已代配' })
    const open = (await b.ok('help.list', { openOnly: true })).rows
    await b.ok('help.act', { id: open[0]?.id ?? 0, action: 'cancel', note: '家属已办' })
    await b.ok('help.create', request({ callerName: '钱女士', wantedBy: `${day2} 23:30` }))

    const first = figures(await b.ok('report.day', { day: day1 }))
    expect(first).toMatchObject({ 'help.newToday': 3, 'help.doneToday': 1, 'help.open': 2, 'help.overdue': 1 })
    expect(first).toMatchObject({ 'help.type.groceries': 1, 'help.type.medicine': 1, 'help.type.counselling': 1, 'help.type.garbage': 0 })
    const second = figures(await b.ok('report.day', { day: day2 }))
    // 钱女士's is wanted within the day and still open at its end: overdue by the day's end, whatever the hour the report is read.
    expect(second).toMatchObject({
      'help.newToday': 1,
      'help.doneToday': 1,
      'help.open': 1,
      'help.overdue': 1,
      'help.type.groceries': 1,
      'help.type.medicine': 0
    })
    const section = (await b.ok('report.day', { day: day1 })).sections.find((s) => s.group === 'help')
    expect(section?.title).toBe('居民求助')
    expect(section?.lines.find((l) => l.key === 'help.overdue')).toMatchObject({ label: '超时未办结', unit: '件', alert: true })
    expect(section?.lines.find((l) => l.key === 'help.open')?.definition).toContain('当日结束时尚未办结')
    // A day before anything: zeros, nothing red.
    const before = await b.ok('report.day', { day: localIsoDate(new Date(b.clock.now().getTime() - 3 * DAY)) })
    expect(Object.values(figures(before)).every((n) => n === 0)).toBe(true)
    expect(before.sections.find((s) => s.group === 'help')?.lines.some((l) => l.alert)).toBe(false)
  })
})
