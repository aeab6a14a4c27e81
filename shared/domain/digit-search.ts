/**
 * What a search box accepts as digits of an ID or a phone. A masked view shows the last 4 of a
 * mainland ID (110101********4565) and of a mobile (138****5678); a search by a tail of any
 * length would let a caller extend those 4 digit by digit (a phone in 21 searches, an ID in
 * some 11,000), so only fixed shapes are accepted:
 *
 * - exactly 4: the last 4 of a mainland ID or a mobile (also a room number): nothing a masked
 *   view does not already show beside the person;
 * - exactly 6, the last 6 of an ID: only for roles that may see full numbers, since digits 13-14
 *   are the day of birth, which masked views hide;
 * - a whole mobile (11) or ID (18, or an old 15 upgraded to 18): only for roles that may see
 *   full numbers; it finds the person the number belongs to and tells nothing new.
 *
 * For roles that cannot reveal, the last 4 of a landline or a foreign document are not matched
 * either: their masks show only 2 characters at the end, so a 4-digit hit would add two.
 * One to three digits are part of an address (a building, a room) and never touch a number.
 */
import { computeCheckChar } from './id-card'

/** 'full': the caller may reveal numbers (网格员, 工作人员, 管理员); 'masked': 只读, 卡口值守. */
export type DigitReach = 'masked' | 'full'

export type DigitQuery =
  /** Last 4 of an ID or phone; also matched against room numbers. */
  { kind: 'tail4'; digits: string } | { kind: 'idTail6'; digits: string } | { kind: 'wholeId'; id18: string } | { kind: 'wholeMobile'; phone: string }

export type DigitSearch = { ok: true; query: DigitQuery } | { ok: false; message: string }

export const DIGIT_SEARCH_HINT_MASKED = '请输入手机号后4位或身份证号后4位'
export const DIGIT_SEARCH_HINT_FULL = '请输入手机号后4位、身份证号后4位或后6位，或完整的手机号、身份证号'

const MOBILE = /^1[3-9]\d{9}$/

function refuse(reach: DigitReach, why: string): DigitSearch {
  return { ok: false, message: `${why}${reach === 'full' ? DIGIT_SEARCH_HINT_FULL : DIGIT_SEARCH_HINT_MASKED}。` }
}

/**
 * Reads a compacted query (spaces and dashes removed, × read as X). null: not a number search
 * (letters, Chinese, or 1-3 digits of an address). Otherwise the accepted shape, or a refusal
 * with the message to show.
 */
export function readDigitSearch(code: string, reach: DigitReach): DigitSearch | null {
  const upper = code.toUpperCase()
  if (!/^\d+X?$/.test(upper)) return null
  const endsX = upper.endsWith('X')
  if (!endsX && upper.length < 4) return null
  const n = upper.length
  if (n === 4) return { ok: true, query: { kind: 'tail4', digits: upper } }
  if (reach === 'masked') {
    const whole = n === 11 || n === 15 || n === 18
    return refuse(reach, whole ? '您的账号不能按完整号码查找，' : `不能按${n}位号码查找，`)
  }
  if (n === 6) return { ok: true, query: { kind: 'idTail6', digits: upper } }
  if (n === 11 && !endsX && MOBILE.test(upper)) return { ok: true, query: { kind: 'wholeMobile', phone: upper } }
  if (n === 18) return { ok: true, query: { kind: 'wholeId', id18: upper } }
  if (n === 15 && !endsX) {
    // Stored IDs are the 18-digit form; an old 15-digit one is found as what it became.
    const first17 = `${upper.slice(0, 6)}19${upper.slice(6)}`
    return { ok: true, query: { kind: 'wholeId', id18: first17 + computeCheckChar(first17) } }
  }
  return refuse(reach, `不能按${n}位号码查找，`)
}
