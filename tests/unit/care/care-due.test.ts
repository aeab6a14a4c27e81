import { describe, expect, it } from 'vitest'
import { careHelpChannel, isCareDue, nextCareDay } from '../../../shared/domain/care'
import { addDays } from '../../../shared/domain/dates'

const plan = (frequency: Parameters<typeof isCareDue>[0]['frequency'], anchorDay: string, active = true) => ({ frequency, anchorDay, active })
const dueDays = (p: Parameters<typeof isCareDue>[0], from: string, n: number) =>
  Array.from({ length: n }, (_, i) => addDays(from, i)).filter((d) => isCareDue(p, d))

describe('关爱: the due rule', () => {
  it('每日电话 is due every day from its first day, not before; a paused plan never', () => {
    expect(isCareDue(plan('daily_call', '2026-02-27'), '2026-02-26')).toBe(false)
    expect(dueDays(plan('daily_call', '2026-02-27'), '2026-02-27', 5)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02', '2026-03-03'])
    expect(dueDays(plan('daily_call', '2026-02-27', false), '2026-02-27', 5)).toEqual([])
  })

  it('每两日电话 keeps its parity over a month end (February, leap year) and a year end', () => {
    expect(dueDays(plan('alternate_call', '2028-02-27'), '2028-02-27', 6)).toEqual(['2028-02-27', '2028-02-29', '2028-03-02'])
    expect(dueDays(plan('alternate_call', '2026-02-27'), '2026-02-27', 6)).toEqual(['2026-02-27', '2026-03-01', '2026-03-03'])
    expect(dueDays(plan('alternate_call', '2026-12-30'), '2026-12-30', 5)).toEqual(['2026-12-30', '2027-01-01', '2027-01-03'])
  })

  it('每周电话 and 每周上门 fall on the first day’s weekday, across week, month and year ends', () => {
    // 2026-12-28 is a Monday.
    expect(dueDays(plan('weekly_call', '2026-12-28'), '2026-12-20', 30)).toEqual(['2026-12-28', '2027-01-04', '2027-01-11', '2027-01-18'])
    expect(dueDays(plan('weekly_visit', '2026-01-31'), '2026-01-31', 15)).toEqual(['2026-01-31', '2026-02-07', '2026-02-14'])
    for (const d of dueDays(plan('weekly_visit', '2026-12-28'), '2026-12-28', 60)) expect(new Date(`${d}T12:00:00Z`).getUTCDay()).toBe(1)
  })

  it('the next contact day is the first due day on or after the day asked', () => {
    expect(nextCareDay(plan('weekly_call', '2026-12-28'), '2026-12-01')).toBe('2026-12-28')
    expect(nextCareDay(plan('weekly_call', '2026-12-28'), '2026-12-29')).toBe('2027-01-04')
    expect(nextCareDay(plan('alternate_call', '2026-02-27'), '2026-03-01')).toBe('2026-03-01')
    expect(nextCareDay(plan('alternate_call', '2026-02-27'), '2026-03-02')).toBe('2026-03-03')
  })

  it('a request raised by a grid worker’s contact comes by 网格员, a volunteer’s by the contact’s own way', () => {
    expect(careHelpChannel(true, 'visit')).toBe('grid_worker')
    expect(careHelpChannel(false, 'visit')).toBe('visit')
    expect(careHelpChannel(false, 'wechat')).toBe('wechat')
    expect(careHelpChannel(false, 'phone')).toBe('phone')
  })
})
