import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PassThrough, Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { createBackend } from '../../../electron/backend/backend'
import type { Backend } from '../../../electron/backend/backend'
import { LOCAL_SESSION } from '../../../electron/backend/context'
import { insertHousehold } from '../../../electron/backend/households/households.repo'
import { buildingFor, householdWriteIn } from '../../../electron/backend/households/households.service'
import { deferSearchIndexes, insertResident } from '../../../electron/backend/residents/residents.repo'
import { storedResident } from '../../../electron/backend/residents/residents.service'
import type { ImportPreview, ImportSummary } from '../../../shared/contract'
import { localIsoDate } from '../../../shared/domain'
import { splitAddress } from '../../../shared/domain/excel-synonyms'
import type { Envelope } from '../../../shared/errors'
import { rowsOf } from './excel.bench'

/** What one child process measured; rss is the process's own high-water mark. */
export interface ChildResult {
  ms: number
  rss: number
  readMs?: number
  baselineMs?: number
  bytes?: number
}

const TODAY = new Date('2026-02-03T08:00:00.000Z')
const RUNS = 3
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN
const peakRss = () => process.resourceUsage().maxRSS * 1024

function data<T>(envelope: Envelope<unknown>): T {
  if (!envelope.ok) throw new Error(`${envelope.error.code} ${envelope.error.message}`)
  return envelope.data as T
}

/** exceljs alone: the streaming reader over every row, values touched. */
async function bareRead(bytes: Buffer): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit'
  })
  let cells = 0
  for await (const ws of reader) {
    for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) cells += (row.values as unknown[]).length
  }
  return cells
}

async function withBackend<T>(fn: (backend: Backend) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shouwang-bench-child-'))
  const backend = await createBackend({ dataDir: dir, appVersion: 'bench', now: () => TODAY, store: { idleSnapshotMs: 0 } })
  try {
    return await fn(backend)
  } finally {
    await backend.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** The wizard's path: preview (read the file, propose the mapping), then commit (check and write in one transaction). */
async function importFile(backend: Backend, bytes: Buffer): Promise<{ readMs: number }> {
  const start = performance.now()
  const preview = data<ImportPreview>(await backend.call('excel.preview', { target: 'residents', fileName: '居民.xlsx', bytes: new Uint8Array(bytes) }))
  const readMs = performance.now() - start
  const args = {
    stagingId: preview.stagingId,
    sheet: preview.sheet,
    headerStart: preview.headerStart,
    headerEnd: preview.headerEnd,
    mapping: preview.columns.map((c) => c.field),
    onExisting: 'skip' as const
  }
  const summary = data<ImportSummary>(await backend.call('excel.commit', args))
  if (summary.created !== 50_000) throw new Error(`imported ${summary.created}: ${JSON.stringify(summary)}`)
  return { readMs }
}

/**
 * The least the register's write path can cost for this file: the same households and residents,
 * their values (search keys included) computed beforehand, written through the repo functions
 * in one transaction, journal and all, with the import's room reserved and its search indexes
 * built at the end as the import does. No reading, no checks.
 */
async function writeFloor(backend: Backend): Promise<number> {
  const people = rowsOf().map((row) => {
    const [, name, sex, idNumber, birth, phone, address] = row as [number, string, string, string, Date, string, string]
    const fields = {
      name,
      idType: 'mainland' as const,
      idNumber,
      sex: sex === '男' ? ('M' as const) : ('F' as const),
      birthDate: localIsoDate(birth),
      phones: [phone],
      tags: [],
      personType: 'resident' as const,
      relation: null,
      notes: ''
    }
    return { write: storedResident(fields), address: splitAddress(address) }
  })
  const at = TODAY.toISOString()
  const buildings = backend.store.transaction((tx) => {
    const refs = new Map<string, ReturnType<typeof buildingFor>>()
    for (const p of people) if (p.address) refs.set(`${p.address.compound}|${p.address.building}`, buildingFor(tx, LOCAL_SESSION, p.address))
    return refs
  })
  const households = people.map((p) =>
    p.address
      ? householdWriteIn(buildings.get(`${p.address.compound}|${p.address.building}`) as ReturnType<typeof buildingFor>, p.address, {
          tenure: 'owned',
          notes: ''
        })
      : null
  )
  globalThis.gc?.()
  const start = performance.now()
  backend.store.reserve(people.length * 1024)
  backend.store.transaction((tx) => {
    const rebuildIndexes = deferSearchIndexes(tx)
    const ids = new Map<string, number>()
    people.forEach((p, i) => {
      const h = households[i] ?? null
      let householdId: number | null = null
      if (h) {
        householdId = ids.get(h.addressKey) ?? insertHousehold(tx, h, at)
        ids.set(h.addressKey, householdId)
      }
      insertResident(tx, { ...p.write, householdId, gridId: h?.gridId ?? null, sortKey: h?.addressKey ?? '' }, at)
    })
    rebuildIndexes()
  })
  return performance.now() - start
}

/** exceljs's streaming writer alone, writing the cells our export wrote, with the same column formats. */
async function bareWrite(table: unknown[][], formats: (string | undefined)[]): Promise<number> {
  const start = performance.now()
  const stream = new PassThrough()
  stream.resume()
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false })
  const ws = wb.addWorksheet('居民名单', { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.columns = formats.map((numFmt) => ({ width: 14, style: numFmt ? { numFmt } : {} }))
  for (const row of table) ws.addRow(row).commit()
  ws.commit()
  await wb.commit()
  return performance.now() - start
}

async function readTable(bytes: Uint8Array): Promise<{ table: unknown[][]; formats: (string | undefined)[] }> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer)
  const ws = wb.worksheets[0] as ExcelJS.Worksheet
  const table: unknown[][] = []
  // Title, two notice lines, then the header: the table starts at row 4.
  ws.eachRow((row, n) => {
    if (n >= 4) table.push((row.values as unknown[]).slice(1))
  })
  const formats = (table[0] ?? []).map((_, c) => ws.getRow(5).getCell(c + 1).numFmt)
  return { table, formats }
}

async function exportRuns(backend: Backend, bytes: Buffer): Promise<ChildResult> {
  await importFile(backend, bytes)
  const ours: number[] = []
  const bare: number[] = []
  let file: Uint8Array = new Uint8Array()
  let table: Awaited<ReturnType<typeof readTable>> | null = null
  for (let i = 0; i < RUNS; i++) {
    globalThis.gc?.()
    const start = performance.now()
    file = data<{ bytes: Uint8Array }>(await backend.call('excel.exportList', { list: 'residents', filter: {} })).bytes
    ours.push(performance.now() - start)
    table ??= await readTable(file)
    globalThis.gc?.()
    bare.push(await bareWrite(table.table, table.formats))
  }
  return { ms: median(ours), baselineMs: median(bare), bytes: file.byteLength, rss: peakRss() }
}

/** `run.mjs --child <mode> <file>`: one measure, its result as the last line of stdout. */
export async function excelChild(mode: string, file: string): Promise<ChildResult> {
  const bytes = fs.readFileSync(file)
  globalThis.gc?.()
  switch (mode) {
    case 'bare-read': {
      const start = performance.now()
      await bareRead(bytes)
      return { ms: performance.now() - start, rss: peakRss() }
    }
    case 'import':
      return withBackend(async (backend) => {
        const start = performance.now()
        const { readMs } = await importFile(backend, bytes)
        return { ms: performance.now() - start, readMs, rss: peakRss() }
      })
    case 'write-floor':
      return withBackend(async (backend) => ({ ms: await writeFloor(backend), rss: peakRss() }))
    case 'export':
      return withBackend((backend) => exportRuns(backend, bytes))
    default:
      throw new Error(`unknown child mode ${mode}`)
  }
}
