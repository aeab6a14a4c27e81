import fs from 'node:fs'
import path from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { readInScratch, useExcelWorker } from '../../../electron/backend/excel/read-scratch'
import { unpackSheet } from '../../../electron/backend/excel/packed'
import { EXCEL_WORKER_BUNDLE } from '../../../electron/backend/worker-client'
import type { BackendEvent, ImportPreview } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { makeId } from '../register/fixtures'
import type { TestBackend } from '../support/backend'
import { excelBackend, workbook } from './support'

const BUILT = path.join(fileURLToPath(new URL('../../..', import.meta.url)), 'out/main')
const builtSource = () => fs.readFileSync(path.join(BUILT, EXCEL_WORKER_BUNDLE), 'utf8')

let b: (TestBackend & { events: BackendEvent[] }) | null = null
afterEach(async () => {
  useExcelWorker(null)
  await b?.close()
  b = null
})

/** A register of `rows` people as a CSV, the size a street office sends (50,000 rows is about 5 MB). */
function bigCsv(rows: number): Uint8Array {
  const lines = ['姓名,性别,公民身份号码,手机号,现住址,备注']
  for (let i = 0; i < rows; i++) {
    lines.push(
      `居民${i},${i % 2 ? '男' : '女'},${makeId('19800101', String(i % 1000).padStart(3, '0'))},138${String(i).padStart(8, '0')},幸福里小区${i % 40}栋${i % 6}单元${i % 30}室,第${i}行`
    )
  }
  return new TextEncoder().encode(lines.join('\r\n'))
}

/**
 * Starts a big file's preview and, once its reading has begun (its first progress event), a small
 * request of another device; says which answered first and how often the loop's timers ran
 * between the small answer and the end of the read.
 */
async function race(backend: TestBackend & { events: BackendEvent[] }, bytes: Uint8Array) {
  const order: string[] = []
  let ticks = 0
  const timer = setInterval(() => ticks++, 1)
  const delay = monitorEventLoopDelay({ resolution: 10 })
  delay.enable()
  const jobId = `job-${Math.random()}`
  const big = backend.call('excel.preview', { target: 'residents', fileName: '全社区名单.csv', bytes, jobId }).then((e) => {
    order.push('preview')
    return e
  })
  // Another device's request arrives as I/O does: in a later turn of the loop, never inside this one.
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve))
  do await nextTurn()
  while (!backend.events.some((e) => e.type === 'progress' && e.jobId === jobId))
  const small = backend.call('system.ping', {}).then(() => order.push('ping'))
  const ticksWhenPinged = small.then(() => ticks)
  const [envelope] = await Promise.all([big, small])
  const ticksAtEnd = ticks
  clearInterval(timer)
  delay.disable()
  // Reported, never asserted: timings vary with the machine.
  console.info(`event-loop delay while reading: max ${(delay.max / 1e6).toFixed(0)} ms`)
  return { order, envelope, ticksWhileReading: ticksAtEnd - (await ticksWhenPinged) }
}

describe('a big file is read in the Excel worker built for the app', () => {
  beforeAll(() => {
    if (!fs.existsSync(path.join(BUILT, EXCEL_WORKER_BUNDLE))) throw new Error('out/main/excel-worker.cjs is missing: run `npm run build` first')
  })

  it('another device is answered while the file is read, and the file is staged all the same', async () => {
    b = await excelBackend()
    useExcelWorker(builtSource())
    const { order, envelope, ticksWhileReading } = await race(b, bigCsv(50_000))
    expect(order).toEqual(['ping', 'preview'])
    expect(ticksWhileReading).toBeGreaterThan(0)
    expect(envelope.ok).toBe(true)
    const preview = (envelope as { data: ImportPreview }).data
    expect(preview.sheets[0]?.rows).toBe(50_001)
    expect(preview.columns.map((c) => c.field)).toContain('idNumber')
  })

  it('read in the backend thread instead (no worker), the same request waits for the whole file', async () => {
    b = await excelBackend()
    const { order } = await race(b, bigCsv(20_000))
    expect(order).toEqual(['preview', 'ping'])
  })

  it('the worker reads a clerk’s messy workbook exactly as the backend thread does', async () => {
    const bytes = await workbook(
      { name: '填表说明', rows: [['身份证号请设为文本格式']] },
      {
        name: '登记表',
        merges: ['A1:D1'],
        rows: [
          ['幸福里社区居民登记表'],
          ['姓名', '身份证号', '出生日期', '备注'],
          ['张三', makeId('19800101', '123'), new Date(Date.UTC(1980, 0, 1)), { richText: [{ text: '重点' }, { text: '关注' }] }]
        ]
      }
    )
    const accepted = ['name', 'idNumber', 'birthDate']
    const inline = await readInScratch({ fileName: '登记表.xlsx', bytes, accepted })
    useExcelWorker(builtSource())
    const progress: number[] = []
    const inWorker = await readInScratch({ fileName: '登记表.xlsx', bytes, accepted }, (rows) => progress.push(rows))
    expect(bytes.byteLength).toBeGreaterThan(0) // the caller's bytes stay theirs
    expect(inWorker.proposed).toBe(1)
    expect(inWorker.sheets.map(unpackSheet)).toEqual(inline.sheets.map(unpackSheet))
    expect(unpackSheet(inWorker.sheets[1]!).rows[2]?.[2]).toEqual(new Date(Date.UTC(1980, 0, 1)))
  })

  it('a file the worker cannot read comes back as the same clear Chinese message', async () => {
    useExcelWorker(builtSource())
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0])
    const error = await readInScratch({ fileName: '旧表.xls', bytes: ole, accepted: [] }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).message).toMatch(/旧版 \.xls 文件/)
  })
})
