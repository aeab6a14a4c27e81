import { describe, expect, it } from 'vitest'
import { ageOn, birthYearsForAges, computeCheckChar, isValidYmd, maskBirth, maskId, ymdToIso } from '../../../shared/domain'

/**
 * The masking policy on its own, by exhaustion: every ID an attacker could hold for a person
 * (any birth date from 1890 to today with the same region and last 4, check digit valid) is
 * kept if it would be shown exactly as the real one. The digit positions on which the kept
 * candidates disagree are the ones nothing shown can derive.
 */
const REGION = '110101'
const TODAY = '2026-02-03'

function candidates(realId: string, shown: (id: string, birth: string) => unknown, today = TODAY): string[] {
  const want = JSON.stringify(shown(realId, `${realId.slice(6, 10)}-${realId.slice(10, 12)}-${realId.slice(12, 14)}`))
  const tail = realId.slice(14, 17)
  const out: string[] = []
  for (let y = 1890; y <= 2026; y++) {
    for (let m = 1; m <= 12; m++) {
      for (let d = 1; d <= 31; d++) {
        if (!isValidYmd(y, m, d)) continue
        const birth = ymdToIso(y, m, d)
        if (birth > today) continue
        const first17 = `${REGION}${birth.replaceAll('-', '')}${tail}`
        const id = first17 + computeCheckChar(first17)
        if (id.slice(-4) !== realId.slice(-4)) continue
        if (JSON.stringify(shown(id, birth)) === want) out.push(id)
      }
    }
  }
  return out
}

function unknownPositions(ids: string[]): number[] {
  const first = ids[0] ?? ''
  return [...first].flatMap((_, i) => (ids.some((id) => id[i] !== first[i]) ? [i] : []))
}

const idOf = (yyyymmdd: string, seq = '234') => `${REGION}${yyyymmdd}${seq}${computeCheckChar(`${REGION}${yyyymmdd}${seq}`)}`

// What every masked view shows of a person's ID and birth: the masked ID, the birth year, the age by year, the text.
const maskedOn = (today: string) => (id: string, birth: string) => ({ id: maskId(id), ...maskBirth(birth, today) })
const masked = maskedOn(TODAY)

describe('masking policy: digits of the ID that stay unknown', () => {
  it.each(['19750505', '19750101', '19751231', '20000229', '19460203', '19460204', '20241231'])(
    'born %s: month and day (4 digits) cannot be derived from what masked views show',
    (date) => {
      const id = idOf(date)
      const found = candidates(id, masked)
      expect(found).toContain(id)
      // The check digit rules out about 10 dates in 11, so a few dozen of the year's dates remain.
      expect(found.length).toBeGreaterThanOrEqual(20)
      expect(unknownPositions(found)).toEqual([10, 11, 12, 13])
    }
  )

  it.each([
    ['20260105', '2026-01-10'],
    ['20251231', '2026-01-10'],
    ['20250301', '2026-11-30'],
    ['20260101', '2026-01-01']
  ])('born %s, seen on %s: this year and last are one group, so a birth cannot be pinned by the date being in the past', (date, today) => {
    const id = idOf(date)
    const found = candidates(id, maskedOn(today), today)
    expect(found).toContain(id)
    expect(found.length).toBeGreaterThanOrEqual(20)
    expect(unknownPositions(found)).toEqual(expect.arrayContaining([10, 11, 12, 13]))
    // The year alone would have done it: born in 2026 and seen on 10 January leaves 1-10 January.
    if (date.startsWith(today.slice(0, 4))) {
      const byYear = candidates(id, (candidate, birth) => ({ id: maskId(candidate), year: birth.slice(0, 4) }), today)
      expect(unknownPositions(byYear).length).toBeLessThan(4)
    }
  })

  it('the birth date beside the masked ID (the old lists and exports) leaves no digit unknown', () => {
    const id = idOf('19750505')
    const found = candidates(id, (candidate, birth) => ({ id: maskId(candidate), birth }))
    expect(found).toEqual([id])
  })

  it('the age in completed years beside the birth year would tell the birthday early in the year', () => {
    // On 2026-01-02 someone born in 1975 who is already 51 was born on 1 or 2 January: the check
    // digit then picks one. The age by year (2026 - 1975) says nothing the year does not.
    const id = idOf('19750101')
    const withCompletedAge = candidates(id, (candidate, birth) => ({ id: maskId(candidate), year: birth.slice(0, 4), age: ageOn(birth, '2026-01-02') }))
    expect(unknownPositions(withCompletedAge).length).toBeLessThan(4)
    expect(unknownPositions(candidates(id, masked))).toEqual([10, 11, 12, 13])
  })

  it('shows the year and the age by year; this year and last as one group; nothing for an unknown date', () => {
    expect(maskBirth('1975-05-05', TODAY)).toEqual({ birthYear: 1975, age: 51, text: '1975年' })
    expect(maskBirth('1975-12-31', '2026-01-01')).toEqual({ birthYear: 1975, age: 51, text: '1975年' })
    expect(maskBirth('2024-12-31', TODAY)).toEqual({ birthYear: 2024, age: 2, text: '2024年' })
    expect(maskBirth('2025-01-01', TODAY)).toEqual({ birthYear: null, age: null, text: '2025年及以后' })
    expect(maskBirth('2026-02-01', TODAY)).toEqual({ birthYear: null, age: null, text: '2025年及以后' })
    expect(maskBirth(null, TODAY)).toEqual({ birthYear: null, age: null, text: '' })
    expect(maskBirth('1975-02-30', TODAY)).toEqual({ birthYear: null, age: null, text: '' })
  })

  it('age filters take whole birth years, and ages 0 and 1 together', () => {
    const now = new Date(2026, 1, 3, 12)
    expect(birthYearsForAges(now, 80, 80)).toEqual({ from: 1946, to: 1946 })
    expect(birthYearsForAges(now, 2, undefined)).toEqual({ to: 2024 })
    expect(birthYearsForAges(now, 1, undefined)).toEqual({ to: 2026 })
    expect(birthYearsForAges(now, undefined, 0)).toEqual({ from: 2025 })
    expect(birthYearsForAges(now, 0, 0)).toEqual({ from: 2025, to: 2026 })
  })
})
