import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { AppError } from '../../../shared/errors'
import { SHEET_LIMITS, fillMerges, parseRange, toRawCell } from './cells'
import type { CellRange, RawCell, SheetData, WorkbookData } from './cells'
import { assertSafeZip } from './zip-guard'

interface SheetEntry {
  name: string
  hidden: boolean
  path: string
}

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const m of tag.matchAll(/([\w:]+)="([^"]*)"/g)) out[m[1] ?? ''] = decodeXml(m[2] ?? '')
  return out
}

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp);/g, (_all, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] ?? '')
}

/** Sheet names, visibility and part paths in workbook order, from workbook.xml and its rels. */
function sheetEntries(workbookXml: string, relsXml: string): SheetEntry[] {
  const targets = new Map<string, string>()
  for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    const a = attrs(m[0])
    if (a.Id && a.Target) targets.set(a.Id, a.Target.replace(/^\/?(xl\/)?/, 'xl/'))
  }
  return [...workbookXml.matchAll(/<sheet\b[^>]*>/g)].map((m) => {
    const a = attrs(m[0])
    const rid = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1] ?? ''
    return { name: a.name ?? '', hidden: a.state === 'hidden' || a.state === 'veryHidden', path: targets.get(rid) ?? '' }
  })
}

/** mergeCells sit after sheetData: only the tail of the part is searched. */
function mergesOf(xml: Buffer): CellRange[] {
  const at = xml.lastIndexOf('<mergeCells')
  if (at < 0) return []
  const tail = xml.toString('utf8', at)
  const merges: CellRange[] = []
  for (const m of tail.matchAll(/<mergeCell\s+ref="([A-Z]+\d+:[A-Z]+\d+)"/g)) {
    const range = parseRange(m[1] ?? '')
    if (range) merges.push(range)
  }
  return merges
}

function tooBig(what: string, limit: number): AppError {
  return new AppError('RULE_VIOLATION', `工作表的${what}超过 ${limit.toLocaleString('en-US')}，请拆分成几个文件后再导入。`, { limit })
}

export type ReadProgress = (rowsRead: number) => void

/**
 * Reads an .xlsx with exceljs's streaming reader (memory stays near the size of the values,
 * not of exceljs's object model), after the zip has been checked for bombs.
 */
export async function readXlsx(bytes: Buffer, onProgress?: ReadProgress): Promise<WorkbookData> {
  let workbookXml = ''
  let relsXml = ''
  const merges = new Map<string, CellRange[]>()
  assertSafeZip(bytes, (name, data) => {
    if (name === 'xl/workbook.xml') workbookXml = data.toString('utf8')
    else if (name === 'xl/_rels/workbook.xml.rels') relsXml = data.toString('utf8')
    else if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) merges.set(name, mergesOf(data))
  })
  const entries = sheetEntries(workbookXml, relsXml)
  const byName = new Map<string, SheetData>()
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit'
  })
  let total = 0
  try {
    for await (const worksheet of reader) {
      const ws = worksheet as unknown as AsyncIterable<ExcelJS.Row> & { name?: string }
      const rows: RawCell[][] = []
      for await (const row of ws) {
        if (row.number > SHEET_LIMITS.maxRows) throw tooBig('行数', SHEET_LIMITS.maxRows)
        const values = row.values as unknown[]
        if (values.length - 1 > SHEET_LIMITS.maxColumns) throw tooBig('列数', SHEET_LIMITS.maxColumns)
        const cells: RawCell[] = []
        for (let c = 1; c < values.length; c++) cells[c - 1] = toRawCell(values[c])
        for (let c = 0; c < cells.length; c++) if (cells[c] === undefined) cells[c] = null
        rows[row.number - 1] = cells
        if (++total % 5000 === 0) onProgress?.(total)
      }
      for (let r = 0; r < rows.length; r++) if (!rows[r]) rows[r] = []
      const name = ws.name ?? `Sheet${byName.size + 1}`
      byName.set(name, { name, hidden: false, rows, merges: [] })
    }
  } catch (error) {
    if (error instanceof AppError) throw error
    throw new AppError('RULE_VIOLATION', '无法读取这个 Excel 文件（文件可能已损坏）。请在 Excel 中打开并另存为 .xlsx 后再试。', { cause: String(error) })
  }
  const sheets: SheetData[] = []
  for (const entry of entries) {
    const sheet = byName.get(entry.name)
    if (!sheet) continue
    sheet.hidden = entry.hidden
    sheet.merges = merges.get(entry.path) ?? []
    fillMerges(sheet)
    sheets.push(sheet)
  }
  if (sheets.length === 0) throw new AppError('RULE_VIOLATION', '工作簿里没有工作表。')
  return { kind: 'xlsx', sheets }
}
