/**
 * The one clean-up every piece of free text goes through before it is stored: the zod
 * schemas (and so every form that reuses them), and the Excel/CSV importer (through
 * normalizeText). Text reaches us pasted from WeChat, web pages and other people's
 * spreadsheets, and some characters in it are not content but instructions to the display:
 *
 * - bidi controls reorder what a clerk sees, so a name or a note can read differently on the
 *   screen, in a print and in the street office's Excel ('Trojan Source');
 * - zero-width characters make two identical-looking names different records and let a
 *   name that looks empty pass a required field;
 * - NUL and the other control characters cut strings short in C code (Excel, printers) and
 *   have no business in a form.
 *
 * They are removed, not refused: a clerk who pasted a name with an invisible mark cannot see
 * what to fix. A value that is empty once they are gone is empty (a required field then
 * fails with its usual 请填写… message).
 */

// Arabic letter mark, LRM/RLM, the embeddings and overrides (LRE..RLO, PDF), the isolates
// (LRI, RLI, FSI, PDI).
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g

// Zero-width space/non-joiner/joiner, word joiner and the invisible operators, BOM/ZWNBSP,
// soft hyphen, combining grapheme joiner, Mongolian vowel separator, the interlinear
// annotation marks and the Unicode tag characters (invisible ASCII look-alikes).
// eslint-disable-next-line no-misleading-character-class -- U+034F is listed alone on purpose, to be removed
const INVISIBLE = /[\u00AD\u034F\u180E\u200B-\u200D\u2060-\u2064\uFEFF\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDC7F]/g

// A half of a surrogate pair on its own is not a character; it becomes U+FFFD (or an error)
// on its way into UTF-8 files.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

// C0 controls, DEL and the C1 controls. Tab and line breaks are handled per kind of field.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROLS = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g
// eslint-disable-next-line no-control-regex -- vertical tab and form feed are line breaks here
const LINE_BREAKS = /\r\n?|[\u000B\u000C\u2028\u2029]/g

export interface CleanTextOptions {
  /** A note (textarea): keeps tabs and line breaks (as \n). Otherwise they become spaces. */
  multiline?: boolean
}

// Printable ASCII and common Han text: nothing to clean, nothing NFC would change.
const CLEAN = /^[\u0020-\u007E\u4E00-\u9FA5]*$/

/** NFC, without bidi controls, zero-width characters and control characters. Does not trim. */
export function cleanText(s: string, options: CleanTextOptions = {}): string {
  if (CLEAN.test(s)) return s
  const removed = s.replace(LONE_SURROGATE, '').normalize('NFC').replace(BIDI, '').replace(INVISIBLE, '').replace(CONTROLS, '')
  // eslint-disable-next-line no-control-regex -- vertical tab and form feed become spaces in one-line fields
  return options.multiline ? removed.replace(LINE_BREAKS, '\n') : removed.replace(/[\t\n\r\u000B\u000C\u2028\u2029]/g, ' ')
}

/** A single-line field (names, addresses, reasons). */
export const cleanLine = (s: string): string => cleanText(s)

/** A note that may span lines. */
export const cleanMultiline = (s: string): string => cleanText(s, { multiline: true })
