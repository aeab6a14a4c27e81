/**
 * Default display masking. Epidemic-prevention data may only be shown in full when a
 * clerk asks for it (PIPL), so lists and exports go through these helpers.
 */
import { localIsoDate, splitIsoDate } from './dates'
import { splitPhone } from './phone'

const CANONICAL_ID = /^\d{15}$|^\d{17}[\dX]$/
const CANONICAL_MOBILE = /^1\d{10}$/

function stars(n: number): string {
  return '*'.repeat(Math.max(0, n))
}

/**
 * Keeps both ends of a short value. Four characters or fewer are fully hidden, because
 * keeping two at each end would reveal the whole thing.
 */
function maskEnds(chars: string[], keep: number): string {
  if (chars.length <= keep * 2) return stars(chars.length)
  return chars.slice(0, keep).join('') + stars(chars.length - keep * 2) + chars.slice(-keep).join('')
}

/**
 * Mainland IDs (15/18) keep the 6-digit region and the last 4, which hides the birth
 * date; the last 4 are what clerks read back to residents to confirm identity.
 * Other documents keep only two characters at each end.
 */
export function maskId(id: string | null | undefined): string {
  if (!id) return ''
  // The stored form of a mainland ID (canonical, ASCII): no need to split it into characters.
  if (CANONICAL_ID.test(id)) return id.slice(0, 6) + stars(id.length - 10) + id.slice(-4)
  // Array.from so that a character outside the BMP is never split in half.
  const chars = Array.from(id.trim())
  if (chars.length === 0) return ''
  if (/^\d{15}$|^\d{17}[\dX]$/i.test(chars.join(''))) {
    return chars.slice(0, 6).join('') + stars(chars.length - 10) + chars.slice(-4).join('')
  }
  return maskEnds(chars, 2)
}

/**
 * Mobiles: 138****5678. Landlines: area code and last 2 digits (0371-******34); the
 * extension is dropped since a masked list has no use for it. Anything unparseable is
 * masked generically rather than shown, so a bad value never leaks in full.
 */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return ''
  // A stored mobile number: what splitPhone would make of it, without parsing (exports mask 50,000).
  if (CANONICAL_MOBILE.test(phone)) return phone.slice(0, 3) + '****' + phone.slice(-4)
  const parts = splitPhone(phone)
  if (!parts) return maskEnds(Array.from(phone.trim()), 2)
  if (!parts.area) return parts.local.slice(0, 3) + stars(4) + parts.local.slice(-4)
  return `${parts.area}-${stars(parts.local.length - 2)}${parts.local.slice(-2)}`
}

/**
 * What a masked view may show of a birth date. A masked mainland ID keeps the region (6 digits)
 * and the last 4, so the 8 digits between are exactly the birth date: the full date beside it
 * would complete the number. Masked views (lists, details before reveal, masked exports and
 * CSV, filled templates, prints) therefore show the birth year only, and the age counted by
 * year (this year − birth year). The month and day (4 digits of the ID) stay unknown.
 *
 * Not the age in completed years (周岁): it changes on the birthday, so the day it changes,
 * or an age filter on the day a boundary is crossed, would tell the month and day. The age by
 * year changes for everybody on 1 January and says nothing the year does not.
 *
 * This year's births are the exception: a birth date is never in the future, so "born this
 * year" early in the year leaves a few dates (born in 2026 and seen on 10 January: 1-10 January,
 * and the check digit picks one). Those born this year or last are shown together as one
 * group ('2025年及以后', no age), which always spans a whole past year of months and days.
 *
 * The birth date and 周岁 are shown with the full number only (a reveal, a full export).
 */
export interface MaskedBirth {
  /** null when unknown, and for this year's and last year's births (shown as one group). */
  birthYear: number | null
  /** This year − birth year: the age the person reaches this calendar year; null with birthYear. */
  age: number | null
  /** '1975年', '2025年及以后', or '' when unknown. */
  text: string
}

const NO_BIRTH: MaskedBirth = { birthYear: null, age: null, text: '' }

export function maskBirth(birthDate: string | null | undefined, today: Date | string): MaskedBirth {
  const birth = birthDate ? splitIsoDate(birthDate) : null
  const now = splitIsoDate(typeof today === 'string' ? today : localIsoDate(today))
  if (!birth || !now) return NO_BIRTH
  if (birth.y >= now.y - 1) return { birthYear: null, age: null, text: `${now.y - 1}年及以后` }
  return { birthYear: birth.y, age: now.y - birth.y, text: `${birth.y}年` }
}

/**
 * The birth years an age filter admits, counted by year as masked views count it: age >= n is
 * born in (this year − n) or earlier. Ages 0 and 1 are one group there (see maskBirth), so a
 * bound that would split it takes the whole group: a filter must not tell this year's births
 * from last year's either.
 */
export function birthYearsForAges(today: Date, ageMin: number | undefined, ageMax: number | undefined): { from?: number; to?: number } {
  const year = today.getFullYear()
  const out: { from?: number; to?: number } = {}
  if (ageMin !== undefined) out.to = year - ageMin >= year - 1 ? year : year - ageMin
  if (ageMax !== undefined) out.from = year - ageMax >= year - 1 ? year - 1 : year - ageMax
  return out
}
