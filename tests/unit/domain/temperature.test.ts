import { describe, expect, it } from 'vitest'
import { DEFAULT_FEVER_THRESHOLD, formatTemperature, isFever, readTemperature, temperatureProblem, toTenths } from '../../../shared/domain/temperature'

describe('readTemperature', () => {
  it.each([
    ['36.5', 36.5],
    ['36,5', 36.5],
    ['365', 36.5],
    ['３６５', 36.5],
    [' 37 ', 37],
    ['340', 34],
    ['430', 43],
    // Three digits outside 340-430 are not tenths: left as typed, for the range check to refuse.
    ['450', 450],
    ['36.55', null],
    ['3', null],
    ['', null],
    ['abc', null]
  ])('%s -> %s', (text, expected) => {
    expect(readTemperature(text)).toBe(expected)
  })
})

describe('temperatureProblem', () => {
  it('accepts 34 to 43 inclusive', () => {
    for (const t of [34, 36.5, 37.3, 43]) expect(temperatureProblem(t)).toBeNull()
  })
  it('refuses outside the range with one wording', () => {
    expect(temperatureProblem(33.9)).toBe('体温 33.9℃ 不合理（应在 34–43℃ 之间），请核对后重新填写')
    expect(temperatureProblem(43.1)).toBe('体温 43.1℃ 不合理（应在 34–43℃ 之间），请核对后重新填写')
    expect(temperatureProblem(365)).toMatch(/^体温 365℃ 不合理/)
  })
  it('asks for a number when there is none', () => {
    expect(temperatureProblem(Number.NaN)).toBe('请填写体温')
  })
})

describe('isFever', () => {
  it('is at or above the threshold, compared in tenths', () => {
    expect(DEFAULT_FEVER_THRESHOLD).toBe(37.3)
    expect(isFever(37.3)).toBe(true)
    expect(isFever(37.2)).toBe(false)
    // 0.1 + 37.2 is 37.300000000000004 in floating point; tenths compare it as 37.3.
    expect(isFever(37.2 + 0.1, 37.3)).toBe(true)
    expect(isFever(37.29999, 37.3)).toBe(true)
    expect(isFever(37.5, 37.6)).toBe(false)
  })
  it('formats and stores in tenths', () => {
    expect(toTenths(36.55)).toBe(366)
    expect(formatTemperature(365)).toBe('36.5℃')
  })
})
