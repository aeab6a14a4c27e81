import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PassThrough, Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { createBackend } from '../../../electron/backend/backend'
import type { ImportPreview, ImportSummary } from '../../../shared/contract'
import { computeCheckChar } from '../../../shared/domain'
import type { Envelope } from '../../../shared/errors'
import { mb, ms, record } from '../report'

const ROWS = 50_000
const TODAY = new Date('2026-02-03T08:00:00.000Z')
const HEADERS = ['序号', '姓名', '性别', '身份证号码', '出生日期', '联系电话', '现住址', '人员类型']
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹'
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚华建国志文玉梅红云鹏飞宇浩然'

function prng(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** 50,000 residents as a clerk's file would carry them: IDs and phones as text, dates as real dates. */
function rowsOf(): unknown[][] {
  const random = prng(20260203)
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1))
  const pad = (n: number, w: number) => String(n).padStart(w, '0')
  const rows: unknown[][] = []
  for (let i = 0; i < ROWS; i++) {
    const y = int(1930, 2020)
    const m = int(1, 12)
    const d = int(1, 28)
    // The sequence number makes every ID unique: 50,000 people, one per (index) slot.
    const first17 = `4101${pad(2 + Math.floor(i / 1000) % 90, 2)}${y}${pad(m, 2)}${pad(d, 2)}${pad(i % 1000, 3)}`
    const id = first17 + computeCheckChar(first17)
    const name = SURNAMES.charAt(int(0, SURNAMES.length - 1)) + GIVEN.charAt(int(0, GIVEN.length - 1)) + GIVEN.charAt(int(0, GIVEN.length - 1))
    const sex = Number(first17.charAt(16)) % 2 === 1 ? '男' : '女'
    const address = `幸福里${1 + (i % 10)}区${1 + (Math.floor(i / 10) % 20)}栋${1 + (Math.floor(i / 200) % 4)}单元${100 + (Math.floor(i / 800) % 30)}`
    rows.push([i + 1, name, sex, id, new Date(Date.UTC(y, m - 1, d)), `13${pad(i, 9)}`, address.replace('区', '小区'), '常住'])
  }
  return rows
}

async function writeFile(rows: unknown[][]): Promise<Buffer> {
  const stream = new PassThrough()
  const chunks: Buffer[] = []
  stream.on('data', (c: Buffer) => chunks.push(c))
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false })
  const ws = wb.addWorksheet('居民', { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.columns = HEADERS.map((_, i) => ({ width: 14, style: i === 3 || i === 5 ? { numFmt: '@' } : i === 4 ? { numFmt: 'yyyy-mm-dd' } : {} }))
  ws.addRow(HEADERS).commit()
  for (const row of rows) ws.addRow(row).commit()
  ws.commit()
  await wb.commit()
  return Buffer.concat(chunks)
}

/** exceljs alone: the streaming reader over every row, values touched. */
async function bareRead(bytes: Buffer): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit' })
  let cells = 0
  for await (const ws of reader) {
    for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) cells += (row.values as unknown[]).length
  }
  return cells
}

function data<T>(envelope: Envelope<unknown>): T {
  if (!envelope.ok) throw new Error(`${envelope.error.code} ${envelope.error.message}`)
  return envelope.data as T
}

export async function excelBench(): Promise<void> {
  const rows = rowsOf()
  const bytes = await writeFile(rows)
  record({ group: 'Excel', name: `测试文件 (${ROWS.toLocaleString('en-US')} 行 x ${HEADERS.length} 列)`, value: mb(bytes.length) })
  globalThis.gc?.()

  let start = performance.now()
  await bareRead(bytes)
  const readMs = performance.now() - start

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shouwang-bench-excel-'))
  const backend = await createBackend({ dataDir: dir, appVersion: 'bench', now: () => TODAY, store: { idleSnapshotMs: 0 } })
  try {
    globalThis.gc?.()
    start = performance.now()
    const preview = data<ImportPreview>(await backend.call('excel.preview', { target: 'residents', fileName: '居民.xlsx', bytes: new Uint8Array(bytes) }))
    const readDone = performance.now()
    const args = { stagingId: preview.stagingId, sheet: preview.sheet, headerStart: preview.headerStart, headerEnd: preview.headerEnd, mapping: preview.columns.map((c) => c.field), onExisting: 'skip' as const }
    const summary = data<ImportSummary>(await backend.call('excel.commit', args))
    const importMs = performance.now() - start
    if (summary.created !== ROWS) throw new Error(`imported ${summary.created} of ${ROWS}: ${JSON.stringify(summary)}`)
    const importRss = process.resourceUsage().maxRSS * 1024
    record({ group: 'Excel', name: '导入 5 万行居民（读取+检查+写入，一个事务）', value: ms(importMs), baseline: `${ms(readMs)} exceljs 流式读取`, note: `${(importMs / readMs).toFixed(2)}x（目标 ≤ 2x）；其中读取 ${ms(readDone - start)}` })
    record({ group: 'Excel', name: '导入后进程峰值内存 (RSS)', value: mb(importRss), note: '目标 < 600 MB' })

    // Export: the same 50,000 people back out, beside exceljs's streaming writer writing the same rows alone.
    globalThis.gc?.()
    start = performance.now()
    const file = data<{ bytes: Uint8Array }>(await backend.call('excel.exportList', { list: 'residents', filter: {} }))
    const exportMs = performance.now() - start
    start = performance.now()
    await writeFile(rows)
    const writeMs = performance.now() - start
    record({ group: 'Excel', name: '导出 5 万行居民名单（查询+遮盖+写入）', value: ms(exportMs), baseline: `${ms(writeMs)} exceljs 流式写入`, note: `${(exportMs / writeMs).toFixed(2)}x（目标 ≤ 1.3x）；文件 ${mb(file.bytes.byteLength)}` })
  } finally {
    await backend.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
