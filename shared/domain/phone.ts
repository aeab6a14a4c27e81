/**
 * Mainland phone numbers: mobiles (11 digits) and landlines (area code + local number).
 * Stored in one canonical spelling so duplicates and searches work by plain equality.
 */
import { compactCode, looksLikeScientificNotation, normalizeText } from './normalize'

export type PhoneKind = 'mobile' | 'landline'

export type PhoneErrorCode = 'EMPTY' | 'CHARS' | 'LOOKS_NUMERIC' | 'MOBILE' | 'LANDLINE' | 'NEEDS_AREA_CODE' | 'FOREIGN' | 'FORMAT'

export type PhoneResult = { ok: true; phone: string; kind: PhoneKind; extension?: string } | { ok: false; code: PhoneErrorCode; message: string }

const MESSAGES: Record<PhoneErrorCode, string> = {
  EMPTY: '请填写联系电话',
  CHARS: '电话号码只能包含数字，请核对',
  LOOKS_NUMERIC: '电话号码被存成了数字，部分数字已丢失，请将该列设为文本后重新填写',
  MOBILE: '手机号应为以1开头的11位数字，请核对',
  LANDLINE: '固定电话格式不正确，应为区号加7至8位号码，例如 0371-65551234',
  NEEDS_AREA_CODE: '固定电话请加上区号，例如 0371-65551234',
  FOREIGN: '只支持中国大陆的手机号或固定电话',
  FORMAT: '电话号码格式不正确：手机号为11位，固定电话需带区号，例如 0371-65551234'
}

const MOBILE = /^1[3-9]\d{9}$/
const LOCAL_NUMBER = /^[2-9]\d{6,7}$/
// The extension separator is kept in the stored form; '转' is what clerks write and say.
const EXT_SEPARATOR = '转'
const EXPLICIT_EXT = /^(.*?)\s*(?:转|分机|EXT\.?|X|#)\s*(\d{1,6})$/i
const SEPARATORS = /[\s()\-\u2010-\u2015\u2212]+/

function fail(code: PhoneErrorCode): PhoneResult {
  return { ok: false, code, message: MESSAGES[code] }
}

/**
 * Splits off an extension. Written out ("转801") it is unambiguous; as a trailing group
 * ("0371-65551234-801") it is only trusted when the other two groups are clearly an
 * area code and a local number, because "0371 6555 1234" is digit grouping instead.
 */
function splitExtension(s: string): { main: string; extension?: string } {
  const explicit = EXPLICIT_EXT.exec(s)
  if (explicit && explicit[1] && explicit[2]) return { main: explicit[1], extension: explicit[2] }
  const groups = s.split(SEPARATORS).filter(Boolean)
  const [area, local, ext] = groups
  const shaped = /^0\d{2,3}$/.test(area ?? '') && /^\d{7,8}$/.test(local ?? '') && /^\d{1,6}$/.test(ext ?? '')
  if (groups.length === 3 && shaped && area && local && ext) {
    return { main: area + local, extension: ext }
  }
  return { main: s }
}

/** Returns the digits of a mainland number with any country prefix removed. */
function stripCountryCode(digits: string): { national: string } | { foreign: true } {
  if (digits.startsWith('+86') || digits.startsWith('0086')) {
    const rest = digits.slice(digits.startsWith('+') ? 3 : 4)
    // International dialling drops the trunk 0 of area codes: +86 10 6555 1234. Beijing's
    // 10 starts like a mobile, so only a real mobile shape keeps its leading 1.
    return { national: MOBILE.test(rest) || rest.startsWith('0') ? rest : `0${rest}` }
  }
  if (digits.startsWith('+') || digits.startsWith('00')) return { foreign: true }
  // Without '+' only a full 13-digit 86+mobile is safe to read as a country code.
  if (/^861[3-9]\d{9}$/.test(digits)) return { national: digits.slice(2) }
  return { national: digits }
}

function areaCodeLength(national: string): number {
  // Beijing (010) and the 02x cities have 3-digit area codes; all others have 4.
  return /^0(10|2\d)/.test(national) ? 3 : 4
}

export function parsePhone(raw: string | number | null | undefined): PhoneResult {
  if (typeof raw === 'number') {
    // Excel drops the leading 0 of a landline stored as a number, and rounds long ones.
    const digits = Number.isSafeInteger(raw) ? String(raw) : ''
    if (!MOBILE.test(digits)) return fail('LOOKS_NUMERIC')
    return { ok: true, phone: digits, kind: 'mobile' }
  }
  const text = normalizeText(raw)
  if (text === '') return fail('EMPTY')
  if (looksLikeScientificNotation(text)) return fail('LOOKS_NUMERIC')

  const { main, extension } = splitExtension(text)
  const compact = compactCode(main).replace(/[()]/g, '')
  if (!/^\+?\d+$/.test(compact)) return fail('CHARS')
  const stripped = stripCountryCode(compact)
  if ('foreign' in stripped) return fail('FOREIGN')
  const national = stripped.national

  if (national.startsWith('1')) {
    if (!MOBILE.test(national)) return fail('MOBILE')
    // Mobiles have no extensions; a trailing group means the number itself is wrong.
    if (extension !== undefined) return fail('MOBILE')
    return { ok: true, phone: national, kind: 'mobile' }
  }
  if (national.startsWith('0')) {
    const cut = areaCodeLength(national)
    const area = national.slice(0, cut)
    const local = national.slice(cut)
    if (!LOCAL_NUMBER.test(local)) return fail('LANDLINE')
    const phone = `${area}-${local}${extension ? EXT_SEPARATOR + extension : ''}`
    return extension ? { ok: true, phone, kind: 'landline', extension } : { ok: true, phone, kind: 'landline' }
  }
  if (LOCAL_NUMBER.test(national)) return fail('NEEDS_AREA_CODE')
  return fail('FORMAT')
}

/** Splits a normalised phone into its parts; used by masking and search keys. */
export function splitPhone(phone: string): { area: string; local: string; extension: string } | null {
  const parsed = parsePhone(phone)
  if (!parsed.ok) return null
  const [number = '', extension = ''] = parsed.phone.split(EXT_SEPARATOR)
  if (parsed.kind === 'mobile') return { area: '', local: number, extension }
  const [area = '', local = ''] = number.split('-')
  return { area, local, extension }
}

/** Last 4 digits of the number itself (never of the extension), for quick lookup. */
export function phoneSuffixKey(phone: string | null | undefined): string {
  if (!phone) return ''
  const parts = splitPhone(phone)
  const digits = parts ? parts.local : compactCode(phone).replace(/\D/g, '')
  return digits.slice(-4)
}
