import { parentPort, workerData } from 'node:worker_threads'
import { AppError } from '../../../shared/errors'
import { readAndPack } from './packed'
import type { ReadJob, ReadReply } from './read-scratch'

/**
 * Excel scratch-worker entry (built as excel-worker.cjs): reads one clerk's file in a thread of its
 * own and hands back its sheets packed (packed.ts), so parsing a 50,000-row file never holds up the
 * backend's thread, where every other device's requests are answered. The parse's garbage stays
 * in this thread and is gone when it ends.
 */
const port = parentPort
if (!port) throw new Error('excel worker must run in a worker thread')
const job = workerData as ReadJob
const post = (reply: ReadReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer)

readAndPack(job.fileName, job.bytes, job.accepted, (rows) => post({ type: 'progress', rows })).then(
  (book) => {
    const owned = book.sheets.map((s) => s.body).filter((b) => b.byteOffset === 0 && b.byteLength === b.buffer.byteLength)
    post({ type: 'done', book }, [...new Set(owned.map((b) => b.buffer as ArrayBuffer))])
  },
  (error: unknown) => {
    const body = error instanceof AppError ? error.toBody() : { code: 'INTERNAL' as const, message: `读取文件失败：${String(error)}` }
    post({ type: 'failed', error: body })
  }
)
