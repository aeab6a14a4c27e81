import { parseRange } from './cells'
import type { CellRange, RawCell } from './cells'
import { excelToDate, isoDate, parseColumnStyles } from './xlsx-styles'
import { BANG, GT, LT, MAX_COLUMN, QUESTION, SLASH, bytesAre, decodeAttr, intAt, nameEnd, skipMarkup, tagEnd, textAt } from './xlsx-xml'

/** What a worksheet's cells are read against. */
export interface SheetContext {
  /** Shared strings, or null when the workbook has no shared-strings part. */
  shared: (string | null)[] | null
  /** cellXfs index -> the cell's numbers are dates. */
  dateStyles: boolean[]
  date1904: boolean
}

/** Called at each </row> with its number and width (before the row is stored). */
export type RowHook = (rowNumber: number, width: number) => void

const T_NUMBER = 0
const T_SHARED = 1
const T_STR = 2
const T_ERROR = 3
const T_BOOL = 4
const T_INLINE = 5
const T_DATE = 6

/** The cell's `t` attribute in b[start, end). */
function cellType(b: Buffer, start: number, end: number): number {
  for (let i = start; i < end; i++) {
    if (b[i] !== 38) continue
    const d = decoded(b, start, end)
    return cellType(d, 0, d.length)
  }
  const len = end - start
  const ch = b[start]
  if (len === 1 && ch === 115) return T_SHARED
  if (len === 3 && bytesAre(b, start, 'str')) return T_STR
  if (len === 9 && bytesAre(b, start, 'inlineStr')) return T_INLINE
  if (len === 1 && ch === 101) return T_ERROR
  if (len === 1 && ch === 98) return T_BOOL
  if (len === 1 && ch === 100) return T_DATE
  // "n", none, and anything else are read as numbers.
  return T_NUMBER
}

/** An attribute value holding references, decoded, as bytes again (rare: the callers read bytes). */
function decoded(b: Buffer, start: number, end: number): Buffer {
  return Buffer.from(decodeAttr(b.toString('utf8', start, end)), 'utf8')
}

/** Column (1-based) of the cell reference in b[start, end), as exceljs's colCache.decodeAddress reads it; 0 if it names none. */
function refColumn(b: Buffer, start: number, end: number): number {
  let col = 0
  let hasCol = false
  let hasRow = false
  for (let i = start; i < end; i++) {
    const ch = b[i] ?? 0
    if (ch === 38) {
      const d = decoded(b, start, end)
      return refColumn(d, 0, d.length)
    }
    if (!hasRow && ch >= 65 && ch <= 90) {
      hasCol = true
      col = col * 26 + ch - 64
    } else if (ch >= 48 && ch <= 57) hasRow = true
    else if (hasRow && hasCol && ch !== 36) break
  }
  if (col > MAX_COLUMN) throw new Error(`column ${col} out of bounds`)
  return hasCol ? col : 0
}

/** mergeCells sit after sheetData: only the tail of the part is searched. */
function mergesOf(b: Buffer, from: number): CellRange[] {
  const at = b.lastIndexOf('<mergeCells', undefined, 'latin1')
  if (at < from) return []
  const merges: CellRange[] = []
  for (const m of b.toString('utf8', at).matchAll(/<mergeCell\s+ref="([A-Z]+\d+:[A-Z]+\d+)"/g)) {
    const range = parseRange(m[1] ?? '')
    if (range) merges.push(range)
  }
  return merges
}

/**
 * Rows of one worksheet part. Rows go where their `r` puts them; a row or cell without one
 * follows the previous (exceljs failed on those). A cell without a value does not widen its
 * row. A formula's value is its cached result (<v>), read by the cell's type like any
 * other value, and null without one.
 */
export function parseSheet(b: Buffer, ctx: SheetContext, onRow: RowHook): { rows: RawCell[][]; merges: CellRange[] } {
  const rows: RawCell[][] = []
  const n = b.length
  let i = b.indexOf('<sheetData', 0, 'latin1')
  while (i >= 0 && nameEnd(b, i + 1) !== i + 10) i = b.indexOf('<sheetData', i + 1, 'latin1')
  if (i < 0) return { rows, merges: mergesOf(b, 0) }
  const colStyles = parseColumnStyles(b, i)
  i = tagEnd(b, i + 10)
  if (b[i - 1] === SLASH) return { rows, merges: mergesOf(b, i) }
  i++

  const { shared, dateStyles, date1904 } = ctx
  const styleCount = dateStyles.length
  let inRow = false
  let rowNumber = 0
  // The row's style when it has customFormat="1", else -1.
  let rowStyle = -1
  let cells: (RawCell | undefined)[] = []
  let inCell = false
  let col = 0
  // The cell's own `s`; -1 when it has none, or one naming no style.
  let cellStyle = -1
  let type = T_NUMBER
  let formula = false
  let phonetic = false
  let v: string | undefined
  // Character data goes to the <v> opened last in the cell (text after its </v> too, as
  // with exceljs), or to an inline string's <t>.
  let appending = false

  /** A number; a Date when the cell's style, else its row's (customFormat), else its column's, is a date format. */
  const numberOf = (text: string): number | Date | null => {
    const num = parseFloat(text)
    // 6: an empty <v/> (or no number at all) is no value, never NaN.
    if (num !== num) return null
    // 8: the ECMA-376 precedence; exceljs ignored column styles and took s="0" for none.
    const style = cellStyle >= 0 ? cellStyle : rowStyle >= 0 ? rowStyle : (colStyles?.[col] ?? 0)
    if (dateStyles[style] !== true) return num
    const date = excelToDate(num, date1904)
    // 6: a serial beyond the range of Dates stays a number, never an Invalid Date.
    return date.getTime() === date.getTime() ? date : num
  }

  const closeCell = (): void => {
    inCell = false
    appending = false
    let value: RawCell | undefined
    if (v === undefined) {
      // 4: a formula without a cached result reads null.
      if (!formula) return
      value = null
    } else if (type === T_SHARED && !formula) value = shared ? (shared[parseInt(v, 10)] ?? undefined) : null
    // 3: decoded once, by the scan (exceljs decoded str and inline strings again).
    else if (type === T_STR || (type === T_INLINE && !formula)) value = v
    else if (type === T_ERROR) value = null
    // 4: a boolean formula result is a boolean; 6: an empty <v/> is no value.
    else if (type === T_BOOL) value = v.trim() === '' ? null : parseInt(v, 10) !== 0
    // 5: ISO 8601 text.
    else if (type === T_DATE) value = isoDate(v)
    // 4: any number, 0 included, a Date when date-styled (exceljs kept truthy numbers only).
    // A formula's result is n, b, e or str: under another t its <v> is a number, as with exceljs.
    else value = numberOf(v)
    cells[col - 1] = value
  }

  const closeRow = (): void => {
    inRow = false
    inCell = false
    appending = false
    let width = cells.length
    while (width > 0 && cells[width - 1] === undefined) width--
    onRow(rowNumber, width)
    const out: RawCell[] = cells.length === width ? (cells as RawCell[]) : (cells.slice(0, width) as RawCell[])
    for (let c = 0; c < width; c++) if (out[c] === undefined) out[c] = null
    rows[rowNumber - 1] = out
  }

  for (;;) {
    let lt = i
    while (lt < n && b[lt] !== LT) lt++
    // A part cut short keeps the rows closed before the cut, as with exceljs.
    if (lt >= n) break
    if (appending && lt > i) v += textAt(b, i, lt)
    const c1 = b[lt + 1]
    if (c1 === SLASH) {
      const ns = lt + 2
      const ne = nameEnd(b, ns)
      i = b.indexOf(GT, ne) + 1
      if (i === 0) throw new Error('unterminated tag')
      const len = ne - ns
      if (len === 1) {
        const ch = b[ns]
        if (ch === 99) {
          if (inCell) closeCell()
        } else if (ch === 116) appending = false
      } else if (len === 3 && inRow && bytesAre(b, ns, 'row')) closeRow()
      else if (len === 3 && bytesAre(b, ns, 'rPh')) phonetic = false
      else if (len === 9 && bytesAre(b, ns, 'sheetData')) break
      continue
    }
    if (c1 === BANG || c1 === QUESTION) {
      i = skipMarkup(b, lt)
      continue
    }
    const ns = lt + 1
    const ne = nameEnd(b, ns)
    const len = ne - ns
    const ch0 = b[ns]
    if ((len === 1 && ch0 === 99 && inRow) || (len === 3 && bytesAre(b, ns, 'row'))) {
      // <c r s t> or <row r s>: one pass over the attributes.
      const isCell = len === 1
      let ref = -1
      let refEnd = -1
      let style = -1
      let styleEnd = -1
      let typeAt = -1
      let typeEnd = -1
      let customFormat = false
      let p = ne
      for (;;) {
        let ch = b[p]
        while (ch === 32 || ch === 9 || ch === 10 || ch === 13) ch = b[++p]
        if (ch === GT || ch === SLASH || ch === undefined) break
        const an = p
        while (ch !== 61 && ch !== 32 && ch !== 9 && ch !== 10 && ch !== 13 && ch !== undefined) ch = b[++p]
        const alen = p - an
        while (ch === 32 || ch === 9 || ch === 10 || ch === 13) ch = b[++p]
        if (ch !== 61) throw new Error('malformed attribute')
        ch = b[++p]
        while (ch === 32 || ch === 9 || ch === 10 || ch === 13) ch = b[++p]
        if (ch !== 34 && ch !== 39) throw new Error('malformed attribute')
        const vs = p + 1
        const ve = b.indexOf(ch, vs)
        if (ve < 0) throw new Error('malformed attribute')
        p = ve + 1
        if (alen === 1) {
          const a = b[an]
          if (a === 114) {
            ref = vs
            refEnd = ve
          } else if (a === 115) {
            style = vs
            styleEnd = ve
          } else if (a === 116 && isCell) {
            typeAt = vs
            typeEnd = ve
          }
        } else if (alen === 12 && !isCell && bytesAre(b, an, 'customFormat'))
          customFormat = (ve === vs + 1 && b[vs] === 49) || (ve === vs + 4 && bytesAre(b, vs, 'true'))
      }
      const end = b[p] === GT ? p : tagEnd(b, p)
      i = end + 1
      const selfClosing = b[end - 1] === SLASH
      if (isCell) {
        const c = ref < 0 ? 0 : refColumn(b, ref, refEnd)
        col = c > 0 ? c : col + 1
        cellStyle = style < 0 ? -1 : intAt(b, style, styleEnd)
        if (!(cellStyle < styleCount)) cellStyle = -1
        type = typeAt < 0 ? T_NUMBER : cellType(b, typeAt, typeEnd)
        formula = false
        phonetic = false
        v = undefined
        appending = false
        inCell = true
        if (selfClosing) closeCell()
      } else {
        const r = ref < 0 ? NaN : intAt(b, ref, refEnd)
        rowNumber = r >= 1 ? r : rowNumber + 1
        // 8: a row's style applies to its cells without one only with customFormat (exceljs: always).
        const rs = customFormat && style >= 0 ? intAt(b, style, styleEnd) : -1
        rowStyle = rs >= 0 ? rs : -1
        cells = []
        col = 0
        inRow = true
        if (selfClosing) closeRow()
      }
      continue
    }
    const end = tagEnd(b, ne)
    i = end + 1
    if (!inCell) continue
    if (len === 1 && ch0 === 118) {
      v = ''
      appending = true
    } else if (len === 1 && ch0 === 116) {
      // An inline string's <t>: 2, every run's text is kept, joined; 1, not a phonetic run's.
      if (v === undefined) v = ''
      appending = !phonetic && b[end - 1] !== SLASH
    } else if (len === 1 && ch0 === 102) {
      formula = true
      appending = false
    } else if (len === 2 && ch0 === 105 && b[ns + 1] === 115) {
      v = ''
      appending = false
    } else if (len === 3 && bytesAre(b, ns, 'rPh')) {
      phonetic = b[end - 1] !== SLASH
      appending = false
    }
  }
  return { rows, merges: mergesOf(b, i) }
}
