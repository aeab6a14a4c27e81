/**
 * Text clean-up shared by every rule in this folder. Data reaches us typed by clerks
 * with Chinese input methods, pasted from WeChat, or read from Excel, so full-width
 * digits, ideographic spaces and invisible characters are the norm, not the exception.
 */
import { cleanText } from './text'

// Every dash a keyboard or IME can produce; clerks group ID and phone digits with them.
// NFKC already folds the full-width U+FF0D and small U+FE63 into '-', but not these.
const DASHES = /[-\u2010-\u2015\u2212\uFF0D\uFE63]/g

// Printable ASCII and common Han characters, single spaces between words: what NFKC, the trim
// and the collapse would give back unchanged. Most cells of an import are like this, and the
// test is much cheaper than the normalisation.
const ALREADY_NORMAL = /^[!-~\u4e00-\u9fa5]+(?: [!-~\u4e00-\u9fa5]+)*$/

/**
 * NFKC, trim, and collapse runs of whitespace (including U+3000) into one space, after the
 * one clean-up of free text (cleanText: bidi controls, zero-width and control characters).
 */
export function normalizeText(s: string | null | undefined): string {
  if (s == null) return ''
  if (typeof s === 'string' && ALREADY_NORMAL.test(s)) return s
  return cleanText(String(s)).normalize('NFKC').replace(/\s+/g, ' ').trim()
}

/**
 * Canonical form for identifiers (ID numbers, phones, document numbers): no whitespace
 * or dashes at all, upper case. Upper-casing everything rather than only 'x' keeps
 * passport and permit numbers comparable too, and document numbers are case-blind.
 */
export function compactCode(s: string | null | undefined): string {
  if (s == null) return ''
  return cleanText(String(s)).normalize('NFKC').replace(/\s+/g, '').replace(DASHES, '').toUpperCase()
}

/**
 * Spreadsheet software turns long digit strings into floating point and shows them in
 * scientific notation; once that happens the trailing digits are gone for good.
 */
export function looksLikeScientificNotation(s: string): boolean {
  const t = s.normalize('NFKC').replace(/\s+/g, '')
  return /E\+/i.test(t) || /^\d+(\.\d+)?E\d+$/i.test(t)
}
