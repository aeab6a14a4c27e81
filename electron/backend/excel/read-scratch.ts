import { Worker } from 'node:worker_threads'
import { AppError } from '../../../shared/errors'
import type { ErrorBody } from '../../../shared/errors'
import { readAndPack } from './packed'
import type { PackedWorkbook } from './packed'
import type { ReadProgress } from './read-xlsx'

export interface ReadJob {
  fileName: string
  bytes: Uint8Array
  /** The import target's field keys: the worker proposes the sheet with them. */
  accepted: string[]
}

export type ReadReply = { type: 'progress'; rows: number } | { type: 'done'; book: PackedWorkbook } | { type: 'failed'; error: ErrorBody }

let source: string | null = null

/** The Excel scratch worker's bundle source (excel-worker.cjs), read by the host; null reads inline (tests from source). */
export function useExcelWorker(next: string | null): void {
  source = next
}

/**
 * Files read at once: each reader holds a file's inflated parts and its arrays until packed, so
 * five devices opening 20 MB files together queue here rather than take the PC's memory.
 */
export const READ_SLOTS = 2
let busy = 0
const waiting: (() => void)[] = []

async function slot<T>(fn: () => Promise<T>): Promise<T> {
  if (busy >= READ_SLOTS) await new Promise<void>((resolve) => waiting.push(resolve))
  else busy++
  try {
    return await fn()
  } finally {
    const next = waiting.shift()
    if (next) next()
    else busy--
  }
}

/**
 * Reads and packs a clerk's file in a thread of its own, so the backend's thread keeps answering
 * the other devices while a 50,000-row file is parsed. The packed sheets come back
 * moved, not copied.
 */
export function readInScratch(job: ReadJob, onProgress?: ReadProgress): Promise<PackedWorkbook> {
  const from = source
  if (from === null) return readAndPack(job.fileName, job.bytes, job.accepted, onProgress)
  return slot(() => runWorker(from, job, onProgress))
}

function runWorker(from: string, job: ReadJob, onProgress?: ReadProgress): Promise<PackedWorkbook> {
  // A copy is moved there: the caller's bytes stay theirs (20 MB at most, copied in milliseconds).
  const bytes = job.bytes.slice()
  // eval: the source was read by the host (from app.asar in the packaged app), never looked up here.
  const worker = new Worker(from, { eval: true, workerData: { ...job, bytes }, transferList: [bytes.buffer as ArrayBuffer] })
  return new Promise<PackedWorkbook>((resolve, reject) => {
    let settled = false
    worker.on('message', (reply: ReadReply) => {
      if (reply.type === 'progress') return onProgress?.(reply.rows)
      settled = true
      if (reply.type === 'done') resolve(reply.book)
      else reject(new AppError(reply.error.code, reply.error.message, reply.error.details))
      void worker.terminate()
    })
    worker.once('error', (error) => {
      settled = true
      reject(new AppError('INTERNAL', `读取文件失败：读取线程出错（${error.message}）。请重试，或把文件拆小后再导入。`))
    })
    worker.once('exit', (code) => {
      if (!settled) reject(new AppError('INTERNAL', `读取文件失败：读取线程意外退出（${code}）。请重试，或把文件拆小后再导入。`))
    })
  })
}
