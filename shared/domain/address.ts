/**
 * One address, however it is spelled. Clerks, street-office files and volunteers write the same
 * building as 5号楼, 5栋, 五号楼, 5幢, 第5栋, 5座 or "５ 栋", the same entrance as 二单元 or 2门, the
 * same room as 501室, 501号, 501房 or 501. Each part has a canonical key: two spellings with the
 * same key are the same place. The key is stored beside the text the clerk first wrote (which
 * stays what screens and prints show) and every lookup — forms, imports, searches, grids, the
 * gate — compares keys, never the text.
 */
import { normalizeText } from './normalize'

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }
const CN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 }
const CN_NUMERAL = '[零〇一二两三四五六七八九十百千]+'
const NUMERAL = `(?:\\d+|${CN_NUMERAL})`

/**
 * '五' -> '5', '十二' -> '12', '二十' -> '20', '一百零五' -> '105', and read digit by digit
 * when there is no 十/百/千 ('五零一' -> '501', as rooms are read aloud); null when not a numeral.
 */
export function chineseNumeral(text: string): string | null {
  if (text === '' || !new RegExp(`^${CN_NUMERAL}$`).test(text)) return null
  if (!/[十百千]/.test(text)) return Array.from(text, (ch) => String(CN_DIGIT[ch])).join('')
  let total = 0
  let digit: number | null = null
  for (const ch of text) {
    const unit = CN_UNIT[ch]
    if (unit === undefined) {
      digit = CN_DIGIT[ch] ?? 0
      continue
    }
    // '十二' starts with its unit: one ten.
    total += (digit ?? 1) * unit
    digit = null
  }
  return String(total + (digit ?? 0))
}

/** Digits as a number reads them: '05' -> '5', Chinese numerals -> digits; other text unchanged. */
function numberOf(text: string): string {
  if (/^\d+$/.test(text)) return text.replace(/^0+(?=\d)/, '')
  return chineseNumeral(text) ?? text
}

/** NFKC (full-width digits and letters), no spaces at all, Latin letters upper-case. */
function flat(text: string): string {
  return normalizeText(text).replace(/\s+/g, '').toUpperCase()
}

/**
 * The numbered core of a part, once its marker words are gone: a numeral (with an optional
 * letter or dash tail, '5A', '5-1') reads as digits; anything else ('综合楼', 'A座') is kept flat.
 */
function core(text: string, prefix: RegExp, suffix: RegExp): string {
  const t = flat(text)
  const stripped = t.replace(prefix, '').replace(suffix, '')
  if (stripped === '') return t
  const m = new RegExp(`^(${NUMERAL})([A-Z]?(?:-\\d+)?)$`).exec(stripped)
  if (m) return numberOf(m[1] ?? '') + (m[2] ?? '')
  return stripped.replace(/\d+/g, (digits) => numberOf(digits))
}

/** '幸福里小区', '幸福里 小区', '幸福里' -> '幸福里': 小区 is how a compound is named, not part of its name. */
export function compoundKey(name: string): string {
  const t = flat(name)
  const stripped = t.replace(/小区$/, '')
  return stripped.length >= 2 ? stripped : t
}

/** 5号楼, 5栋, 五号楼, 5幢, 第5栋, 5座, ５号楼, "5 栋", 5号, 5 -> '5'; A座 -> 'A'. */
export function buildingKey(name: string): string {
  return core(name, /^第/, /(?:号楼|号栋|栋楼|栋|幢|座|号|楼)$/)
}

/** 二单元, 2单元, 2门, 第2单元, 2 -> '2'; no unit -> ''. */
export function unitKey(name: string): string {
  if (flat(name) === '') return ''
  return core(name, /^第/, /(?:单元|号门|门|单)$/)
}

/** 501室, 501号, 501房, 0501, 501 -> '501'. */
export function roomKey(name: string): string {
  return core(name, /^$/, /(?:室|号房|房|号|户)$/)
}

/** One household's place within its building: entrance and room together. */
export function roomPlaceKey(unit: string, room: string): string {
  return `${unitKey(unit)}|${roomKey(room)}`
}

/**
 * Free text with its address words written one way, for contains-search: the stored address
 * and the search box both go through it, so '五号楼' finds '5栋', '2门' finds '2单元' and '501室'
 * finds '501'. Numerals are read only where a building, entrance or room word follows them, so
 * '三里屯小区' stays as written.
 */
export function canonicalAddressText(text: string): string {
  return flat(text)
    .replace(new RegExp(`第?(${NUMERAL})(?:号楼|号栋|栋楼|栋|幢|座)`, 'g'), (_, n: string) => `${numberOf(n)}栋`)
    .replace(new RegExp(`第?(${NUMERAL})(?:单元|号门|门)`, 'g'), (_, n: string) => `${numberOf(n)}单元`)
    .replace(/(\d+)(?:室|号房|房)/g, (_, n: string) => numberOf(n))
    .replace(/(\d+)号$/, (_, n: string) => numberOf(n))
}

/**
 * What a household's address is searched in: the text as written and its canonical form, kept
 * apart by a character no one types, so a search box (read through canonicalAddressText) finds
 * the address whichever way either side spelled it.
 */
export function addressSearchText(address: string): string {
  return `${flat(address)}\u0001${canonicalAddressText(address)}`
}
