import { AppError } from '../../../shared/errors'
import { MAX_FILE_BYTES } from '../../../shared/schemas/excel'
import { SHEET_LIMITS } from './cells'
import type { RawCell, WorkbookData } from './cells'
import { readXlsx } from './read-xlsx'
import type { ReadProgress } from './read-xlsx'

const refuse = (message: string, details?: Record<string, unknown>) => new AppError('RULE_VIOLATION', message, details)

/** Text that decodes without replacement characters and has no control bytes. */
function decodeText(bytes: Buffer): string | null {
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      const text = new TextDecoder(encoding, { fatal: true }).decode(bytes)
      // NUL and other C0 controls (besides tab and line breaks) mean binary, not a table.
      // eslint-disable-next-line no-control-regex -- finding control characters is the point
      if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(text)) return null
      return text.replace(/^\uFEFF/, '')
    } catch {
      /* try the next encoding */
    }
  }
  return null
}

/** RFC 4180 with the separator guessed from the first line (comma, tab or semicolon). */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/))
  const sep = [',', '\t', ';'].map((s) => ({ s, n: firstLine.split(s).length })).sort((a, b) => b.n - a.n)[0]?.s ?? ','
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"' && field === '') quoted = true
    else if (ch === sep) {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      if (rows.length > SHEET_LIMITS.maxRows) throw refuse(`文件行数超过 ${SHEET_LIMITS.maxRows}，请拆分后再导入。`)
    } else field += ch
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  if (rows.some((r) => r.length > SHEET_LIMITS.maxColumns)) throw refuse(`文件列数超过 ${SHEET_LIMITS.maxColumns}，请检查文件。`)
  return rows
}

/**
 * Opens what a clerk picked: .xlsx (after the zip checks), CSV in UTF-8 or GBK; refuses
 * old .xls and password-protected workbooks (both OLE files), and anything else.
 */
export async function readWorkbookFile(fileName: string, raw: Uint8Array, onProgress?: ReadProgress): Promise<WorkbookData> {
  if (raw.byteLength > MAX_FILE_BYTES) throw refuse(`文件超过 ${MAX_FILE_BYTES / 1024 / 1024} MB，请拆分后再导入。`)
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength)
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0xd0cf11e0) {
    throw refuse('这是旧版 .xls 文件或设置了密码的工作簿，无法直接读取。请在 Excel 中打开，取消密码后“另存为” .xlsx 再导入。')
  }
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x504b0304) return readXlsx(bytes, onProgress)
  const lower = fileName.toLowerCase()
  if (lower.endsWith('.xls')) throw refuse('无法读取 .xls 文件。请在 Excel 中“另存为” .xlsx 再导入。')
  if (lower.endsWith('.xlsx')) throw refuse('文件已损坏或不是 Excel 工作簿（.xlsx），无法读取。')
  const text = lower.endsWith('.csv') || lower.endsWith('.txt') ? decodeText(bytes) : null
  if (text === null) throw refuse('只能导入 Excel 工作簿（.xlsx）或 CSV 文件。请在 Excel 中另存为 .xlsx 后再导入。')
  const rows: RawCell[][] = parseCsv(text)
  return { kind: 'csv', sheets: [{ name: fileName.replace(/\.[^.]+$/, ''), hidden: false, rows, merges: [] }] }
}
