import { PassThrough, Readable } from 'node:stream'
import zlib from 'node:zlib'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { SHEET_LIMITS, fillMerges, parseRange, toRawCell } from '../../../electron/backend/excel/cells'
import type { CellRange, RawCell, SheetData, WorkbookData } from '../../../electron/backend/excel/cells'
import { readXlsx } from '../../../electron/backend/excel/read-xlsx'
import { assertSafeZip } from '../../../electron/backend/excel/zip-guard'
import { AppError } from '../../../shared/errors'

// ---------------------------------------------------------------------------------------
// referenceRead: the exceljs-based reader that read-xlsx.ts replaced, kept verbatim so the
// new reader is held to exactly its output.

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

async function expectSame(bytes: Buffer): Promise<WorkbookData> {
  const ours = await readXlsx(bytes)
  expect(ours).toStrictEqual(splitCharsTolerated(await reference(bytes)))
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

const KITCHEN: Spec = {
  name: '数据',
  rows: [
    [1, ['数字', 1, 0, -42, 3.14159, -0.5, 1e-7, 123456789012345678, 2 ** 53 + 2, 1.5e300]],
    [2, ['文本', '000123', '0012345678901234567X', '', '  前后空格  ', '多行\n文本', 'tab\there', '&lt; literal &amp;', '_x000D_ escape']],
    [3, ['特殊', '<a href="x">&amp;</a>', `'single' "double"`, '中文汉字', '𠀀 supplementary', 'emoji 😀', '\u00a0nbsp', 'a > b < c & d']],
    [4, ['日期', fmt(D(1980, 1, 1), 'mm-dd-yy'), fmt(D(2001, 2, 3), 'yyyy"年"m"月"d"日"'), fmt(D(1975, 3, 12), 'yyyy/m/d'), fmt(D(2020, 6, 6, 7, 8), 'm/d/yy h:mm'), D(1990, 2, 15), fmt(0.5, 'h:mm:ss'), fmt(44000, 'yyyy-mm-dd'), fmt(44000, '0.00'), fmt(36925, '[$-804]yyyy"年"m"月"d"日";@'), fmt(44000.25, 'yyyy\\-mm\\-dd')]],
    [5, ['富文本', { richText: [{ text: '重点', font: { bold: true } }, { text: '关注' }] }, { richText: [{ text: 'only' }] }, { text: '13700003333', hyperlink: 'tel:13700003333' }, { text: '主页 & more', hyperlink: 'https://example.com/?a=1&b=2' }]],
    [6, ['公式', { formula: '1+1', result: 2 }, { formula: '"a"&"b"', result: 'ab' }, { formula: 'A1' }, { formula: '0*1', result: 0 }, { formula: '""', result: '' }, { formula: '1/0', result: { error: '#DIV/0!' } }, { formula: 'TRUE()', result: true }, { formula: 'DATE(1985,5,5)', result: D(1985, 5, 5) }]],
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
    [5, ['A5', undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, 'AC5']],
    [100, [undefined, undefined, 42]]
  ]
}

function randomSheet(seed: number, rows: number): Spec {
  let s = seed
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648)
  const pick = <T,>(xs: T[]): T => xs[Math.floor(rand() * xs.length)] as T
  const words = ['张三', '李四', 'Wang', '幸福里', '<&>', '"q"', "'a'", ' x ', '常住', '0012']
  const cell = (): SpecCell => {
    const k = rand()
    if (k < 0.1) return undefined
    if (k < 0.3) return Math.floor(rand() * 1e6) - 5e5
    if (k < 0.4) return rand() * 1000
    if (k < 0.65) return pick(words) + pick(words)
    if (k < 0.75) return fmt(D(1950 + Math.floor(rand() * 70), 1 + Math.floor(rand() * 12), 1 + Math.floor(rand() * 28)), pick(['yyyy-mm-dd', 'mm-dd-yy', 'yyyy"年"m"月"d"日"']))
    if (k < 0.8) return rand() < 0.5
    if (k < 0.85) return { formula: 'A1+1', result: Math.floor(rand() * 10) }
    if (k < 0.9) return { richText: [{ text: pick(words) }, { text: pick(words), font: { italic: true } }] }
    return String(Math.floor(rand() * 1e17))
  }
  return { name: `随机${seed}`, rows: Array.from({ length: rows }, (_, r): [number, SpecCell[]] => [r + 1 + Math.floor(r / 500), Array.from({ length: 8 }, cell)]) }
}

const BOOK: Spec[] = [KITCHEN, MERGED, { ...GAPS, state: 'hidden' }, { name: '很隐藏', state: 'veryHidden', rows: [[1, ['secret']]] }, { ...GAPS, name: 'gaps2' }, { name: '空', rows: [] }]

describe('readXlsx reads what the exceljs streaming reader read', () => {
  it('workbooks from the DOM writer, with and without shared strings, and in the 1904 date system', async () => {
    const withImage: Spec = { name: '图片', rows: [], image: true }
    await expectSame(await domBook([...BOOK, withImage]))
    await expectSame(await domBook(BOOK, { useSharedStrings: false }))
    const ours = await expectSame(await domBook([KITCHEN], { date1904: true }))
    expect(ours.sheets[0]?.rows[3]?.[1]).toEqual(D(1980, 1, 1))
  })

  it('workbooks from the streaming writer, with shared strings, inline strings, and without styles', async () => {
    await expectSame(await streamBook(BOOK, true))
    await expectSame(await streamBook(BOOK, false))
    await expectSame(await streamBook([KITCHEN], false, false))
  })

  it('a few thousand random rows, both writers', async () => {
    const ours = await expectSame(await domBook([randomSheet(7, 3000)]))
    expect(ours.sheets[0]?.rows.length).toBeGreaterThan(3000)
    await expectSame(await streamBook([randomSheet(11, 3000)], false))
    await expectSame(await streamBook([randomSheet(13, 2000)], true))
  })

  it('the clerk-facing values of the kitchen-sink sheet', async () => {
    const [sheet] = (await readXlsx(await domBook([KITCHEN]))).sheets
    const rows = sheet?.rows ?? []
    expect(rows[0]?.slice(1, 9)).toEqual([1, 0, -42, 3.14159, -0.5, 1e-7, 123456789012345678, 2 ** 53 + 2])
    // An empty string is an empty shared string, which reads as no value.
    expect(rows[1]?.slice(1, 4)).toEqual(['000123', '0012345678901234567X', null])
    expect(rows[3]?.slice(1, 4)).toEqual([D(1980, 1, 1), D(2001, 2, 3), D(1975, 3, 12)])
    expect(rows[4]?.slice(1, 5)).toEqual(['重点关注', 'only', '13700003333', '主页 & more'])
    // exceljs keeps a formula's cached result only when it is truthy, and reads any but a
    // text result as a plain number: TRUE() gives 1, DATE() its serial.
    expect(rows[5]?.slice(1, 9)).toEqual([2, 'ab', null, null, null, null, 1, 31172])
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
  const rels = book.sheets.map((s, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/${s.chart ? 'chartsheet' : 'worksheet'}" Target="${dir(s)}/sheet${i + 1}.xml"/>`)
  if (book.shared !== undefined) rels.push(`<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="${paths.shared.slice(3)}"/>`)
  if (book.styles !== undefined) rels.push(`<Relationship Id="rIdT" Type="${REL}/styles" Target="${paths.styles.slice(3)}"/>`)
  const files: Record<string, string> = {
    '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    'xl/workbook.xml': `<?xml version="1.0"?>\n<workbook ${NS}>${book.workbookPr ?? ''}<sheets>${book.sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`
  }
  book.sheets.forEach((s, i) => (files[`xl/${dir(s)}/sheet${i + 1}.xml`] = `<?xml version="1.0" encoding="UTF-8"?>\r\n<${s.chart ? 'chartsheet' : 'worksheet'} ${NS}>${s.xml}</${s.chart ? 'chartsheet' : 'worksheet'}>`))
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
  '<row r="2">' + [0, 1, 2, 3, 4, 5, 6, 7].map((s) => `<c r="${'ABCDEFGH'[s]}2" s="${s}"><v>40000.5</v></c>`).join('') + '<c r="I2"><v>40000</v></c></row>' +
  '<row r="3" s="2" customFormat="1"><c r="A3" s="0"><v>40000.5</v></c><c r="B3" s="1"><v>40000.5</v></c><c r="C3"><v>40000</v></c><c r="D3" s="99"><v>1</v></c></row>' +
  '<row r="4"><c r="A4" t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c><c r="B4" t="str"><v>&amp;lt;x&#65;&#x42;</v></c><c r="C4"><f>1+1</f><v>0</v></c><c r="D4"><f>A</f><v>3</v>\n</c>' +
  '<c r="E4" t="e"><f>NA()</f><v>#N/A</v></c><c r="F4" t="b"><f>TRUE</f><v>1</v></c><c r="G4"><v><![CDATA[12]]></v></c><c r="H4" t="d"><v>2020-01-02</v></c><c r="I4" t="b"><v>TRUE</v></c></row>' +
  '<row r="5"><c r="A5" t="str"><v/></c><c r="B5" t="e"><v></v></c><c r="C5" t="str"></c><c r="D5"><f t="shared" si="0"/><v>0</v></c><c r="E5"><f t="shared" si="0"/></c>' +
  '<c r="F5" t="e"><f t="shared" si="0"/><v>#N/A</v></c><c r="G5" t="inlineStr"><is><t>p</t></is><f>1</f></c><c r="H5" t="s"/><c r="I5" s="3"/></row>' +
  '<row r="7"><c r="C7"><v>1</v></c><c r="C7"><v>2</v><v>3</v></c><c r="B7"><v>5</v></c><c r="D7"><v>7</v></c><c r="D7" t="s"><v>4</v></c></row><row r="6"/>' +
  "<row r='8' spans='1:3'>\r\n  <c r='A8' t='str'>\r\n    <v>two\r\nlines &gt; </v>\r\n  </c>\r\n  <!-- comment --><?pi x?>\r\n  <c r=\"$B$8\" ><v> 12 </v></c><c r=\"C8\" t=\"n\"><v>1E3</v></c></row>" +
  '<row r="9"><c r="A9" t="inlineStr"><is><t>漢字</t><rPh><t>カンジ</t></rPh></is></c><c r="B9" t="s"><v>1.9</v></c><c r="C9"><v>-0</v></c><c r="D9"><v>12abc</v></c></row>' +
  '</sheetData><mergeCells count="1"><mergeCell ref="J1:K2"/></mergeCells>'

describe('readXlsx on parts written by hand', () => {
  it("reproduces exceljs's reading of quirky parts: phonetic runs, whitespace, row styles, formulas, types, 1904 dates, chart sheets", async () => {
    const sheets = [
      { name: 'quirks', xml: QUIRKS },
      { name: 'A &amp; B', xml: '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>', state: 'veryHidden' },
      { name: 'empty', xml: '<sheetData/>' },
      { name: 'chart', xml: '<sheetPr/><drawing r:id="rId1"/>', chart: true }
    ]
    const ours = await expectSame(handBook({ sheets, shared: SHARED, styles: STYLES }))
    const rows = ours.sheets[0]?.rows ?? []
    // Any <t> restarts a shared string's text, phonetic ones too: exceljs reads the reading.
    expect(rows[0]).toEqual(['カンジ', 'pretty\n', ' a_x000D_b\nc\r中 ', 'xy', null, null, '', '&lt;< tail'])
    expect(rows[1]?.map((v) => v instanceof Date)).toEqual([false, false, true, true, false, true, true, true, false])
    expect(rows[2]?.map((v) => v instanceof Date)).toEqual([true, false, true, true])
    expect(rows[3]).toEqual(['b', '<xAB', null, 3, null, 1, Number.NaN, 2020, true])
    expect(rows[6]).toEqual([null, 5, 3])
    expect(rows[7]).toEqual(['two\nlines > \n  ', 12, 1000])
    expect(rows[8]).toEqual(['カンジ', 'pretty\n', -0, 12])
    expect(ours.sheets.map((s) => [s.name, s.hidden])).toEqual([['quirks', false], ['A & B', true], ['empty', false]])
    const in1904 = await expectSame(handBook({ sheets, shared: SHARED, styles: STYLES, workbookPr: '<workbookPr date1904="1"/>' }))
    expect(in1904.sheets[0]?.rows[1]?.[2]).toEqual(new Date(Date.UTC(2013, 6, 7, 12)))
  })

  it('places rows and cells that have no r after the previous ones (exceljs failed on them)', async () => {
    const xml = '<sheetData><row><c t="s"><v>0</v></c><c><v>2</v></c><c r="D1"><v>4</v></c><c t="str"><v>E</v></c></row><row r="3"><c r="B3"><v>1</v></c><c/><c><v>3</v></c></row><row><c><v>9</v></c></row></sheetData>'
    const bytes = handBook({ sheets: [{ name: 'S', xml }], shared: '<si><t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh></si>' })
    const ours = await readXlsx(bytes)
    expect(ours.sheets[0]?.rows).toEqual([['カンジ', 2, null, 4, 'E'], [], [null, 1, null, 3], [9]])
    await expect(referenceRead(bytes)).rejects.toThrow('无法读取')
  })

  it('finds shared strings and styles where the workbook rels put them', async () => {
    const xml = '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>44000</v></c></row></sheetData>'
    const bytes = handBook({ sheets: [{ name: 'S', xml }], shared: '<si><t>moved</t></si>', styles: STYLES.replace('numFmtId="14"/>', 'numFmtId="164"/>'), paths: { shared: 'xl/SharedStrings.xml', styles: 'xl/Styles.xml' } })
    expect((await readXlsx(bytes)).sheets[0]?.rows).toEqual([['moved', new Date(Date.UTC(2020, 5, 18))]])
  })

  it('fails like before on broken XML and on a workbook of chart sheets, and keeps the caps and the progress', async () => {
    const broken = handBook({ sheets: [{ name: 'S', xml: '<sheetData><row r="1"><c r="A1" t="str"><v>a&nbsp;b</v></c></row></sheetData>' }] })
    await expect(readXlsx(broken)).rejects.toThrow('无法读取')
    await expect(referenceRead(broken)).rejects.toThrow('无法读取')
    const wide = handBook({ sheets: [{ name: 'S', xml: `<sheetData><row r="1"><c r="GS1"><v>1</v></c></row><row r="${SHEET_LIMITS.maxRows + 1}"/></sheetData>` }] })
    await expect(readXlsx(wide)).rejects.toThrow('列数')
    const tall = handBook({ sheets: [{ name: 'S', xml: `<sheetData><row r="1"><c r="GR1"><v>1</v></c></row><row r="${SHEET_LIMITS.maxRows + 1}"/></sheetData>` }] })
    await expect(readXlsx(tall)).rejects.toThrow('行数')
    const chartsOnly = handBook({ sheets: [{ name: 'chart', xml: '<sheetPr/>', chart: true }] })
    await expect(readXlsx(chartsOnly)).rejects.toThrow('工作簿里没有工作表')
    await expect(referenceRead(chartsOnly)).rejects.toThrow('工作簿里没有工作表')
    const outOfRange = handBook({ sheets: [{ name: 'S', xml: '<sheetData><row r="1"><c r="XFE1"/></row></sheetData>' }] })
    await expect(readXlsx(outOfRange)).rejects.toThrow('无法读取')
    await expect(referenceRead(outOfRange)).rejects.toThrow('无法读取')
    const progress: number[] = []
    const many = handBook({ sheets: [{ name: 'S', xml: `<sheetData>${Array.from({ length: 12_000 }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}"><v>${r}</v></c></row>`).join('')}</sheetData>` }] })
    await readXlsx(many, (n) => progress.push(n))
    expect(progress).toEqual([5000, 10_000])
  })
})
