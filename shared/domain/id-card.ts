/**
 * Mainland resident ID numbers (GB 11643-1999). The number carries region, birth date,
 * sex and a check digit, so most typing mistakes can be caught before they are saved.
 */
import { compactCode, looksLikeScientificNotation, normalizeText } from './normalize'
import { isValidYmd, localIsoDate, splitIsoDate, ymdToIso } from './dates'

export type Sex = 'M' | 'F'

export type MainlandIdErrorCode = 'EMPTY' | 'LENGTH' | 'CHARS' | 'REGION' | 'DATE' | 'FUTURE_DATE' | 'CHECK_DIGIT' | 'LOOKS_NUMERIC'

export interface MainlandIdOk {
  ok: true
  id18: string
  birthDate: string
  sex: Sex
  regionCode: string
  convertedFrom15: boolean
}

export interface MainlandIdError {
  ok: false
  code: MainlandIdErrorCode
  message: string
}

export type MainlandIdResult = MainlandIdOk | MainlandIdError

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
const CHECK_CHARS = '10X98765432'

// Province-level prefixes, plus 71 Taiwan, 81/82 Hong Kong/Macau and 83 the Taiwan
// residents' residence permit, which share this number format.
const PROVINCE_CODES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
  '91'
])

// The oldest living residents were born around 1900; earlier years are typos.
const MIN_BIRTH_YEAR = 1890

export const NUMERIC_ID_MESSAGE = '身份证号被存成了数字，末几位已丢失，请将该列设为文本后重新填写'

const MESSAGES: Record<MainlandIdErrorCode, string> = {
  EMPTY: '请填写身份证号',
  LENGTH: '身份证号应为18位（旧证15位）',
  CHARS: '身份证号只能由数字组成，最后一位可以是X',
  REGION: '身份证号前两位不是有效的省份代码，请核对',
  DATE: '身份证号中的出生日期不存在，请核对第7至14位',
  FUTURE_DATE: '身份证号中的出生日期晚于今天，请核对第7至14位',
  CHECK_DIGIT: '身份证号校验位不正确，请核对最后一位',
  LOOKS_NUMERIC: NUMERIC_ID_MESSAGE
}

function fail(code: MainlandIdErrorCode, message?: string): MainlandIdError {
  return { ok: false, code, message: message ?? MESSAGES[code] }
}

/** The 18th character for the first 17 digits. */
export function computeCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (WEIGHTS[i] ?? 0)
  return CHECK_CHARS.charAt(sum % 11)
}

/**
 * Validates and normalises a mainland ID. Old 15-digit numbers are upgraded to 18 so
 * every stored ID has one canonical form and duplicates can be found by equality.
 */
export function parseMainlandId(raw: string | number | null | undefined, today: Date): MainlandIdResult {
  if (typeof raw === 'number') {
    // Doubles hold 15 digits exactly; anything longer has already been rounded.
    if (!Number.isSafeInteger(raw) || String(raw).length > 15) return fail('LOOKS_NUMERIC')
    raw = String(raw)
  }
  if (raw == null || compactCode(raw) === '') return fail('EMPTY')
  if (looksLikeScientificNotation(raw)) return fail('LOOKS_NUMERIC')

  // Chinese IMEs offer '×' when a clerk types x; it is never meant literally here.
  const s = compactCode(raw).replace(/×/g, 'X')
  if (!/^\d+X?$/.test(s)) return fail('CHARS')
  if (s.length !== 18 && s.length !== 15) {
    return fail('LENGTH', `身份证号应为18位（旧证15位），当前为${s.length}位`)
  }
  if (s.length === 15 && s.endsWith('X')) return fail('CHARS')

  const convertedFrom15 = s.length === 15
  const first17 = convertedFrom15 ? `${s.slice(0, 6)}19${s.slice(6)}` : s.slice(0, 17)
  const regionCode = first17.slice(0, 6)
  if (!PROVINCE_CODES.has(regionCode.slice(0, 2))) return fail('REGION')

  const y = Number(first17.slice(6, 10))
  const m = Number(first17.slice(10, 12))
  const d = Number(first17.slice(12, 14))
  if (y < MIN_BIRTH_YEAR || !isValidYmd(y, m, d)) return fail('DATE')
  const birthDate = ymdToIso(y, m, d)
  if (birthDate > localIsoDate(today)) return fail('FUTURE_DATE')

  const check = computeCheckChar(first17)
  if (!convertedFrom15 && s.charAt(17) !== check) {
    // Excel keeps 15 significant digits, so a pasted-as-number ID ends in "000".
    return s.endsWith('000') ? fail('LOOKS_NUMERIC') : fail('CHECK_DIGIT')
  }

  return {
    ok: true,
    id18: first17 + check,
    birthDate,
    sex: Number(first17.charAt(16)) % 2 === 1 ? 'M' : 'F',
    regionCode,
    convertedFrom15
  }
}

/** Last 6 characters: enough to find a person by ID without handling the whole number. */
export function idSuffixKey(id18: string): string {
  return compactCode(id18).slice(-6)
}

/**
 * Age in completed years (周岁). Someone born on 29 February gains a year on 1 March in
 * common years, since their birthday has not yet come on 28 February.
 */
export function ageOn(birthDate: string, today: Date | string): number {
  const birth = splitIsoDate(birthDate)
  const now = splitIsoDate(typeof today === 'string' ? today : localIsoDate(today))
  if (!birth || !now) return Number.NaN
  const hadBirthday = now.m > birth.m || (now.m === birth.m && now.d >= birth.d)
  return now.y - birth.y - (hadBirthday ? 0 : 1)
}

export const ID_DOC_TYPES = ['mainland', 'passport', 'hkmo_tw', 'other'] as const

export type IdDocType = (typeof ID_DOC_TYPES)[number]

export const ID_DOC_TYPE_LABELS: Record<IdDocType, string> = {
  mainland: '居民身份证',
  passport: '护照',
  hkmo_tw: '港澳台居民证件',
  other: '其他'
}

export function isIdDocType(value: unknown): value is IdDocType {
  return typeof value === 'string' && (ID_DOC_TYPES as readonly string[]).includes(value)
}

export type IdDocErrorCode = MainlandIdErrorCode | 'FORMAT' | 'UNKNOWN_TYPE'

/** birthDate, sex and convertedFrom15 are only known for mainland IDs. */
export type IdDocumentResult =
  | {
      ok: true
      type: IdDocType
      number: string
      birthDate: string | null
      sex: Sex | null
      convertedFrom15: boolean
    }
  | { ok: false; code: IdDocErrorCode; message: string }

// Foreign and HK/Macau/Taiwan documents vary too much to check digits, so only the
// shape is enforced; the aim is to catch a wrong column, not to verify the document.
const LOOSE_RULES: Record<Exclude<IdDocType, 'mainland'>, { pattern: RegExp; message: string }> = {
  passport: { pattern: /^[A-Z0-9]{5,20}$/, message: '护照号码应为5至20位字母或数字' },
  // Hong Kong identity cards print the check digit in parentheses: A123456(7).
  hkmo_tw: { pattern: /^[A-Z0-9()]{8,18}$/, message: '港澳台居民证件号码应为8至18位字母、数字或括号' },
  other: { pattern: /^\S{2,30}$/u, message: '证件号码应为2至30个字符' }
}

/**
 * Validates a document number of the given type and returns it in canonical form, so
 * that the same document typed twice is stored identically.
 */
export function validateIdDocument(type: IdDocType, raw: string | number | null | undefined, today: Date): IdDocumentResult {
  if (!isIdDocType(type)) return { ok: false, code: 'UNKNOWN_TYPE', message: '请选择证件类型' }
  if (type === 'mainland') {
    const r = parseMainlandId(raw, today)
    if (!r.ok) return r
    return { ok: true, type, number: r.id18, birthDate: r.birthDate, sex: r.sex, convertedFrom15: r.convertedFrom15 }
  }
  const text = raw == null ? '' : String(raw)
  // Dashes may be part of an "other" document's number, so only whitespace goes there.
  const number = type === 'other' ? normalizeText(text).replace(/\s+/g, '').toUpperCase() : compactCode(text)
  if (number === '') return { ok: false, code: 'EMPTY', message: '请填写证件号码' }
  const rule = LOOSE_RULES[type]
  if (!rule.pattern.test(number)) {
    return { ok: false, code: 'FORMAT', message: rule.message }
  }
  return { ok: true, type, number, birthDate: null, sex: null, convertedFrom15: false }
}
