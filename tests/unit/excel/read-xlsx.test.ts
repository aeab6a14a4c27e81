import { PassThrough, Readable } from 'node:stream'
import { isDeepStrictEqual } from 'node:util'
import zlib from 'node:zlib'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { SHEET_LIMITS, fillMerges, isBlank, parseRange, toRawCell } from '../../../electron/backend/excel/cells'
import type { CellRange, RawCell, SheetData, WorkbookData } from '../../../electron/backend/excel/cells'
import { readXlsx } from '../../../electron/backend/excel/read-xlsx'
import { assertSafeZip } from '../../../electron/backend/excel/zip-guard'
import { AppError } from '../../../shared/errors'

// ---------------------------------------------------------------------------------------
// referenceRead: the exceljs-based reader that read-xlsx.ts replaced, kept verbatim so the
// new reader is held to exactly its output, but for the corrections listed further down.

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

async function referenceRead(bytes: Buffer, onProgress?: (rowsRead: number) => void): Promise<WorkbookData> {
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

/**
 * exceljs's streaming pass parks a worksheet that comes before the shared strings (as
 * Excel and exceljs write them) in a temp file, and then at random loses parts that follow
 * (exceljs issue #3064): shared strings, styles, workbook.xml, other sheets. In our runs
 * 20-90% of reads of such multi-sheet files lost some. The reference is given the same parts
 * in the order where it reads every sheet straight from the zip, which it does reliably; a
 * workbook without shared strings gets an empty part (else every sheet is parked), which
 * changes nothing for these files: none has a t="s" cell without it.
 */
async function reference(bytes: Buffer): Promise<WorkbookData> {
  const first = ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/sharedStrings.xml']
  const parts = new Map<string, Buffer>()
  assertSafeZip(bytes, (name, data) => parts.set(name, Buffer.from(data)))
  if (!parts.has('xl/sharedStrings.xml')) parts.set('xl/sharedStrings.xml', Buffer.from(`<sst ${NS}/>`))
  const names = [...first.filter((n) => parts.has(n)), ...[...parts.keys()].filter((n) => !first.includes(n))]
  return referenceRead(zip(Object.fromEntries(names.map((n) => [n, parts.get(n) ?? Buffer.alloc(0)]))))
}

/**
 * exceljs decodes each chunk of a part on its own (TextDecoder without `stream`), so a
 * character whose UTF-8 bytes straddle two chunks comes out as U+FFFD (one to three of
 * them). The new reader reads such characters right; where the reference shows U+FFFD,
 * one or two code units of anything stand in for each run.
 */
function splitCharsTolerated(ref: WorkbookData): WorkbookData {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const cell = (c: RawCell): RawCell =>
    typeof c === 'string' && c.includes('\uFFFD') ? (expect.stringMatching(new RegExp(`^${escape(c).replace(/\uFFFD+/g, '[^]{1,2}')}$`)) as string) : c
  return { ...ref, sheets: ref.sheets.map((s) => ({ ...s, rows: s.rows.map((row) => row.map(cell)) })) }
}

// ---------------------------------------------------------------------------------------
// Where the new reader deliberately reads differently: exceljs's quirks gave clerks wrong
// values, and these are read as Excel shows them instead. Each difference is one of:
//   1 phonetic runs (<rPh>, furigana) and whitespace between tags are not a string's text
//   2 every rich-text run of a string is kept, joined in order
//   3 entities are decoded once (exceljs decoded str/inline strings and sheet names twice)
//   4 a formula's cached result is its value whatever it is: 0, '', true/false, a Date
//     when date-styled, null for an error or without one; shared-formula children alike
//   5 t="d" cells (ISO 8601 text) are Dates
//   6 no NaN (nor Invalid Date) ever leaves the reader: an empty <v/> is null
//   7 built-in formats 27-36 and 50-58 (Chinese/Japanese/Korean dates and times) are dates
//   8 a cell without s takes its row's style (customFormat), else its column's, else 0
// Everything else must still read exactly as the reference read it.

interface Fix {
  sheet: string
  /** 0-based, as in SheetData.rows. */
  row: number
  col: number
  /** What the reference (exceljs) read there. */
  was: RawCell
  now: RawCell
  /** The numbers above. */
  items: number[]
}

function fix(sheet: string, address: string, was: RawCell, now: RawCell, ...items: number[]): Fix {
  const range = parseRange(`${address}:${address}`)
  return { sheet, row: range?.top ?? -1, col: range?.left ?? -1, was, now, items }
}

/** Does the reference show `was`, allowing for the U+FFFD of characters split between its chunks? */
function readAs(got: RawCell | undefined, was: RawCell): boolean {
  if (typeof got === 'string' && got.includes('\uFFFD') && typeof was === 'string') {
    const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    return new RegExp(`^${escape(got).replace(/\uFFFD+/g, '[^]{1,2}')}$`).test(was)
  }
  if (got instanceof Date && was instanceof Date) return Object.is(got.getTime(), was.getTime())
  return isDeepStrictEqual(got, was)
}

/**
 * The reference's reading with the listed fixes applied, each checked to be exactly
 * exceljs's wrong value first: nothing but the named differences is allowed.
 */
function expectedFromReference(ref: WorkbookData, fixes: Fix[]): WorkbookData {
  const sheets = ref.sheets.map((s) => ({ ...s, rows: s.rows.map((row) => [...row]) }))
  for (const f of fixes) {
    const sheet = sheets.find((s) => s.name === f.sheet)
    const got = sheet?.rows[f.row]?.[f.col]
    if (!readAs(got, f.was))
      expect.fail(`${f.sheet} ${columnName(f.col)}${f.row + 1} (item ${f.items.join(', ')}): the reference read ${String(got)}, not ${String(f.was)}`)
    const row = sheet?.rows[f.row] ?? []
    row[f.col] = f.now
  }
  // Merged cells show the corrected top-left value too.
  for (const s of sheets) fillMerges(s)
  return { ...ref, sheets }
}

function columnName(col: number): string {
  return col < 26 ? String.fromCharCode(65 + col) : columnName(Math.floor(col / 26) - 1) + String.fromCharCode(65 + (col % 26))
}

/** 6: no NaN, nor an Invalid Date, in any cell. */
function expectNoNaN(book: WorkbookData): void {
  for (const s of book.sheets)
    for (const row of s.rows)
      for (const c of row) expect(typeof c === 'number' ? Number.isNaN(c) : c instanceof Date ? Number.isNaN(c.getTime()) : false).toBe(false)
}

/** Reads with the new reader and compares with the reference, corrected by exactly `fixes`. */
async function expectSame(bytes: Buffer, fixes: Fix[] = []): Promise<WorkbookData> {
  const ours = await readXlsx(bytes)
  expect(ours).toStrictEqual(splitCharsTolerated(expectedFromReference(await reference(bytes), fixes)))
  expectNoNaN(ours)
  return ours
}

// ---------------------------------------------------------------------------------------
// Workbooks built in code, with both of exceljs's writers.

interface Formatted {
  value: ExcelJS.CellValue
  numFmt: string
}
type SpecCell = ExcelJS.CellValue | Formatted | undefined
interface Spec {
  name: string
  state?: 'hidden' | 'veryHidden'
  /** [Excel row number, cells from column A]; undefined leaves a cell out. */
  rows: [number, SpecCell[]][]
  merges?: string[]
  image?: boolean
  /** DOM writer only: fillFormula(range, formula, results). */
  shared?: [string, string, number[]]
}

const fmt = (value: ExcelJS.CellValue, numFmt: string): Formatted => ({ value, numFmt })
const isFormatted = (c: SpecCell): c is Formatted => typeof c === 'object' && c !== null && 'numFmt' in c && 'value' in c
const D = (y: number, m: number, d: number, h = 0, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min))
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')

function fillCell(cell: ExcelJS.Cell, c: SpecCell): void {
  if (c === undefined) return
  if (isFormatted(c)) {
    cell.value = c.value
    cell.numFmt = c.numFmt
  } else cell.value = c
}

async function domBook(specs: Spec[], options: { useSharedStrings?: boolean; date1904?: boolean } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  if (options.date1904) wb.properties.date1904 = true
  for (const s of specs) {
    const ws = wb.addWorksheet(s.name, s.state ? { state: s.state } : {})
    for (const [r, cells] of s.rows) cells.forEach((c, i) => fillCell(ws.getCell(r, i + 1), c))
    for (const m of s.merges ?? []) ws.mergeCells(m)
    if (s.shared) ws.fillFormula(s.shared[0], s.shared[1], s.shared[2])
    if (s.image) ws.addImage(wb.addImage({ buffer: PNG as unknown as ExcelJS.Buffer, extension: 'png' }), 'B2:C3')
  }
  return Buffer.from(await wb.xlsx.writeBuffer({ useSharedStrings: options.useSharedStrings ?? true }))
}

async function streamBook(specs: Spec[], useSharedStrings: boolean, useStyles = true): Promise<Buffer> {
  const stream = new PassThrough()
  const chunks: Buffer[] = []
  stream.on('data', (c: Buffer) => chunks.push(c))
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings, useStyles })
  for (const s of specs) {
    const ws = wb.addWorksheet(s.name, s.state ? { state: s.state } : {})
    // The streaming writer takes merges only before their rows are committed.
    for (const m of s.merges ?? []) ws.mergeCells(m)
    for (const [r, cells] of s.rows) {
      const row = ws.getRow(r)
      cells.forEach((c, i) => fillCell(row.getCell(i + 1), c))
      row.commit()
    }
    ws.commit()
  }
  await wb.commit()
  return Buffer.concat(chunks)
}

/** exceljs's second decoding of "str"/"inlineStr" text (3). */
const decodedAgain = (x: string): string => x.replace(/&([a-z]*);/g, (c, n: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[n] ?? c)

/** A spec cell's reading by exceljs and now, when they differ: [was, now, items]. */
function specDifference(c: SpecCell, o: { inline: boolean; date1904: boolean }): [RawCell, RawCell, number[]] | null {
  const v = isFormatted(c) ? c.value : c
  const text = (x: string): [RawCell, RawCell, number[]] | null => (o.inline && decodedAgain(x) !== x ? [decodedAgain(x), x, [3]] : null)
  if (typeof v === 'string') return text(v)
  if (typeof v !== 'object' || v === null || v instanceof Date) return null
  if ('richText' in v) {
    // Shared strings were read whole; an inline rich string was cut to its last run.
    const joined = v.richText.map((r) => r.text).join('')
    const last = v.richText.at(-1)?.text ?? ''
    if (!o.inline) return null
    const items = [...(last !== joined ? [2] : []), ...(decodedAgain(last) !== last ? [3] : [])]
    return items.length > 0 ? [decodedAgain(last), joined, items] : null
  }
  if ('hyperlink' in v) return text(v.text)
  if (!('formula' in v)) return null
  const r = v.result
  // exceljs kept a truthy result only, read every result but a text one as a number, and
  // decoded text twice.
  const serial = (d: Date) => d.getTime() / 86_400_000 + 25569 - (o.date1904 ? 1462 : 0)
  const was =
    r instanceof Date ? serial(r) : typeof r === 'string' ? decodedAgain(r) || null : typeof r === 'number' || typeof r === 'boolean' ? Number(r) || null : null
  const now = r instanceof Date || typeof r === 'string' || typeof r === 'number' || typeof r === 'boolean' ? r : null
  return isDeepStrictEqual(was, now) ? null : [was, now, typeof r === 'string' && decodedAgain(r) !== r && r !== '' ? [3, 4] : [4]]
}

/** The fixes for workbooks built from specs: inline strings come from the streaming writer without shared strings. */
function specFixes(specs: Spec[], o: { inline?: boolean; date1904?: boolean } = {}): Fix[] {
  const out: Fix[] = []
  for (const s of specs)
    for (const [r, cells] of s.rows)
      cells.forEach((c, col) => {
        const d = specDifference(c, { inline: o.inline ?? false, date1904: o.date1904 ?? false })
        if (d) out.push({ sheet: s.name, row: r - 1, col, was: d[0], now: d[1], items: d[2] })
      })
  return out
}

const KITCHEN: Spec = {
  name: '数据',
  rows: [
    // eslint-disable-next-line no-loss-of-precision -- what Excel stores for an 18-digit number typed as a number
    [1, ['数字', 1, 0, -42, 3.14159, -0.5, 1e-7, 123456789012345678, 2 ** 53 + 2, 1.5e300]],
    [2, ['文本', '000123', '0012345678901234567X', '', '  前后空格  ', '多行\n文本', 'tab\there', '&lt; literal &amp;', '_x000D_ escape']],
    [3, ['特殊', '<a href="x">&amp;</a>', `'single' "double"`, '中文汉字', '𠀀 supplementary', 'emoji 😀', '\u00a0nbsp', 'a > b < c & d']],
    [
      4,
      [
        '日期',
        fmt(D(1980, 1, 1), 'mm-dd-yy'),
        fmt(D(2001, 2, 3), 'yyyy"年"m"月"d"日"'),
        fmt(D(1975, 3, 12), 'yyyy/m/d'),
        fmt(D(2020, 6, 6, 7, 8), 'm/d/yy h:mm'),
        D(1990, 2, 15),
        fmt(0.5, 'h:mm:ss'),
        fmt(44000, 'yyyy-mm-dd'),
        fmt(44000, '0.00'),
        fmt(36925, '[$-804]yyyy"年"m"月"d"日";@'),
        fmt(44000.25, 'yyyy\\-mm\\-dd')
      ]
    ],
    [
      5,
      [
        '富文本',
        { richText: [{ text: '重点', font: { bold: true } }, { text: '关注' }] },
        { richText: [{ text: 'only' }] },
        { text: '13700003333', hyperlink: 'tel:13700003333' },
        { text: '主页 & more', hyperlink: 'https://example.com/?a=1&b=2' }
      ]
    ],
    [
      6,
      [
        '公式',
        { formula: '1+1', result: 2 },
        { formula: '"a"&"b"', result: 'ab' },
        { formula: 'A1' },
        { formula: '0*1', result: 0 },
        { formula: '""', result: '' },
        { formula: '1/0', result: { error: '#DIV/0!' } },
        { formula: 'TRUE()', result: true },
        { formula: 'DATE(1985,5,5)', result: D(1985, 5, 5) }
      ]
    ],
    [7, ['布尔与错误', true, false, { error: '#N/A' }, { error: '#VALUE!' }, null, 'after null']],
    [9, [undefined, undefined, 'sparse', undefined, undefined, undefined, undefined, undefined, undefined, undefined, 'far']],
    [10, [1, 2, 3]],
    [11, [2, 4, 6]],
    [12, [3, 6, 9]]
  ],
  shared: ['D10:D12', 'A10*2', [2, 4, 0]]
}

const MERGED: Spec = {
  name: '登记表',
  rows: [
    [1, ['幸福里社区居民登记表']],
    [2, ['序号', '基本信息', undefined, undefined, '联系方式']],
    [3, [undefined, '姓名', '性别', '身份证号', '手机号']],
    [4, [1, '张三', '男', '110101198001010011', '13800000000']]
  ],
  merges: ['A1:E1', 'A2:A3', 'B2:D2']
}

const GAPS: Spec = {
  name: 'gaps',
  rows: [
    [2, [undefined, 'B2']],
    [
      5,
      [
        'A5',
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        'AC5'
      ]
    ],
    [100, [undefined, undefined, 42]]
  ]
}

function randomSheet(seed: number, rows: number): Spec {
  let s = seed
  const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)] as T
  const words = ['张三', '李四', 'Wang', '幸福里', '<&>', '"q"', "'a'", ' x ', '常住', '0012']
  const cell = (): SpecCell => {
    const k = rand()
    if (k < 0.1) return undefined
    if (k < 0.3) return Math.floor(rand() * 1e6) - 5e5
    if (k < 0.4) return rand() * 1000
    if (k < 0.65) return pick(words) + pick(words)
    if (k < 0.75)
      return fmt(
        D(1950 + Math.floor(rand() * 70), 1 + Math.floor(rand() * 12), 1 + Math.floor(rand() * 28)),
        pick(['yyyy-mm-dd', 'mm-dd-yy', 'yyyy"年"m"月"d"日"'])
      )
    if (k < 0.8) return rand() < 0.5
    if (k < 0.85) return { formula: 'A1+1', result: Math.floor(rand() * 10) }
    if (k < 0.9) return { richText: [{ text: pick(words) }, { text: pick(words), font: { italic: true } }] }
    return String(Math.floor(rand() * 1e17))
  }
  return {
    name: `随机${seed}`,
    rows: Array.from({ length: rows }, (_, r): [number, SpecCell[]] => [r + 1 + Math.floor(r / 500), Array.from({ length: 8 }, cell)])
  }
}

const BOOK: Spec[] = [
  KITCHEN,
  MERGED,
  { ...GAPS, state: 'hidden' },
  { name: '很隐藏', state: 'veryHidden', rows: [[1, ['secret']]] },
  { ...GAPS, name: 'gaps2' },
  { name: '空', rows: [] }
]

describe('readXlsx reads what the exceljs streaming reader read, but for the documented corrections', () => {
  it('workbooks from the DOM writer (which writes shared strings either way), and in the 1904 date system', async () => {
    const withImage: Spec = { name: '图片', rows: [], image: true }
    await expectSame(await domBook([...BOOK, withImage]), specFixes(BOOK))
    await expectSame(await domBook(BOOK, { useSharedStrings: false }), specFixes(BOOK))
    const ours = await expectSame(await domBook([KITCHEN], { date1904: true }), specFixes([KITCHEN], { date1904: true }))
    expect(ours.sheets[0]?.rows[3]?.[1]).toEqual(D(1980, 1, 1))
    expect(ours.sheets[0]?.rows[5]?.[8]).toEqual(D(1985, 5, 5))
  })

  it('workbooks from the streaming writer, with shared strings, inline strings, and without styles', async () => {
    await expectSame(await streamBook(BOOK, true), specFixes(BOOK))
    await expectSame(await streamBook(BOOK, false), specFixes(BOOK, { inline: true }))
    // Without styles (useStyles: false) the writer still gives dates a date format.
    const ours = await expectSame(await streamBook([KITCHEN], false, false), specFixes([KITCHEN], { inline: true }))
    expect(ours.sheets[0]?.rows[4]?.[1]).toBe('重点关注')
    expect(ours.sheets[0]?.rows[1]?.[7]).toBe('&lt; literal &amp;')
  })

  it('a few thousand random rows, both writers: only rich inline strings (2) and zero formula results (4) differ', async () => {
    const ours = await expectSame(await domBook([randomSheet(7, 3000)]), specFixes([randomSheet(7, 3000)]))
    expect(ours.sheets[0]?.rows.length).toBeGreaterThan(3000)
    const inline = specFixes([randomSheet(11, 3000)], { inline: true })
    expect(new Set(inline.map((f) => f.items.join()))).toEqual(new Set(['2', '4']))
    await expectSame(await streamBook([randomSheet(11, 3000)], false), inline)
    const shared = specFixes([randomSheet(13, 2000)])
    expect(new Set(shared.map((f) => f.items.join()))).toEqual(new Set(['4']))
    await expectSame(await streamBook([randomSheet(13, 2000)], true), shared)
  })

  it('the clerk-facing values of the kitchen-sink sheet', async () => {
    const [sheet] = (await readXlsx(await domBook([KITCHEN]))).sheets
    const rows = sheet?.rows ?? []
    // eslint-disable-next-line no-loss-of-precision -- the same number, read back
    expect(rows[0]?.slice(1, 9)).toEqual([1, 0, -42, 3.14159, -0.5, 1e-7, 123456789012345678, 2 ** 53 + 2])
    // An empty string is an empty shared string, which reads as no value.
    expect(rows[1]?.slice(1, 4)).toEqual(['000123', '0012345678901234567X', null])
    expect(rows[3]?.slice(1, 4)).toEqual([D(1980, 1, 1), D(2001, 2, 3), D(1975, 3, 12)])
    expect(rows[4]?.slice(1, 5)).toEqual(['重点关注', 'only', '13700003333', '主页 & more'])
    // 4: every cached result, by its type (exceljs: truthy ones only, TRUE() as 1, DATE() as its serial).
    expect(rows[5]?.slice(1, 9)).toEqual([2, 'ab', null, 0, '', null, true, D(1985, 5, 5)])
    expect(rows[6]).toEqual(['布尔与错误', true, false, null, null, null, 'after null'])
  })
})

// ---------------------------------------------------------------------------------------
// Hand-written parts: what exceljs never writes but other programs do.

function zip(files: Record<string, string | Buffer>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, text] of Object.entries(files)) {
    const data = typeof text === 'string' ? Buffer.from(text, 'utf8') : text
    const packed = zlib.deflateRawSync(data)
    const nameBytes = Buffer.from(name, 'utf8')
    const crc = zlib.crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(packed.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(packed.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, nameBytes, packed)
    centrals.push(central, nameBytes)
    offset += 30 + nameBytes.length + packed.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(centrals.length / 2, 8)
  end.writeUInt16LE(centrals.length / 2, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

interface HandBook {
  /** A chart sheet goes to xl/chartsheets/. */
  sheets: { name: string; xml: string; state?: string; chart?: boolean }[]
  shared?: string
  styles?: string
  workbookPr?: string
  paths?: { shared: string; styles: string }
}

/** A workbook in Excel's part order (shared strings after the sheets), ending with a spare part. */
function handBook(book: HandBook): Buffer {
  const paths = book.paths ?? { shared: 'xl/sharedStrings.xml', styles: 'xl/styles.xml' }
  const dir = (s: { chart?: boolean }) => (s.chart ? 'chartsheets' : 'worksheets')
  const rels = book.sheets.map(
    (s, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/${s.chart ? 'chartsheet' : 'worksheet'}" Target="${dir(s)}/sheet${i + 1}.xml"/>`
  )
  if (book.shared !== undefined) rels.push(`<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="${paths.shared.slice(3)}"/>`)
  if (book.styles !== undefined) rels.push(`<Relationship Id="rIdT" Type="${REL}/styles" Target="${paths.styles.slice(3)}"/>`)
  const files: Record<string, string> = {
    '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    'xl/workbook.xml': `<?xml version="1.0"?>\n<workbook ${NS}>${book.workbookPr ?? ''}<sheets>${book.sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`
  }
  book.sheets.forEach(
    (s, i) =>
      (files[`xl/${dir(s)}/sheet${i + 1}.xml`] =
        `<?xml version="1.0" encoding="UTF-8"?>\r\n<${s.chart ? 'chartsheet' : 'worksheet'} ${NS}>${s.xml}</${s.chart ? 'chartsheet' : 'worksheet'}>`)
  )
  if (book.shared !== undefined) files[paths.shared] = `<?xml version="1.0"?>\n<sst ${NS}>${book.shared}</sst>`
  if (book.styles !== undefined) files[paths.styles] = `<?xml version="1.0"?><styleSheet ${NS}>${book.styles}</styleSheet>`
  files['docProps/app.xml'] = '<?xml version="1.0"?><Properties/>'
  return zip(files)
}

const STYLES =
  '<numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="0.00\\d"/><numFmt numFmtId="14" formatCode="0.00"/></numFmts>' +
  '<cellXfs count="8"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="27"/><xf numFmtId="22"/><xf numFmtId="47"/><xf numFmtId="15"/></cellXfs>' +
  '<dxfs count="1"><dxf><numFmt numFmtId="166" formatCode="yyyy"/></dxf></dxfs>'

const SHARED =
  '<si><t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh><phoneticPr fontId="1"/></si>\n' +
  '<si>\n  <t>pretty</t>\n</si><si><t xml:space="preserve"> a_x000D_b\r\nc&#13;&#x4E2D; </t></si>' +
  '<si><r><rPr><b/><rFont val="宋体"/></rPr><t>x</t></r><r><t>y</t></r><rPh><t>z</t></rPh></si><si/><si><t/></si><si><r><t/></r></si>' +
  '<si><t>&amp;lt;&lt;<!-- note --> tail<![CDATA[ cdata ]]></t></si>'

const QUIRKS =
  '<sheetPr/><dimension ref="A1:K9"/><sheetData>' +
  '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c><c r="G1" t="s"><v>6</v></c><c r="H1" t="s"><v>7</v></c><c r="I1" t="s"><v>99</v></c></row>' +
  '<row r="2">' +
  [0, 1, 2, 3, 4, 5, 6, 7].map((s) => `<c r="${'ABCDEFGH'[s]}2" s="${s}"><v>40000.5</v></c>`).join('') +
  '<c r="I2"><v>40000</v></c></row>' +
  '<row r="3" s="2" customFormat="1"><c r="A3" s="0"><v>40000.5</v></c><c r="B3" s="1"><v>40000.5</v></c><c r="C3"><v>40000</v></c><c r="D3" s="99"><v>1</v></c></row>' +
  '<row r="4"><c r="A4" t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c><c r="B4" t="str"><v>&amp;lt;x&#65;&#x42;</v></c><c r="C4"><f>1+1</f><v>0</v></c><c r="D4"><f>A</f><v>3</v>\n</c>' +
  '<c r="E4" t="e"><f>NA()</f><v>#N/A</v></c><c r="F4" t="b"><f>TRUE</f><v>1</v></c><c r="G4"><v><![CDATA[12]]></v></c><c r="H4" t="d"><v>2020-01-02</v></c><c r="I4" t="b"><v>TRUE</v></c></row>' +
  '<row r="5"><c r="A5" t="str"><v/></c><c r="B5" t="e"><v></v></c><c r="C5" t="str"></c><c r="D5"><f t="shared" si="0"/><v>0</v></c><c r="E5"><f t="shared" si="0"/></c>' +
  '<c r="F5" t="e"><f t="shared" si="0"/><v>#N/A</v></c><c r="G5" t="inlineStr"><is><t>p</t></is><f>1</f></c><c r="H5" t="s"/><c r="I5" s="3"/></row>' +
  '<row r="7"><c r="C7"><v>1</v></c><c r="C7"><v>2</v><v>3</v></c><c r="B7"><v>5</v></c><c r="D7"><v>7</v></c><c r="D7" t="s"><v>4</v></c></row><row r="6"/>' +
  "<row r='8' spans='1:3'>\r\n  <c r='A8' t='str'>\r\n    <v>two\r\nlines &gt; </v>\r\n  </c>\r\n  <!-- comment --><?pi x?>\r\n  <c r=\"$B$8\" ><v> 12 </v></c><c r=\"C8\" t=\"n\"><v>1E3</v></c></row>" +
  '<row r="9"><c r="A9" t="inlineStr"><is><t>漢字</t><rPh><t>カンジ</t></rPh></is></c><c r="B9" t="s"><v>1.9</v></c><c r="C9"><v>-0</v></c><c r="D9"><v>12abc</v></c></row>' +
  '</sheetData><mergeCells count="1"><mergeCell ref="J1:K2"/></mergeCells>'

/** The QUIRKS cells that read differently from exceljs now, with the item each falls under. */
function quirksFixes(date1904: boolean): Fix[] {
  const serial = (v: number) => new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 86_400_000))
  const q = (address: string, was: RawCell, now: RawCell, ...items: number[]) => fix('quirks', address, was, now, ...items)
  return [
    q('A1', 'カンジ', '漢字', 1),
    // exceljs kept the whitespace after an <si>'s last </t>: not text (1).
    q('B1', 'pretty\n', 'pretty', 1),
    q('E2', 40000.5, serial(40000.5), 7),
    // s="0" is the cell's own style, not none (8).
    q('A3', serial(40000.5), 40000.5, 8),
    q('A4', 'b', 'ab', 2),
    q('B4', '<xAB', '&lt;xAB', 3),
    q('C4', null, 0, 4),
    q('F4', 1, true, 4),
    // CDATA in a value is still skipped, as exceljs did: the value is empty (6).
    q('G4', Number.NaN, null, 6),
    q('H4', 2020, D(2020, 1, 2), 5),
    q('F5', Number.NaN, null, 4, 6),
    q('A9', 'カンジ', '漢字', 1),
    q('B9', 'pretty\n', 'pretty', 1)
  ]
}

describe('readXlsx on parts written by hand', () => {
  it('reads quirky parts as exceljs did but for the named corrections: whitespace, row styles, formulas, types, 1904 dates, chart sheets', async () => {
    const sheets = [
      { name: 'quirks', xml: QUIRKS },
      { name: 'A &amp; B', xml: '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>', state: 'veryHidden' },
      { name: 'empty', xml: '<sheetData/>' },
      { name: 'chart', xml: '<sheetPr/><drawing r:id="rId1"/>', chart: true }
    ]
    const ours = await expectSame(handBook({ sheets, shared: SHARED, styles: STYLES }), quirksFixes(false))
    const rows = ours.sheets[0]?.rows ?? []
    expect(rows[0]).toEqual(['漢字', 'pretty', ' a_x000D_b\nc\r中 ', 'xy', null, null, '', '&lt;< tail'])
    expect(rows[1]?.map((v) => v instanceof Date)).toEqual([false, false, true, true, true, true, true, true, false])
    expect(rows[2]?.map((v) => v instanceof Date)).toEqual([false, false, true, true])
    expect(rows[3]).toEqual(['ab', '&lt;xAB', 0, 3, null, true, null, D(2020, 1, 2), true])
    expect(rows[6]).toEqual([null, 5, 3])
    // Text after a </v> still joins the value, as with exceljs (cells' text is normalised downstream).
    expect(rows[7]).toEqual(['two\nlines > \n  ', 12, 1000])
    expect(rows[8]).toEqual(['漢字', 'pretty', -0, 12])
    expect(ours.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['quirks', false],
      ['A & B', true],
      ['empty', false]
    ])
    const in1904 = await expectSame(handBook({ sheets, shared: SHARED, styles: STYLES, workbookPr: '<workbookPr date1904="1"/>' }), quirksFixes(true))
    expect(in1904.sheets[0]?.rows[1]?.[2]).toEqual(new Date(Date.UTC(2013, 6, 7, 12)))
    expect(in1904.sheets[0]?.rows[3]?.[7]).toEqual(D(2020, 1, 2))
  })

  it('places rows and cells that have no r after the previous ones (exceljs failed on them)', async () => {
    const xml =
      '<sheetData><row><c t="s"><v>0</v></c><c><v>2</v></c><c r="D1"><v>4</v></c><c t="str"><v>E</v></c></row><row r="3"><c r="B3"><v>1</v></c><c/><c><v>3</v></c></row><row><c><v>9</v></c></row></sheetData>'
    const bytes = handBook({ sheets: [{ name: 'S', xml }], shared: '<si><t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh></si>' })
    const ours = await readXlsx(bytes)
    expect(ours.sheets[0]?.rows).toEqual([['漢字', 2, null, 4, 'E'], [], [null, 1, null, 3], [9]])
    await expect(referenceRead(bytes)).rejects.toThrow('无法读取')
  })

  it('finds shared strings and styles where the workbook rels put them', async () => {
    const xml = '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>44000</v></c></row></sheetData>'
    const bytes = handBook({
      sheets: [{ name: 'S', xml }],
      shared: '<si><t>moved</t></si>',
      styles: STYLES.replace('numFmtId="14"/>', 'numFmtId="164"/>'),
      paths: { shared: 'xl/SharedStrings.xml', styles: 'xl/Styles.xml' }
    })
    expect((await readXlsx(bytes)).sheets[0]?.rows).toEqual([['moved', new Date(Date.UTC(2020, 5, 18))]])
  })

  it('fails like before on broken XML and on a workbook of chart sheets, and keeps the caps and the progress', async () => {
    const broken = handBook({ sheets: [{ name: 'S', xml: '<sheetData><row r="1"><c r="A1" t="str"><v>a&nbsp;b</v></c></row></sheetData>' }] })
    await expect(readXlsx(broken)).rejects.toThrow('无法读取')
    await expect(referenceRead(broken)).rejects.toThrow('无法读取')
    const wide = handBook({
      sheets: [{ name: 'S', xml: `<sheetData><row r="1"><c r="GS1"><v>1</v></c></row><row r="${SHEET_LIMITS.maxRows + 1}"/></sheetData>` }]
    })
    await expect(readXlsx(wide)).rejects.toThrow('列数')
    const tall = handBook({
      sheets: [{ name: 'S', xml: `<sheetData><row r="1"><c r="GR1"><v>1</v></c></row><row r="${SHEET_LIMITS.maxRows + 1}"/></sheetData>` }]
    })
    await expect(readXlsx(tall)).rejects.toThrow('行数')
    const chartsOnly = handBook({ sheets: [{ name: 'chart', xml: '<sheetPr/>', chart: true }] })
    await expect(readXlsx(chartsOnly)).rejects.toThrow('工作簿里没有工作表')
    await expect(referenceRead(chartsOnly)).rejects.toThrow('工作簿里没有工作表')
    const outOfRange = handBook({ sheets: [{ name: 'S', xml: '<sheetData><row r="1"><c r="XFE1"/></row></sheetData>' }] })
    await expect(readXlsx(outOfRange)).rejects.toThrow('无法读取')
    await expect(referenceRead(outOfRange)).rejects.toThrow('无法读取')
    const progress: number[] = []
    const many = handBook({
      sheets: [
        {
          name: 'S',
          xml: `<sheetData>${Array.from({ length: 12_000 }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}"><v>${r}</v></c></row>`).join('')}</sheetData>`
        }
      ]
    })
    await readXlsx(many, (n) => progress.push(n))
    expect(progress).toEqual([5000, 10_000])
  })
})

// ---------------------------------------------------------------------------------------
// The corrections one by one, each against the reference with exactly its fixes.

const DATE_STYLES = '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="2"/></cellXfs>'

describe('readXlsx reads what Excel shows where exceljs did not', () => {
  it('1: phonetic runs (furigana) and <phoneticPr> are not the text, in shared and inline strings', async () => {
    const shared =
      '<si><t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh><phoneticPr fontId="1" type="Hiragana"/></si>' +
      '<si><r><t>東京</t></r><r><rPr><b/></rPr><t>都</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><rPh sb="2" eb="3"><t>ト</t></rPh><phoneticPr fontId="1"/></si>'
    const xml =
      '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>' +
      '<c r="C1" t="inlineStr"><is><t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh><phoneticPr fontId="1"/></is></c>' +
      '<c r="D1" t="inlineStr"><is><r><t>東京</t></r><r><t>都</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></is></c></row></sheetData>'
    const ours = await expectSame(handBook({ sheets: [{ name: 'S', xml }], shared }), [
      fix('S', 'A1', 'カンジ', '漢字', 1),
      fix('S', 'C1', 'カンジ', '漢字', 1),
      fix('S', 'D1', 'トウキョウ', '東京都', 1, 2)
    ])
    expect(ours.sheets[0]?.rows).toEqual([['漢字', '東京都', '漢字', '東京都']])
  })

  it('2: every run of a rich string is kept, in order, inline as in shared strings', async () => {
    const rich: Spec = { name: 'S', rows: [[1, [{ richText: [{ text: '重点', font: { bold: true } }, { text: '关注' }, { text: '对象' }] }, 'plain']]] }
    const inline = await expectSame(await streamBook([rich], false), specFixes([rich], { inline: true }))
    expect(inline.sheets[0]?.rows).toEqual([['重点关注对象', 'plain']])
    expect((await expectSame(await streamBook([rich], true), specFixes([rich]))).sheets[0]?.rows).toEqual([['重点关注对象', 'plain']])
    // Whitespace between the tags is not text; preserved spaces inside a run are.
    const xml =
      '<sheetData><row r="1"><c r="A1" t="inlineStr"><is>\n <r><t xml:space="preserve">重点 </t></r>\n <r><rPr><b/></rPr><t>关注</t></r>\n</is></c></row></sheetData>'
    const ours = await expectSame(handBook({ sheets: [{ name: 'S', xml }] }), [fix('S', 'A1', '关注\n', '重点 关注', 1, 2)])
    expect(ours.sheets[0]?.rows).toEqual([['重点 关注']])
  })

  it('3: entities are decoded once: &amp;lt; in the file reads &lt; in str and inline strings, formula text and sheet names', async () => {
    const xml =
      '<sheetData><row r="1"><c r="A1" t="str"><v>&amp;lt;b&amp;gt;</v></c><c r="B1" t="inlineStr"><is><t>&amp;amp; &amp;#65;</t></is></c>' +
      '<c r="C1" t="s"><v>0</v></c><c r="D1" t="str"><f>"&amp;quot;"</f><v>&amp;quot;</v></c></row></sheetData>'
    const book = (name: string) => handBook({ sheets: [{ name, xml }], shared: '<si><t>&amp;lt;</t></si>' })
    const ours = await expectSame(book('S'), [
      fix('S', 'A1', '<b>', '&lt;b&gt;', 3),
      fix('S', 'B1', '& &#65;', '&amp; &#65;', 3),
      fix('S', 'D1', '"', '&quot;', 3)
    ])
    expect(ours.sheets[0]?.rows).toEqual([['&lt;b&gt;', '&amp; &#65;', '&lt;', '&quot;']])
    // The reference, having decoded the name twice, no longer finds the sheet: compared by hand.
    expect((await readXlsx(book('A &amp;lt; B'))).sheets[0]?.name).toBe('A &lt; B')
    const stream = await readXlsx(
      await streamBook([{ name: 'S', rows: [[1, ['&lt; literal &amp;', { text: 'a &amp; b', hyperlink: 'https://example.com/' }]]] }], false)
    )
    expect(stream.sheets[0]?.rows).toEqual([['&lt; literal &amp;', 'a &amp; b']])
  })

  it('4: a formula reads its cached result whatever it is: 0, empty text, booleans, dates; null for an error or none; shared children alike', async () => {
    const xml =
      '<sheetData><row r="1">' +
      '<c r="A1"><f>0*1</f><v>0</v></c><c r="B1" t="str"><f>""</f><v></v></c><c r="C1" t="b"><f>TRUE()</f><v>1</v></c><c r="D1" t="b"><f>FALSE()</f><v>0</v></c>' +
      '<c r="E1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="F1" s="1"><f>DATE(1985,5,5)</f><v>31172</v></c><c r="G1"><f>A1</f></c><c r="H1" s="1"><v>31172</v></c></row>' +
      '<row r="2"><c r="A2"><f t="shared" ref="A2:F2" si="0">A1</f><v>0</v></c><c r="B2" t="str"><f t="shared" si="0"/><v></v></c><c r="C2" t="b"><f t="shared" si="0"/><v>0</v></c>' +
      '<c r="D2" t="e"><f t="shared" si="0"/><v>#REF!</v></c><c r="E2" s="1"><f t="shared" si="0"/><v>43864</v></c><c r="F2"><f t="shared" si="0"/></c></row></sheetData>'
    const ours = await expectSame(handBook({ sheets: [{ name: 'S', xml }], styles: DATE_STYLES }), [
      fix('S', 'A1', null, 0, 4),
      fix('S', 'B1', null, '', 4),
      fix('S', 'C1', 1, true, 4),
      fix('S', 'D1', null, false, 4),
      fix('S', 'F1', 31172, D(1985, 5, 5), 4),
      fix('S', 'A2', null, 0, 4),
      fix('S', 'C2', 0, false, 4),
      fix('S', 'D2', Number.NaN, null, 4, 6),
      fix('S', 'E2', 43864, D(2020, 2, 3), 4)
    ])
    const rows = ours.sheets[0]?.rows ?? []
    // A date formula reads exactly as the same serial typed into a date-styled cell.
    expect(rows).toEqual([
      [0, '', true, false, null, D(1985, 5, 5), null, D(1985, 5, 5)],
      [0, '', false, null, D(2020, 2, 3), null]
    ])
    expect(isBlank(rows[0]?.[1] ?? null)).toBe(true)
  })

  it('5: t="d" cells (ISO 8601 text) are Dates, the same a date-styled serial gives; other text stays text', async () => {
    const y99 = new Date(Date.UTC(2000, 11, 31, 23, 59, 59))
    y99.setUTCFullYear(99)
    const xml =
      '<sheetData><row r="1"><c r="A1" t="d"><v>2020-02-03</v></c><c r="B1" s="1"><v>43864</v></c><c r="C1" t="d"><v>2020-02-03T04:05:06.789</v></c>' +
      '<c r="D1" t="d"><v>2020-02-03T04:05</v></c><c r="E1" t="d"><v>2020-02-30</v></c><c r="F1" t="d"><v>明天</v></c><c r="G1" t="d"><v>1900-02-29</v></c>' +
      '<c r="H1" t="d"><v>0099-12-31T23:59:59Z</v></c></row></sheetData>'
    const at = new Date(Date.UTC(2020, 1, 3, 4, 5, 6, 789))
    const fixes = (sheet: string) => [
      fix(sheet, 'A1', 2020, D(2020, 2, 3), 5),
      fix(sheet, 'C1', 2020, at, 5),
      fix(sheet, 'D1', 2020, D(2020, 2, 3, 4, 5), 5),
      fix(sheet, 'E1', 2020, '2020-02-30', 5),
      fix(sheet, 'F1', Number.NaN, '明天', 5, 6),
      fix(sheet, 'G1', 1900, '1900-02-29', 5),
      fix(sheet, 'H1', 99, y99, 5)
    ]
    const ours = await expectSame(handBook({ sheets: [{ name: 'S', xml }], styles: DATE_STYLES }), fixes('S'))
    const row = ours.sheets[0]?.rows[0] ?? []
    expect(row[0]).toEqual(row[1])
    expect(row).toEqual([D(2020, 2, 3), D(2020, 2, 3), at, D(2020, 2, 3, 4, 5), '2020-02-30', '明天', '1900-02-29', y99])
    // ISO text names the day itself: the 1904 date system does not move it.
    const in1904 = await readXlsx(handBook({ sheets: [{ name: 'S', xml }], styles: DATE_STYLES, workbookPr: '<workbookPr date1904="1"/>' }))
    expect(in1904.sheets[0]?.rows[0]?.[0]).toEqual(D(2020, 2, 3))
  })

  it('reads the 1904 date system whether workbookPr says date1904="1" or "true" (xsd:boolean)', async () => {
    const xml = '<sheetData><row r="1"><c r="A1" s="1"><v>0</v></c></row></sheetData>'
    const first = async (workbookPr?: string) =>
      (await readXlsx(handBook({ sheets: [{ name: 'S', xml }], styles: DATE_STYLES, workbookPr }))).sheets[0]?.rows[0]?.[0]
    expect(await first('<workbookPr date1904="true"/>')).toEqual(D(1904, 1, 1))
    expect(await first('<workbookPr date1904="1"/>')).toEqual(D(1904, 1, 1))
    expect(await first('<workbookPr date1904="false"/>')).toEqual(await first())
  })

  it('6: an empty <v/> reads null, and no NaN or Invalid Date ever comes out', async () => {
    const xml =
      '<sheetData><row r="1"><c r="A1"><v/></c><c r="B1"><v></v></c><c r="C1" s="1"><v/></c><c r="D1"><v>abc</v></c><c r="E1"><v>NaN</v></c>' +
      '<c r="F1" s="1"><v>1e300</v></c><c r="G1" t="b"><v/></c><c r="H1"><f>x</f><v></v></c><c r="I1"><f t="shared" si="0"/><v/></c></row></sheetData>'
    const invalid = new Date(Number.NaN)
    const ours = await expectSame(handBook({ sheets: [{ name: 'S', xml }], styles: DATE_STYLES }), [
      fix('S', 'A1', Number.NaN, null, 6),
      fix('S', 'B1', Number.NaN, null, 6),
      fix('S', 'C1', invalid, null, 6),
      fix('S', 'D1', Number.NaN, null, 6),
      fix('S', 'E1', Number.NaN, null, 6),
      // A serial past the range of Dates stays the number.
      fix('S', 'F1', invalid, 1e300, 6),
      fix('S', 'G1', true, null, 6),
      fix('S', 'I1', Number.NaN, null, 4, 6)
    ])
    expect(ours.sheets[0]?.rows).toEqual([[null, null, null, null, null, 1e300, null, null, null]])
  })

  it('7: the built-in formats Chinese, Japanese and Korean Excel use for dates and times (27-36, 50-58) are dates; a custom format of the same id wins', async () => {
    const ids = [27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58, 20, 37, 49]
    const styles = `<cellXfs count="${ids.length + 1}"><xf numFmtId="0"/>${ids.map((id) => `<xf numFmtId="${id}"/>`).join('')}</cellXfs>`
    const xml = `<sheetData><row r="1">${ids.map((_, k) => `<c r="${columnName(k)}1" s="${k + 1}"><v>43864.5</v></c>`).join('')}</row></sheetData>`
    const at = new Date(Date.UTC(2020, 1, 3, 12))
    const fixes = ids.slice(0, 19).map((_, k) => fix('S', `${columnName(k)}1`, 43864.5, at, 7))
    const ours = await expectSame(handBook({ sheets: [{ name: 'S', xml }], styles }), fixes)
    // 32-35 (时/分/秒) read as the built-in times 18-21 do (20 here): Dates.
    expect(ours.sheets[0]?.rows[0]).toEqual([...ids.slice(0, 20).map(() => at), 43864.5, 43864.5])
    const custom =
      '<numFmts count="2"><numFmt numFmtId="31" formatCode="0.00"/><numFmt numFmtId="57" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></numFmts>' +
      '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="31"/><xf numFmtId="57"/></cellXfs>'
    const xml2 = '<sheetData><row r="1"><c r="A1" s="1"><v>43864.5</v></c><c r="B1" s="2"><v>43864.5</v></c></row></sheetData>'
    // As with exceljs: no difference here.
    expect((await expectSame(handBook({ sheets: [{ name: 'S', xml: xml2 }], styles: custom }))).sheets[0]?.rows).toEqual([[43864.5, at]])
  })

  it("8: a cell without s takes its row's style when the row has customFormat, else its column's, else none", async () => {
    const cols = '<cols><col min="2" max="3" width="12" style="1" customWidth="1"/><col min="5" max="5" style="2"/><col min="6" max="16384" style="1"/></cols>'
    const v = (ref: string, s = '') => `<c r="${ref}"${s}><v>43864</v></c>`
    const xml =
      `<sheetFormatPr defaultRowHeight="15"/>${cols}<sheetData>` +
      `<row r="1">${v('A1')}${v('B1')}${v('C1', ' s="0"')}${v('D1')}${v('E1')}${v('F1')}${v('Z1')}</row>` +
      `<row r="2" s="2" customFormat="1">${v('A2')}${v('B2')}${v('C2', ' s="1"')}</row>` +
      `<row r="3" s="1" customFormat="1">${v('A3')}${v('B3')}${v('C3', ' s="0"')}${v('E3')}</row>` +
      `<row r="4" s="2">${v('A4')}${v('B4')}</row>` +
      `<row r="5" s="1" customFormat="0">${v('A5')}${v('B5')}</row>` +
      '</sheetData>'
    const d = D(2020, 2, 3)
    const n = 43864
    const ours = await expectSame(handBook({ sheets: [{ name: 'S', xml }], styles: DATE_STYLES }), [
      fix('S', 'B1', n, d, 8),
      fix('S', 'F1', n, d, 8),
      fix('S', 'Z1', n, d, 8),
      // s="0" is the cell's own style (exceljs took it for none and used the row's).
      fix('S', 'C3', d, n, 8),
      // A row's s without customFormat does not apply (exceljs applied it).
      fix('S', 'B4', n, d, 8),
      fix('S', 'A5', d, n, 8)
    ])
    const gap = Array.from({ length: 19 }, () => null)
    expect(ours.sheets[0]?.rows).toEqual([
      [n, d, n, n, n, d, ...gap, d],
      [n, n, d],
      [d, d, n, null, d],
      [n, d],
      [n, d]
    ])
  })
})
