import { parseRange } from './cells'
import type { CellRange, RawCell } from './cells'
import { bytesAre, decodeAttr, decodeText, nameEnd, skipMarkup, tagEnd, xmlDecodeAgain } from './xlsx-xml'

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

const LT = 60
const GT = 62
const SLASH = 47
const BANG = 33
const QUESTION = 63
const MAX_COLUMN = 16384

const T_NUMBER = 0
const T_SHARED = 1
const T_STR = 2
const T_ERROR = 3
const T_BOOL = 4
const T_INLINE = 5

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
  // "n", none, and anything else (even "d") are read as numbers, as exceljs does.
  return T_NUMBER
}

/** An attribute value holding references, decoded, as bytes again (rare: the callers read bytes). */
function decoded(b: Buffer, start: number, end: number): Buffer {
  return Buffer.from(decodeAttr(b.toString('utf8', start, end)), 'utf8')
}

/** parseInt(value, 10) of b[start, end) without a string for the plain-digits case. */
function intAt(b: Buffer, start: number, end: number): number {
  let n = 0
  if (end <= start || end - start > 9) return parseInt(b.toString('latin1', start, end), 10)
  for (let i = start; i < end; i++) {
    const d = (b[i] ?? 0) - 48
    if (d < 0 || d > 9) return parseInt(b.toString('latin1', start, end), 10)
    n = n * 10 + d
  }
  return n
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

/** exceljs's utils.excelToDate, operation for operation. */
function excelToDate(v: number, date1904: boolean): Date {
  return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000))
}

/** A value read from b[start, end): UTF-8 (Latin-1 when all ASCII), references resolved when present. */
function textAt(b: Buffer, start: number, end: number): string {
  let seen = 0
  let special = false
  for (let i = start; i < end; i++) {
    const ch = b[i] ?? 0
    seen |= ch
    if (ch === 38 || ch === 13) special = true
  }
  const raw = b.toString(seen & 0x80 ? 'utf8' : 'latin1', start, end)
  return special ? decodeText(raw) : raw
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
 * Rows of one worksheet part, cell values as exceljs's streaming reader and toRawCell made
 * them. Rows go where their `r` puts them; a row or cell without one follows the previous
 * (exceljs failed on those). A cell without a value does not widen its row.
 */
export function parseSheet(b: Buffer, ctx: SheetContext, onRow: RowHook): { rows: RawCell[][]; merges: CellRange[] } {
  const rows: RawCell[][] = []
  const n = b.length
  let i = b.indexOf('<sheetData', 0, 'latin1')
  while (i >= 0 && nameEnd(b, i + 1) !== i + 10) i = b.indexOf('<sheetData', i + 1, 'latin1')
  if (i < 0) return { rows, merges: mergesOf(b, 0) }
  i = tagEnd(b, i + 10)
  if (b[i - 1] === SLASH) return { rows, merges: mergesOf(b, i) }
  i++

  const { shared, dateStyles, date1904 } = ctx
  let inRow = false
  let rowNumber = 0
  let rowDate = false
  let cells: (RawCell | undefined)[] = []
  let inCell = false
  let col = 0
  let cellStyle = 0
  let type = T_NUMBER
  let f: string | undefined
  let v: string | undefined
  // exceljs appends character data to the <f>, or to the <v>/<is>/<t> opened last in the cell.
  let into = 0

  const closeCell = (): void => {
    inCell = false
    into = 0
    let value: RawCell | undefined
    if (f !== undefined) {
      // Only a "str" formula has a text result; any other cached value is read as a number.
      const result = v === undefined ? undefined : type === T_STR ? xmlDecodeAgain(v) : parseFloat(v)
      // A formula keeps only a truthy result; a shared formula's dependent cell (empty <f>) keeps any.
      value = f !== '' ? result || null : (result ?? null)
    } else if (v !== undefined) {
      if (type === T_SHARED) value = shared ? (shared[parseInt(v, 10)] ?? undefined) : null
      else if (type === T_STR || type === T_INLINE) value = xmlDecodeAgain(v)
      else if (type === T_ERROR) value = null
      else if (type === T_BOOL) value = parseInt(v, 10) !== 0
      else {
        const num = parseFloat(v)
        const date = cellStyle >= 1 && cellStyle < dateStyles.length ? dateStyles[cellStyle] : rowDate
        value = date ? excelToDate(num, date1904) : num
      }
    } else return
    cells[col - 1] = value
  }

  const closeRow = (): void => {
    inRow = false
    inCell = false
    into = 0
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
    if (into !== 0 && lt > i) {
      const text = textAt(b, i, lt)
      if (into === 1) f += text
      else v += text
    }
    const c1 = b[lt + 1]
    if (c1 === SLASH) {
      const ns = lt + 2
      const ne = nameEnd(b, ns)
      i = b.indexOf(GT, ne) + 1
      if (i === 0) throw new Error('unterminated tag')
      const len = ne - ns
      if (len === 1 && b[ns] === 99) {
        if (inCell) closeCell()
      } else if (len === 3 && inRow && bytesAre(b, ns, 'row')) closeRow()
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
        if (alen !== 1) continue
        const a = b[an]
        if (a === 114) (ref = vs), (refEnd = ve)
        else if (a === 115) (style = vs), (styleEnd = ve)
        else if (a === 116 && isCell) (typeAt = vs), (typeEnd = ve)
      }
      const end = b[p] === GT ? p : tagEnd(b, p)
      i = end + 1
      const selfClosing = b[end - 1] === SLASH
      if (isCell) {
        const c = ref < 0 ? 0 : refColumn(b, ref, refEnd)
        col = c > 0 ? c : col + 1
        cellStyle = style < 0 ? 0 : intAt(b, style, styleEnd)
        type = typeAt < 0 ? T_NUMBER : cellType(b, typeAt, typeEnd)
        f = undefined
        v = undefined
        into = 0
        inCell = true
        if (selfClosing) closeCell()
      } else {
        const r = ref < 0 ? NaN : intAt(b, ref, refEnd)
        rowNumber = r >= 1 ? r : rowNumber + 1
        // A row's own style (customFormat) applies to its cells without one.
        const rs = style < 0 || style === styleEnd ? NaN : intAt(b, style, styleEnd)
        rowDate = rs >= 0 && rs < dateStyles.length ? (dateStyles[rs] ?? false) : false
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
    if (len === 1 && (ch0 === 118 || ch0 === 116)) {
      v = ''
      into = 2
    } else if (len === 1 && ch0 === 102) {
      f = ''
      into = 1
    } else if (len === 2 && ch0 === 105 && b[ns + 1] === 115) {
      v = ''
      into = 2
    }
  }
  return { rows, merges: mergesOf(b, i) }
}
