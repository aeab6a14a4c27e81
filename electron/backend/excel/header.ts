import { matchField, normalizeHeader } from '../../../shared/domain/excel-synonyms'
import { cellText, columnCount, isBlank } from './cells'
import type { SheetData } from './cells'

export interface HeaderGuess {
  /** 0-based row indexes, inclusive. */
  start: number
  end: number
  labels: string[]
  fields: (string | null)[]
  score: number
}

const SCAN_ROWS = 30
const INSTRUCTION_NAME = /说明|须知|填表|示例|样例|instruction|readme/i

function textAt(sheet: SheetData, r: number, c: number): string {
  return cellText(sheet.rows[r]?.[c] ?? null)
}

/** Labels and fields for header rows start..end: lower rows name the column, upper rows group it. */
export function headerOver(sheet: SheetData, start: number, end: number, accepted: readonly string[]): HeaderGuess {
  const width = columnCount(sheet)
  const labels: string[] = []
  const fields: (string | null)[] = []
  const used = new Set<string>()
  for (let c = 0; c < width; c++) {
    const parts: string[] = []
    for (let r = start; r <= end; r++) {
      const t = textAt(sheet, r, c)
      if (t !== '' && !parts.includes(t)) parts.push(t)
    }
    labels.push(parts.join(' / '))
    let field: string | null = null
    for (let i = parts.length - 1; i >= 0 && field === null; i--) field = matchField(parts[i] ?? '', accepted)
    if (field !== null && used.has(field)) field = null
    if (field !== null) used.add(field)
    fields.push(field)
  }
  return { start, end, labels, fields, score: used.size }
}

/** A group row above the header: some cell merged across several columns, and not one title over all of them. */
function isGroupRow(sheet: SheetData, r: number, width: number): boolean {
  const across = sheet.merges.filter((m) => m.top <= r && m.bottom >= r && m.right > m.left)
  if (across.length === 0) return false
  const distinct = new Set((sheet.rows[r] ?? []).map((cell) => cellText(cell)).filter((t) => t !== ''))
  // 填报单位：…  填报日期：… lines are merged too, but they are labels with values, not groups.
  if ([...distinct].some((t) => /[:：]/.test(t))) return false
  return distinct.size >= 2 || across.every((m) => m.right - m.left + 1 < width)
}

/**
 * Finds the header among title rows (××社区××登记表), 填报单位/日期 lines and merged cells:
 * the row (or pair of rows) whose cells name the most fields. A group row above it
 * (基本信息 over 姓名/性别) is joined into the labels.
 */
export function detectHeader(sheet: SheetData, accepted: readonly string[]): HeaderGuess {
  const limit = Math.min(SCAN_ROWS, sheet.rows.length)
  let best: HeaderGuess | null = null
  for (let r = 0; r < limit; r++) {
    if ((sheet.rows[r] ?? []).every(isBlank)) continue
    const single = headerOver(sheet, r, r, accepted)
    if (!best || single.score > best.score) best = single
    if (r + 1 < limit) {
      const pair = headerOver(sheet, r, r + 1, accepted)
      const below = headerOver(sheet, r + 1, r + 1, accepted)
      if (pair.score > single.score && pair.score > below.score && pair.score > best.score) best = pair
    }
  }
  if (!best || best.score === 0) {
    const first = sheet.rows.findIndex((row) => row.some((cell) => !isBlank(cell)))
    return headerOver(sheet, Math.max(0, first), Math.max(0, first), accepted)
  }
  if (best.start === best.end && best.start > 0 && isGroupRow(sheet, best.start - 1, columnCount(sheet))) {
    const joined = headerOver(sheet, best.start - 1, best.end, accepted)
    if (joined.score >= best.score) return joined
  }
  return best
}

export function nonBlankRows(sheet: SheetData): number {
  let n = 0
  for (const row of sheet.rows) if (row.some((cell) => !isBlank(cell))) n++
  return n
}

/** Instruction sheets, hidden sheets and empty ones are never proposed. */
export function isSkippedSheet(sheet: SheetData): boolean {
  return sheet.hidden || INSTRUCTION_NAME.test(sheet.name) || nonBlankRows(sheet) < 2
}

/** The first sheet with data whose header names at least two fields; else the first with data. */
export function proposeSheet(sheets: SheetData[], accepted: readonly string[]): number {
  const candidates = sheets.map((s, i) => ({ s, i })).filter(({ s }) => !isSkippedSheet(s))
  const withHeader = candidates.find(({ s }) => detectHeader(s, accepted).score >= 2)
  return withHeader?.i ?? candidates[0]?.i ?? 0
}

const SUMMARY = /^(合计|小计|总计|共计)/
const FOOTER = /^(填表人|填报人|制表人|审核人|签发人|负责人|联系电话|填报日期|填表日期|单位负责人)\s*[:：]/

/** 合计/小计 rows and the sign-off lines under a table are not people. */
export function isSummaryRow(texts: string[]): boolean {
  const filled = texts.filter((t) => t !== '')
  if (filled.length === 0) return false
  return filled.some((t) => SUMMARY.test(normalizeHeader(t))) || FOOTER.test(filled[0] ?? '')
}
