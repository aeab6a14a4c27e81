import ExcelJS from 'exceljs'
import { formatZhDate, localIsoDate } from '../../../shared/domain'
import { exportNotice } from '../../../shared/domain/export-notice'
import type { FieldValue } from '../../../shared/domain/template-fields'
import { AppError } from '../../../shared/errors'
import { parseRange } from './cells'
import type { SourceColumn } from './export-sources'
import type { CellOut } from './export-writer'
import { excelDate } from './export-writer'
import { fillFieldCells, unknownFields } from './template-cells'
import { sanitizeWorkbook } from './template-sanitize'

export interface FillSpec {
  sheetName: string | null
  headerStart: number
  headerEnd: number
  /** Field of each template column by position; 'seq' numbers the rows. */
  mapping: (string | null)[]
}

export interface FillInfo {
  community: string
  /** Who exported, as the audit names them ('王主任（admin）'): the notice under the data. */
  actor: string
  /** 填报人: the account's 姓名, the name a person signs with. */
  reporter: string
  /** 联系电话: 设置's, the one the daily report shows too. */
  phone: string
  now: Date
  /** The day the form is for (填报日期); today when not given. */
  day?: string
  /** The {{…}} single-cell fields this export knows (the report's figures, or the head fields only). */
  fields: ReadonlyMap<string, FieldValue>
  /** Added to the message about a field not known here (where such a field can be filled). */
  fieldHint?: string
}

const LABELS = /(填报单位|填报人|填表人|联系电话|填报日期|填表日期|报送日期|统计日期|签发人|审核人)\s*[:：]/g

/** '填报单位：      填报日期：    年  月  日' -> the blanks after each label filled, others left as they are. */
export function fillLabels(text: string, values: Record<string, string>): string {
  const marks = [...text.matchAll(LABELS)]
  if (marks.length === 0) return text
  let out = text.slice(0, marks[0]?.index ?? 0)
  marks.forEach((m, i) => {
    const start = (m.index ?? 0) + m[0].length
    const next = marks[i + 1]
    const segment = text.slice(start, next ? next.index : text.length)
    const value = values[m[1] ?? '']
    const blank = segment.replace(/[\s_\u3000年月日]/g, '') === ''
    out += `${m[1]}：${value && blank ? value + (next ? '      ' : '') : segment}`
  })
  return out
}

type Style = Partial<ExcelJS.Style>
const clone = (style: Style): Style => JSON.parse(JSON.stringify(style ?? {})) as Style

interface FooterRow {
  offset: number
  height: number | undefined
  cells: { col: number; value: ExcelJS.CellValue; style: Style }[]
}

/**
 * Fills a registered template with rows, keeping its styles, merges and header block: the
 * data goes under the header in the style of the template's first data row, the sign-off
 * lines that stood under the table move down below the data, and the blanks of the
 * 填报单位/填报人/填报日期 block are filled in with today's date.
 */
export async function fillWorkbook(
  file: Uint8Array,
  spec: FillSpec,
  columns: SourceColumn[],
  rows: Iterable<Record<string, CellOut>>,
  info: FillInfo,
  alert?: (row: Record<string, CellOut>) => boolean
): Promise<{ bytes: Uint8Array; count: number }> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(file) as unknown as ExcelJS.Buffer)
  // Registration stores templates sanitised; this pass also covers those registered before it did.
  sanitizeWorkbook(workbook)
  const ws = spec.sheetName ? workbook.getWorksheet(spec.sheetName) : workbook.worksheets.find((w) => w.state === 'visible')
  if (!ws) throw new AppError('RULE_VIOLATION', `模板中找不到工作表“${spec.sheetName ?? ''}”，请重新登记模板。`)
  const unknown = unknownFields(ws, info.fields)
  if (unknown.length > 0) {
    const names = unknown.map((n) => `{{${n}}}`).join('、')
    throw new AppError('RULE_VIOLATION', `模板中的 ${names} 不是可以填写的项目${info.fieldHint ?? ''}。请核对名称（与“每日报表”页上的项目名称一致）。`, {
      fields: unknown
    })
  }
  fillFieldCells(ws, info.fields)
  const fills = labelFills(info)
  // A form of fixed cells only (no list under a header): its cells and its blanks, nothing moves.
  if (spec.mapping.every((f) => f === null)) {
    ws.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === 'string' && (cell.value = fillLabels(cell.value, fills)))))
    return { bytes: await finish(workbook, ws, ws.rowCount, info), count: 0 }
  }
  const dataStart = spec.headerEnd + 1
  const width = Math.max(spec.mapping.length, ws.columnCount)
  const rowStyle = Array.from({ length: width }, (_, c) => clone(ws.getCell(dataStart, c + 1).style))

  // Lines under the table (签发人, 审核人 ...) are lifted out and put back under the data.
  const footer: FooterRow[] = []
  let firstFooter = 0
  for (let r = dataStart; r <= ws.rowCount; r++) {
    const row = ws.getRow(r)
    if (!row.hasValues) continue
    if (firstFooter === 0) firstFooter = r
    const cells: FooterRow['cells'] = []
    row.eachCell({ includeEmpty: false }, (cell, col) => cells.push({ col, value: cell.value, style: clone(cell.style) }))
    footer.push({ offset: r - firstFooter, height: row.height, cells })
  }
  const footerMerges = (ws.model.merges ?? []).map((ref) => ({ ref, range: parseRange(ref) })).filter((m) => m.range && m.range.top + 1 >= dataStart)
  for (const m of footerMerges) ws.unMergeCells(m.ref)
  for (let r = firstFooter || ws.rowCount + 1; r <= ws.rowCount; r++) {
    ws.getRow(r).eachCell({ includeEmpty: true }, (cell) => {
      cell.value = null
      cell.style = {}
    })
  }

  let count = 0
  for (const values of rows) {
    const r = dataStart + count
    count++
    // An abnormal person is red in every list (DOMAIN.md), the filled report included.
    const red = alert?.(values) ?? false
    for (let c = 0; c < width; c++) {
      const field = spec.mapping[c] ?? null
      const cell = ws.getCell(r, c + 1)
      const style = clone(rowStyle[c] ?? {})
      const kind = field === 'seq' ? 'number' : (columns.find((col) => col.key === field)?.kind ?? 'text')
      style.numFmt = kind === 'date' ? 'yyyy-mm-dd' : kind === 'number' ? 'General' : '@'
      if (red) style.font = { ...style.font, color: { argb: 'FFC00000' } }
      cell.style = style
      const value = field === 'seq' ? count : field ? (values[field] ?? null) : null
      // Text in a date column stays text: a masked export's birth date is the year alone ('1975年').
      const date = kind === 'date' && typeof value === 'string' ? excelDate(value) : null
      cell.value = date ?? (value === '' ? null : value)
    }
  }

  const footerStart = dataStart + Math.max(count, 1) + 1
  for (const f of footer) {
    const row = ws.getRow(footerStart + f.offset)
    if (f.height) row.height = f.height
    for (const cell of f.cells) {
      const target = row.getCell(cell.col)
      target.style = cell.style
      target.value = typeof cell.value === 'string' ? fillLabels(cell.value, fills) : cell.value
    }
  }
  const shift = footerStart - (firstFooter || footerStart)
  for (const m of footerMerges) {
    const g = m.range
    if (g) ws.mergeCells(g.top + 1 + shift, g.left + 1, g.bottom + 1 + shift, g.right + 1)
  }
  for (let r = 1; r < spec.headerStart; r++) {
    ws.getRow(r).eachCell((cell) => {
      if (typeof cell.value !== 'string') return
      cell.value = fillLabels(cell.value.replace(/^(××|XX|xx|＿+|_+)社区/, info.community || '$&'), fills)
    })
  }
  return { bytes: await finish(workbook, ws, Math.max(ws.rowCount, dataStart + count - 1), info), count }
}

/** The blanks after 填报单位：, 填报人：, 联系电话：, 填报日期： … and what goes in them. */
function labelFills(info: FillInfo): Record<string, string> {
  const today = formatZhDate(info.day ?? localIsoDate(info.now))
  return {
    填报单位: info.community,
    填报人: info.reporter,
    填表人: info.reporter,
    联系电话: info.phone,
    填报日期: today,
    填表日期: today,
    报送日期: today,
    统计日期: today
  }
}

/** The prevention-use notice two rows under the last one used, and the bytes. */
async function finish(workbook: ExcelJS.Workbook, ws: ExcelJS.Worksheet, lastRow: number, info: FillInfo): Promise<Uint8Array> {
  const noticeRow = lastRow + 2
  ws.getCell(noticeRow, 1).value = exportNotice(info.actor, info.now)
  ws.getCell(noticeRow, 1).font = { color: { argb: 'FFC00000' }, size: 9 }
  const buffer = await workbook.xlsx.writeBuffer()
  return new Uint8Array(buffer as ArrayBuffer)
}
