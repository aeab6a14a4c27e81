import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import { splitIsoDate } from '../../../shared/domain'

export type ColumnKind = 'text' | 'code' | 'date' | 'number'

export interface TableColumn {
  header: string
  kind: ColumnKind
  width: number
}

export type CellOut = string | number | null

export interface TableSpec {
  sheetName: string
  title: string
  /** Lines under the title: 填报单位/日期 and the prevention-use notice. */
  lines: string[]
  columns: TableColumn[]
  rows: Iterable<CellOut[]> | AsyncIterable<CellOut[]>
  onRow?: (done: number) => void
  /** Rows to stand out (an abnormal person): written in red, as the lists in the app show them. */
  alert?: (values: CellOut[]) => boolean
}

const RED = { color: { argb: 'FFC00000' } }

/** 'YYYY-MM-DD' -> a Date Excel shows as that day (exceljs writes dates as UTC serials). */
export function excelDate(iso: string | null): Date | null {
  const p = iso ? splitIsoDate(iso) : null
  return p ? new Date(Date.UTC(p.y, p.m - 1, p.d)) : null
}

function cellValue(kind: ColumnKind, value: CellOut): ExcelJS.CellValue {
  if (value === null || value === '') return null
  if (kind === 'date' && typeof value === 'string') return excelDate(value) ?? value
  if (kind === 'number') return typeof value === 'number' ? value : Number(value)
  // Strings are written as strings, never as formulas: '=1+1' stays the text '=1+1'.
  return String(value)
}

function styleOf(kind: ColumnKind): Partial<ExcelJS.Style> {
  return kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : kind === 'number' ? {} : { numFmt: '@' }
}

const THIN = { style: 'thin' as const }
const BORDER = { top: THIN, bottom: THIN, left: THIN, right: THIN }

/**
 * A list as .xlsx through exceljs's streaming writer, so memory stays flat for 50,000 rows:
 * title and notice lines, a bold frozen header, IDs and phones as text ('@'), dates as dates.
 */
export async function writeTable(spec: TableSpec): Promise<Uint8Array> {
  const stream = new PassThrough()
  const chunks: Buffer[] = []
  stream.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve)
    stream.on('error', reject)
  })
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false })
  workbook.creator = '守望'
  const headerRow = spec.lines.length + 2
  const sheet = workbook.addWorksheet(spec.sheetName, { views: [{ state: 'frozen', ySplit: headerRow }] })
  // The column's own style also formats the cells a clerk adds below the list (an ID typed later stays text).
  sheet.columns = spec.columns.map((c) => ({ width: c.width, style: styleOf(c.kind) }))
  const last = spec.columns.length
  const title = sheet.addRow([spec.title])
  title.font = { bold: true, size: 14 }
  title.alignment = { horizontal: 'center' }
  sheet.mergeCells(1, 1, 1, last)
  title.commit()
  spec.lines.forEach((line, i) => {
    const row = sheet.addRow([line])
    if (i === spec.lines.length - 1) row.font = RED
    sheet.mergeCells(i + 2, 1, i + 2, last)
    row.commit()
  })
  const header = sheet.addRow(spec.columns.map((c) => c.header))
  header.font = { bold: true }
  header.alignment = { horizontal: 'center', vertical: 'middle' }
  header.eachCell((cell) => {
    cell.border = BORDER
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFF3F8' } }
  })
  header.commit()
  const kinds = spec.columns.map((c) => c.kind)
  // exceljs finds a cell's style id by the style object's identity (a WeakMap), and otherwise by
  // serialising it: each cell gets a fresh copy of its column's style, so 50,000 rows cost a
  // serialisation per cell. One shared object per column (and per column in red) makes it a lookup.
  const plain = kinds.map((k) => styleOf(k))
  const red = kinds.map((k) => ({ ...styleOf(k), font: RED }))
  let n = 0
  const write = (values: CellOut[]) => {
    const row = sheet.addRow(values.map((v, i) => cellValue(kinds[i] ?? 'text', v)))
    const styles = spec.alert?.(values) ? red : plain
    for (let c = 0; c < styles.length; c++) row.getCell(c + 1).style = styles[c] as Partial<ExcelJS.Style>
    row.commit()
    if (++n % 2000 === 0) spec.onRow?.(n)
  }
  // A list read from the store is a plain generator: no promise and microtask per row for it.
  if (Symbol.iterator in spec.rows) for (const values of spec.rows) write(values)
  else for await (const values of spec.rows) write(values)
  sheet.commit()
  await workbook.commit()
  await done
  const out = Buffer.concat(chunks)
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength)
}

/** CSV for Excel: UTF-8 with BOM; a cell starting with = + - @ gets a leading ' so it is never a formula. */
export function csvCell(value: CellOut): string {
  let s = value === null ? '' : String(value)
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export async function writeCsv(spec: TableSpec): Promise<Uint8Array> {
  const lines = [spec.title, ...spec.lines].map((l) => csvCell(l))
  lines.push(spec.columns.map((c) => csvCell(c.header)).join(','))
  for await (const values of spec.rows) lines.push(values.map(csvCell).join(','))
  return new Uint8Array(Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'))
}
