import ExcelJS from 'exceljs'
import { AppError } from '../../../shared/errors'
import { assertSafeZip } from './zip-guard'

/**
 * A report template is a file from outside (the street office, a colleague's mail) that the
 * program fills with residents' data, full ID numbers included, and that is then opened in
 * Excel somewhere else. Anything in it that computes, calls out or hides could carry that data
 * away: =WEBSERVICE("http://…"&C5) sends a cell to a server when the file is opened, a
 * HYPERLINK formula does it on a click, a hidden or very-hidden sheet can copy the filled
 * columns where nobody looks, external links and data connections reach other files and
 * servers, macros run code. Registration keeps only what a report needs (values, styles,
 * merges, print setup) and tells the clerk what was removed:
 *
 * - formulas, in cells: replaced by the value Excel last computed (a template's formulas are
 *   its own header arithmetic; the filled area is overwritten anyway);
 * - hidden and very-hidden sheets: removed (the sheet chosen for the table must be visible);
 * - external links, data connections and queries, macros (VBA), embedded objects and
 *   controls: removed (the rewritten workbook is a plain .xlsx without those parts);
 * - defined names that point outside the kept sheets or hold a formula, hyperlinks, and
 *   conditional formats or validations whose formulas call out: removed.
 *
 * A file that cannot be read, or that still holds any of these after the rewrite, is refused.
 * The same workbook pass runs again at every fill, for templates registered before it existed.
 */

const PARTS: { test: RegExp; what: string }[] = [
  { test: /(^|\/)vbaProject\.bin$|^customUI\/|^xl\/vbaProjectSignature/i, what: '宏（VBA 代码）' },
  { test: /^xl\/externalLinks\//i, what: '指向其他文件的外部链接' },
  { test: /^xl\/connections\.xml$|^xl\/queryTables\//i, what: '数据连接和查询' },
  { test: /^xl\/(embeddings|activeX|ctrlProps)\//i, what: '嵌入的对象和控件' },
  { test: /^xl\/pivot(Cache|Tables)\//i, what: '数据透视表' }
]

// Functions that reach outside the workbook, or build a reference from text (and so can).
const CALLS_OUT = /\b(WEBSERVICE|FILTERXML|HYPERLINK|RTD|DDE|CALL|REGISTER(\.ID)?|EXEC|INDIRECT|ENCODEURL|IMPORT\w*)\s*\(|\[/i

type CellResult = ExcelJS.CellValue

/** The value a formula last showed: numbers, text, dates and booleans stay; errors become blank. */
function cachedResult(value: CellResult): CellResult {
  if (!value || typeof value !== 'object' || !('result' in value)) return null
  const result = (value as { result?: unknown }).result
  if (result === undefined || result === null) return null
  if (typeof result === 'object' && !(result instanceof Date)) return null
  return result as CellResult
}

// exceljs keeps conditional formats and validations on the worksheet but does not type them.
interface RuleHolder {
  conditionalFormattings?: { ref: string; rules: { formulae?: unknown[] }[] }[]
  dataValidations?: { model: Record<string, { formulae?: unknown[] } | undefined> }
}

const callsOut = (formulae: unknown[] | undefined) => (formulae ?? []).some((f) => typeof f === 'string' && CALLS_OUT.test(f))

/** Removes everything above from a loaded workbook; returns what was removed, in Chinese. */
export function sanitizeWorkbook(workbook: ExcelJS.Workbook): string[] {
  const removed: string[] = []
  for (const ws of [...workbook.worksheets]) {
    if (ws.state === 'visible') continue
    removed.push(`${ws.state === 'veryHidden' ? '深度隐藏' : '隐藏'}的工作表“${ws.name}”`)
    workbook.removeWorksheet(ws.id)
  }
  let formulas = 0
  let links = 0
  let rules = 0
  for (const ws of workbook.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) {
          formulas++
          cell.value = cachedResult(cell.value)
        } else if (cell.type === ExcelJS.ValueType.Hyperlink) {
          links++
          cell.value = (cell.value as ExcelJS.CellHyperlinkValue).text ?? null
        }
      })
    )
    const holder = ws as unknown as RuleHolder
    if (holder.conditionalFormattings) {
      for (const cf of holder.conditionalFormattings) {
        const kept = cf.rules.filter((rule) => !callsOut(rule.formulae))
        rules += cf.rules.length - kept.length
        cf.rules = kept
      }
      holder.conditionalFormattings = holder.conditionalFormattings.filter((cf) => cf.rules.length > 0)
    }
    const validations = holder.dataValidations?.model ?? {}
    for (const [address, rule] of Object.entries(validations)) {
      if (rule && callsOut(rule.formulae)) {
        rules++
        validations[address] = undefined
      }
    }
  }
  const sheets = new Set(workbook.worksheets.map((ws) => ws.name))
  const names = workbook.definedNames.model
  const keptNames = names.filter((n) => n.ranges.every((range) => sheets.has(sheetOf(range))))
  if (keptNames.length < names.length) workbook.definedNames.model = keptNames
  if (formulas > 0) removed.push(`${formulas} 个公式（已换成公式原来显示的值）`)
  if (links > 0) removed.push(`${links} 个超链接（保留文字）`)
  if (rules > 0) removed.push(`${rules} 条含外部调用的条件格式或数据验证`)
  if (keptNames.length < names.length) removed.push(`${names.length - keptNames.length} 个指向外部或隐藏工作表的名称`)
  return removed
}

/** "'报表'!$A$1" -> '报表'. */
function sheetOf(range: string): string {
  const bang = range.lastIndexOf('!')
  const sheet = bang < 0 ? '' : range.slice(0, bang)
  return sheet.startsWith("'") ? sheet.slice(1, -1).replaceAll("''", "'") : sheet
}

// Defined names exceljs drops while reading (a formula, a constant) never reach the workbook
// pass; they are counted from the XML so the clerk hears of them too.
const DEFINED_NAME = /<definedName\b([^>]*)>/g

function countNames(workbookXml: string): number {
  return [...workbookXml.matchAll(DEFINED_NAME)].filter((m) => !/name="_xlnm\./.test(m[1] ?? '')).length
}

export interface SanitizedTemplate {
  bytes: Uint8Array
  /** What was removed, in Chinese, for the clerk; empty when the file was clean. */
  removed: string[]
}

function refuse(message: string): AppError {
  return new AppError('RULE_VIOLATION', message)
}

/** The template rewritten without anything that computes, calls out or hides; refused if that cannot be done. */
export async function sanitizeTemplate(file: Uint8Array, sheetName: string): Promise<SanitizedTemplate> {
  const input = Buffer.from(file.buffer, file.byteOffset, file.byteLength)
  const found = new Set<string>()
  let workbookXml = ''
  assertSafeZip(input, (name, data) => {
    for (const part of PARTS) if (part.test.test(name)) found.add(part.what)
    if (name === 'xl/workbook.xml') workbookXml = data.toString('utf8')
  })
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(input as unknown as ExcelJS.Buffer)
  } catch {
    throw refuse('无法读取这个模板文件。请在 Excel 中打开，另存为 .xlsx 后再登记。')
  }
  const chosen = workbook.getWorksheet(sheetName)
  if (!chosen) throw refuse(`模板中找不到工作表“${sheetName}”。`)
  if (chosen.state !== 'visible') throw refuse(`工作表“${sheetName}”是隐藏的。请在 Excel 中取消隐藏，或选择其他工作表后再登记。`)
  const dropped = Math.max(0, countNames(workbookXml) - workbook.definedNames.model.length)
  const removed = [...PARTS.filter((part) => found.has(part.what)).map((part) => part.what), ...sanitizeWorkbook(workbook)]
  if (dropped > 0) removed.push(`${dropped} 个含公式的名称`)
  const bytes = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer)
  assertClean(bytes)
  return { bytes, removed }
}

/** The rewritten file, checked part by part: nothing the rewrite should have removed is left. */
function assertClean(bytes: Uint8Array): void {
  const problems: string[] = []
  assertSafeZip(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), (name, data) => {
    for (const part of PARTS) if (part.test.test(name)) problems.push(part.what)
    const xml = /^xl\/(worksheets\/[^/]+|workbook)\.xml$/.test(name) ? data.toString('utf8') : ''
    if (/<f[\s>]/.test(xml)) problems.push('公式')
    if (/state="(hidden|veryHidden)"/.test(xml)) problems.push('隐藏的工作表')
    if (/<definedName\b[^>]*>[^<]*[([]/.test(xml)) problems.push('名称')
  })
  if (problems.length > 0) throw refuse(`模板中的${[...new Set(problems)].join('、')}无法安全去除，不能登记。请在 Excel 中删除后再登记。`)
}
