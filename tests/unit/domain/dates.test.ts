import { describe, it, expect } from 'vitest'
import { addDays, daysBetween, formatZhDate, isValidYmd, parseLooseDate } from '../../../shared/domain/dates'

function dateOf(value: unknown): string | null {
  const r = parseLooseDate(value)
  return r.ok ? r.date : null
}

describe('parseLooseDate: strings', () => {
  it.each([
    ['2020.2.3', '2020-02-03'],
    ['2020/2/3', '2020-02-03'],
    ['2020-02-03', '2020-02-03'],
    ['2020年2月3日', '2020-02-03'],
    ['20200203', '2020-02-03'],
    ['2020年02月03日', '2020-02-03'],
    ['2020年2月3', '2020-02-03'],
    ['2020 年 2 月 3 日', '2020-02-03'],
    ['２０２０年２月３日', '2020-02-03'],
    ['２０２０－０２－０３', '2020-02-03'],
    ['  2020/2/3  ', '2020-02-03'],
    ['2020/2/3 0:00:00', '2020-02-03'],
    ['2020-02-03 14:30', '2020-02-03'],
    ['2020-02-03T14:30:00.000Z', '2020-02-03'],
    ['2020年2月3日 下午3:00', '2020-02-03'],
    ['2020年2月3日上午', '2020-02-03'],
    ['2020-02-03 １４：３０', '2020-02-03'],
    ['2020-2-29', '2020-02-29'],
    ['2000.2.29', '2000-02-29']
  ])('%s -> %s', (input, date) => {
    expect(parseLooseDate(input)).toEqual({ ok: true, date })
  })

  it.each([
    ['2020-02-30', 'INVALID'],
    ['2019-02-29', 'INVALID'],
    ['1900-02-29', 'INVALID'],
    ['2020-13-01', 'INVALID'],
    ['2020-00-10', 'INVALID'],
    ['2020年4月31日', 'INVALID'],
    ['20200230', 'INVALID'],
    ['0999-01-01', 'INVALID'],
    ['', 'EMPTY'],
    ['   ', 'EMPTY'],
    ['2020.2/3', 'FORMAT'],
    ['2/3/2020', 'FORMAT'],
    ['20.2.3', 'FORMAT'],
    ['2020-02-03abc', 'FORMAT'],
    ['202023', 'FORMAT'],
    ['2020020312', 'FORMAT'],
    ['昨天', 'FORMAT'],
    ['43864', 'FORMAT']
  ])('%s -> %s', (input, code) => {
    const r = parseLooseDate(input)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.code).toBe(code)
      expect(r.message).toMatch(/[\u4e00-\u9fff]/)
    }
  })
})

describe('parseLooseDate: Excel serials', () => {
  it.each([
    [43864, '2020-02-03'],
    [43864.75, '2020-02-03'],
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [25569, '1970-01-01'],
    [36526, '2000-01-01'],
    [2958465, '9999-12-31'],
    [20200203, '2020-02-03']
  ])('%d -> %s', (serial, date) => {
    expect(dateOf(serial)).toBe(date)
  })

  it.each([
    [60, 'INVALID'],
    [0, 'RANGE'],
    [-5, 'RANGE'],
    [2958466, 'RANGE'],
    [Number.NaN, 'RANGE'],
    [Number.POSITIVE_INFINITY, 'RANGE'],
    [20200230, 'INVALID']
  ])('%d -> %s', (serial, code) => {
    const r = parseLooseDate(serial)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.code).toBe(code)
  })
})

describe('parseLooseDate: Date objects and other values', () => {
  it('reads a UTC-midnight Date (as exceljs returns) by its UTC day', () => {
    expect(dateOf(new Date(Date.UTC(2020, 1, 3)))).toBe('2020-02-03')
    expect(dateOf(new Date('2020-02-29T00:00:00Z'))).toBe('2020-02-29')
    expect(dateOf(new Date('1949-12-31T00:00:00Z'))).toBe('1949-12-31')
  })

  it('reads any other Date by its local day', () => {
    expect(dateOf(new Date(2020, 1, 3))).toBe('2020-02-03')
    expect(dateOf(new Date(2020, 1, 3, 23, 59, 59))).toBe('2020-02-03')
    expect(dateOf(new Date(2020, 1, 3, 0, 0, 1))).toBe('2020-02-03')
    expect(dateOf(new Date(1949, 11, 31, 12))).toBe('1949-12-31')
  })

  it('rejects invalid dates and other types', () => {
    expect(parseLooseDate(new Date('nope'))).toMatchObject({ ok: false, code: 'INVALID' })
    expect(parseLooseDate(null)).toMatchObject({ ok: false, code: 'EMPTY' })
    expect(parseLooseDate(undefined)).toMatchObject({ ok: false, code: 'EMPTY' })
    expect(parseLooseDate({})).toMatchObject({ ok: false, code: 'FORMAT' })
    expect(parseLooseDate(true)).toMatchObject({ ok: false, code: 'FORMAT' })
  })
})

describe('date arithmetic', () => {
  it.each([
    ['2020-02-28', 1, '2020-02-29'],
    ['2020-02-29', 1, '2020-03-01'],
    ['2019-02-28', 1, '2019-03-01'],
    ['2020-12-31', 1, '2021-01-01'],
    ['2021-01-01', -1, '2020-12-31'],
    ['2020-03-08', 14, '2020-03-22'],
    ['2024-03-31', 0, '2024-03-31'],
    ['2020-01-01', 366, '2021-01-01']
  ])('addDays(%s, %i) = %s', (iso, n, out) => {
    expect(addDays(iso, n)).toBe(out)
  })

  it('counts days across DST-era and leap boundaries without drift', () => {
    expect(daysBetween('2020-02-03', '2020-02-17')).toBe(14)
    expect(daysBetween('2020-02-17', '2020-02-03')).toBe(-14)
    expect(daysBetween('1986-05-01', '1986-10-01')).toBe(153)
    expect(daysBetween('2000-01-01', '2100-01-01')).toBe(36525)
    expect(daysBetween('2020-01-01', '2020-01-01')).toBe(0)
  })

  it('throws on malformed input, which is a programming error', () => {
    expect(() => addDays('2020-2-3', 1)).toThrow()
    expect(() => addDays('2020-02-30', 1)).toThrow()
    expect(() => addDays('2020-02-03', 1.5)).toThrow()
    expect(() => daysBetween('x', '2020-02-03')).toThrow()
  })

  it('formats for display', () => {
    expect(formatZhDate('2020-02-03')).toBe('2020年2月3日')
    expect(formatZhDate('2020-12-31')).toBe('2020年12月31日')
    expect(formatZhDate('')).toBe('')
    expect(formatZhDate(null)).toBe('')
    expect(formatZhDate('garbage')).toBe('garbage')
  })

  it('knows the calendar', () => {
    expect(isValidYmd(2000, 2, 29)).toBe(true)
    expect(isValidYmd(1900, 2, 29)).toBe(false)
    expect(isValidYmd(2024, 4, 31)).toBe(false)
    expect(isValidYmd(2024, 12, 31)).toBe(true)
  })
})
