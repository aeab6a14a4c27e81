import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import { exportNotice } from '../../../../shared/domain/export-notice'
import type { WrittenCell } from './cells'
import { cellText, columnLetter, writtenCell } from './cells'
import type { ExportBook, ExportColumn, ExportSheet } from './types'

/** Who made the file and when: the title's community, the 填报单位 line and the notice line. */
export interface Imprint {
  community: string
  actor: string
  at: Date
  full: boolean
  /** Rows written so far, every 2,000 (the progress bar of a long list). */
  onRow?: (done: number) => void
  /** The lines above the header as given (a file of rejected import rows has no 填报单位); the last in red. */
  headLines?: readonly string[]
}

const RED = { color: { argb: 'FFC00000' } }
const THIN = { style: 'thin' as const }
const BORDER = { top: THIN, bottom: THIN, left: THIN, right: THIN }
const HEADER_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFEFF3F8' } }

function styleOf(c: ExportColumn): Partial<ExcelJS.Style> {
  const alignment: Partial<ExcelJS.Alignment> | undefined = c.wrap ? { vertical: 'top', wrapText: true } : undefined
  const numFmt = c.kind === 'date' ? 'yyyy-mm-dd' : c.kind === 'datetime' ? (c.format ?? 'yyyy-mm-dd hh:mm') : c.kind === 'number' ? c.format : '@'
  return { ...(numFmt ? { numFmt } : {}), ...(alignment ? { alignment } : {}), border: BORDER }
}

/** The lines above the header: 填报单位 with the source's facts (unless it has none), then the notice. */
function headLines(sheet: ExportSheet, imprint: Imprint): readonly string[] {
  if (imprint.headLines) return imprint.headLines
  const unit = sheet.facts === null ? [] : [[`填报单位：${imprint.community}`, ...sheet.facts].join('    ')]
  return [...unit, exportNotice(imprint.actor, imprint.at)]
}

function mergedLine(ws: ExcelJS.Worksheet, text: string, last: string, font?: Partial<ExcelJS.Font>, center = false): void {
  const row = ws.addRow([text])
  row.getCell(1).numFmt = '@'
  if (font) row.font = font
  if (center) row.alignment = { horizontal: 'center' }
  ws.mergeCells(`A${row.number}:${last}${row.number}`)
  row.commit()
}

/** Excel refuses sheet names over 31 characters, with []:*?/\\ or used twice (in any case). */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 28) || '工作表'
  let candidate = base
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base}(${n})`
  taken.add(candidate.toLowerCase())
  return candidate
}

function writeSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, sheet: ExportSheet, name: string, imprint: Imprint, count: () => number): void {
  const lines = headLines(sheet, imprint)
  const headerRow = lines.length + 2
  const ws = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: headerRow }],
    pageSetup: sheet.landscape ? { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } : { paperSize: 9 }
  })
  const styles = sheet.columns.map(styleOf)
  // The column's own style also formats the cells a clerk adds below the list (an ID typed later stays text).
  ws.columns = sheet.columns.map((c, i) => ({ width: c.width, style: { numFmt: styles[i]?.numFmt } }))
  const last = columnLetter(Math.max(sheet.columns.length, 1) - 1)
  mergedLine(ws, imprint.community + sheet.title, last, { bold: true, size: 14 }, true)
  lines.forEach((line, i) => mergedLine(ws, line, last, i === lines.length - 1 ? RED : undefined))
  const header = ws.addRow(sheet.columns.map((c) => c.header))
  header.font = { bold: true }
  header.alignment = { horizontal: 'center', vertical: 'middle' }
  header.eachCell((cell) => {
    cell.border = BORDER
    cell.fill = HEADER_FILL
  })
  header.commit()
  // exceljs finds a cell's style id by the style object's identity (a WeakMap), and otherwise by
  // serialising it: one shared object per column (and per column in red) makes 50,000 rows a lookup each.
  const red = styles.map((s) => ({ ...s, font: RED }))
  for (const row of sheet.rows) {
    const added = ws.addRow(sheet.columns.map((c, i) => writtenCell(c.kind, row.cells[i] ?? null, imprint.full)))
    const rowStyles = row.red ? red : styles
    for (let c = 0; c < rowStyles.length; c++) added.getCell(c + 1).style = rowStyles[c] as Partial<ExcelJS.Style>
    added.commit()
    const n = count()
    if (n % 2000 === 0) imprint.onRow?.(n)
  }
  if (sheet.foot?.length) {
    ws.addRow([]).commit()
    for (const line of sheet.foot) mergedLine(ws, line, last)
  }
  ws.commit()
}

/**
 * The one .xlsx writer of every export, through exceljs's streaming writer so memory stays flat
 * for 50,000 rows: per sheet the title, 填报单位 and notice lines, a bold frozen header, typed
 * cells (text as '@', dates and times on the office's wall clock, numbers masked or full), red rows.
 * Returns the bytes and how many data rows were written.
 */
export async function writeBook(book: ExportBook, imprint: Imprint): Promise<{ bytes: Uint8Array; rows: number }> {
  const stream = new PassThrough()
  const chunks: Buffer[] = []
  stream.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve)
    stream.on('error', reject)
  })
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false })
  workbook.creator = '守望'
  let rows = 0
  const taken = new Set<string>()
  for (const sheet of book.sheets) writeSheet(workbook, sheet, sheetName(sheet.name, taken), imprint, () => ++rows)
  await workbook.commit()
  await done
  const out = Buffer.concat(chunks)
  return { bytes: new Uint8Array(out.buffer, out.byteOffset, out.byteLength), rows }
}

/** CSV for Excel: UTF-8 with BOM; a cell starting with = + - @ gets a leading ' so it is never a formula. */
export function csvCell(value: string | number | null): string {
  let s = value === null ? '' : String(value)
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** The first sheet as CSV (a list has one): the same title, lines, header and cells as the .xlsx. */
export function writeCsv(book: ExportBook, imprint: Imprint): { bytes: Uint8Array; rows: number } {
  const sheet = book.sheets[0]
  if (!sheet) return { bytes: new Uint8Array(Buffer.from('\uFEFF', 'utf8')), rows: 0 }
  const lines = [imprint.community + sheet.title, ...headLines(sheet, imprint)].map((l) => csvCell(l))
  lines.push(sheet.columns.map((c) => csvCell(c.header)).join(','))
  let rows = 0
  for (const row of sheet.rows) {
    rows++
    const cells: WrittenCell[] = sheet.columns.map((c, i) => writtenCell(c.kind, row.cells[i] ?? null, imprint.full))
    lines.push(cells.map((cell, i) => csvCell(cellText(cell, sheet.columns[i]?.kind ?? 'text'))).join(','))
    if (rows % 2000 === 0) imprint.onRow?.(rows)
  }
  return { bytes: new Uint8Array(Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8')), rows }
}
