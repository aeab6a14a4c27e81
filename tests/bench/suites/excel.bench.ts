import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import { computeCheckChar } from '../../../shared/domain'
import { mb, ms, record } from '../report'
import type { ChildResult } from './excel.child'

const ROWS = 50_000
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
export function rowsOf(): unknown[][] {
  const random = prng(20260203)
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1))
  const pad = (n: number, w: number) => String(n).padStart(w, '0')
  const rows: unknown[][] = []
  for (let i = 0; i < ROWS; i++) {
    const y = int(1930, 2020)
    const m = int(1, 12)
    const d = int(1, 28)
    // The sequence number makes every ID unique: 50,000 people, one per (index) slot.
    const first17 = `4101${pad(2 + (Math.floor(i / 1000) % 90), 2)}${y}${pad(m, 2)}${pad(d, 2)}${pad(i % 1000, 3)}`
    const id = first17 + computeCheckChar(first17)
    const name = SURNAMES.charAt(int(0, SURNAMES.length - 1)) + GIVEN.charAt(int(0, GIVEN.length - 1)) + GIVEN.charAt(int(0, GIVEN.length - 1))
    const sex = Number(first17.charAt(16)) % 2 === 1 ? '男' : '女'
    const address = `幸福里${1 + (i % 10)}区${1 + (Math.floor(i / 10) % 20)}栋${1 + (Math.floor(i / 200) % 4)}单元${100 + (Math.floor(i / 800) % 30)}`
    rows.push([i + 1, name, sex, id, new Date(Date.UTC(y, m - 1, d)), `13${pad(i, 9)}`, address.replace('区', '小区'), '常住'])
  }
  return rows
}

export async function writeFile(rows: unknown[][]): Promise<Buffer> {
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

/** Each measure runs this many times, alternating with its baseline; the median is shown (the machine is noisy). */
const RUNS = 3

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN

/**
 * Runs one measure in a fresh Node process (tests/bench/suites/excel.child.ts), so its peak
 * memory is its own and not the sum of whatever ran before in this process.
 */
function inChild(mode: string, file: string): ChildResult {
  const out = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', process.argv[1] ?? '', '--child', mode, file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024
  })
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as ChildResult
}

export async function excelBench(): Promise<void> {
  const rows = rowsOf()
  const bytes = await writeFile(rows)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shouwang-bench-excel-'))
  const file = path.join(dir, '居民.xlsx')
  fs.writeFileSync(file, bytes)
  record({ group: 'Excel', name: `测试文件 (${ROWS.toLocaleString('en-US')} 行 x ${HEADERS.length} 列)`, value: mb(bytes.length) })
  try {
    const reads: ChildResult[] = []
    const imports: ChildResult[] = []
    const floors: ChildResult[] = []
    for (let i = 0; i < RUNS; i++) {
      reads.push(inChild('bare-read', file))
      imports.push(inChild('import', file))
      floors.push(inChild('write-floor', file))
    }
    const read = median(reads.map((r) => r.ms))
    const imported = median(imports.map((r) => r.ms))
    const floor = median(floors.map((r) => r.ms))
    const importRead = median(imports.map((r) => r.readMs ?? Number.NaN))
    record({
      group: 'Excel',
      name: '导入 5 万行居民（读取+检查+写入，一个事务）',
      value: ms(imported),
      baseline: `${ms(read)} exceljs 流式读取`,
      note: `${(imported / read).toFixed(2)}x（目标 ≤ 2x）；其中读取 ${ms(importRead)}，检查+写入 ${ms(imported - importRead)}；${RUNS} 次中位数`
    })
    record({
      group: 'Excel',
      name: '写入下限：同样的住户和居民直接写入（值已算好，无检查）',
      value: ms(floor),
      // The 2x budget covers reading, checking and writing; the write alone is measured against it.
      note: `此下限本身 = exceljs 读取的 ${(floor / read).toFixed(2)}x；导入其余部分（读取+检查）${ms(imported - floor)}`
    })
    record({
      group: 'Excel',
      name: '导入进程峰值内存 (RSS，独立进程)',
      value: mb(Math.max(...imports.map((r) => r.rss))),
      baseline: `${mb(Math.max(...reads.map((r) => r.rss)))} exceljs 流式读取进程`,
      note: '目标 < 600 MB'
    })

    const exported = inChild('export', file)
    record({
      group: 'Excel',
      name: '导出 5 万行居民名单（查询+遮盖+写入）',
      value: ms(exported.ms),
      baseline: `${ms(exported.baselineMs ?? Number.NaN)} exceljs 流式写入同一张表`,
      note: `${(exported.ms / (exported.baselineMs ?? Number.NaN)).toFixed(2)}x（目标 ≤ 1.3x）；文件 ${mb(exported.bytes ?? 0)}；${RUNS} 次中位数；进程峰值 ${mb(exported.rss)}`
    })
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
