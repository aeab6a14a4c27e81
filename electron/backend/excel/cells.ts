import { localIsoDate, normalizeText, parseLooseDate } from '../../../shared/domain'

/**
 * A cell as the import pipeline sees it. Numbers stay numbers (an ID stored as a number
 * must be recognised as such, never turned into text that looks right); rich text and
 * hyperlinks become their text; formulas become their cached result, never evaluated.
 */
export type RawCell = string | number | boolean | Date | null

export interface CellRange {
  top: number
  left: number
  bottom: number
  right: number
}

export interface SheetData {
  name: string
  hidden: boolean
  /** rows[r][c], 0-based; Excel row = r + 1. Merged areas are filled with their top-left value. */
  rows: RawCell[][]
  merges: CellRange[]
}

export interface WorkbookData {
  kind: 'xlsx' | 'csv'
  sheets: SheetData[]
}

/** Caps that keep one import inside the memory a clerk's PC has. */
export const SHEET_LIMITS = { maxRows: 100_000, maxColumns: 200 }

function textOfRich(value: { richText: { text: string }[] }): string {
  return value.richText.map((part) => part.text).join('')
}

/** exceljs's cell value (DOM or streaming reader) -> RawCell. */
export function toRawCell(value: unknown): RawCell {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value
  if (typeof value !== 'object') return null
  const v = value as Record<string, unknown>
  if (Array.isArray(v.richText)) return textOfRich(v as { richText: { text: string }[] })
  if ('formula' in v || 'sharedFormula' in v) return toRawCell(v.result ?? null)
  if ('hyperlink' in v || 'text' in v) return toRawCell(v.text ?? null)
  // { error: '#N/A' } and anything unknown carry no usable value.
  return null
}

/** What a clerk would read in the cell. */
export function cellText(cell: RawCell): string {
  if (cell === null) return ''
  if (typeof cell === 'string') return normalizeText(cell)
  if (typeof cell === 'number') return Number.isInteger(cell) ? cell.toFixed(0) : String(cell)
  if (typeof cell === 'boolean') return cell ? '是' : '否'
  const parsed = parseLooseDate(cell)
  return parsed.ok ? parsed.date : localIsoDate(cell)
}

export function isBlank(cell: RawCell): boolean {
  return cell === null || (typeof cell === 'string' && normalizeText(cell) === '')
}

// One function for column letters, import and export alike (it works past Z: AA, AB …).
export { columnLetter } from './export/cells'

function columnIndex(letters: string): number {
  let n = 0
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64)
  return n - 1
}

/** 'B3:D4' -> 0-based range. */
export function parseRange(ref: string): CellRange | null {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref.toUpperCase())
  if (!m) return null
  return { top: Number(m[2]) - 1, left: columnIndex(m[1] ?? 'A'), bottom: Number(m[4]) - 1, right: columnIndex(m[3] ?? 'A') }
}

/** Every cell of a merged area shows the top-left value, so headers and grouped rows read as they look. */
export function fillMerges(sheet: SheetData): void {
  for (const m of sheet.merges) {
    const value = sheet.rows[m.top]?.[m.left] ?? null
    if (value === null) continue
    for (let r = m.top; r <= Math.min(m.bottom, sheet.rows.length - 1); r++) {
      const row = sheet.rows[r]
      if (!row) continue
      for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) row[c] = value
    }
  }
}

export function columnCount(sheet: SheetData): number {
  let max = 0
  for (const row of sheet.rows) if (row.length > max) max = row.length
  return max
}
