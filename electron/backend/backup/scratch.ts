import { Worker } from 'node:worker_threads'
import { AppError } from '../../../shared/errors'
import type { ErrorBody } from '../../../shared/errors'
import { sealAndVerify } from './backup-seal'
import type { SealJob, SealResult } from './backup-seal'

export interface ScratchData {
  job: SealJob
  sqlWasm: Uint8Array
}

export type ScratchReply = { ok: true; result: SealResult } | { ok: false; error: ErrorBody }

/** What a scratch worker is made of: the built bundle's source and sql.js's wasm, both read by the host. */
export interface ScratchKit {
  source: string
  sqlWasm: Uint8Array
}

let kit: ScratchKit | null = null

export function useBackupWorker(next: ScratchKit | null): void {
  kit = next
}

/**
 * Runs a backup's slow part (compress, encrypt, write, read back, check) in a scratch worker when
 * the host provided its bundle; in the backend's own thread otherwise (tests run from source).
 * The image's memory is moved to the worker, not copied.
 */
export function sealInScratch(job: SealJob): Promise<SealResult> {
  if (kit === null) return sealAndVerify(job)
  const data: ScratchData = { job, sqlWasm: kit.sqlWasm.slice() }
  const transfer = [data.sqlWasm.buffer as ArrayBuffer]
  if (ownsWholeBuffer(job.image)) transfer.push(job.image.buffer as ArrayBuffer)
  // eval: the source was read by the host (from app.asar in the packaged app), never looked up here.
  const worker = new Worker(kit.source, { eval: true, workerData: data, transferList: transfer })
  return new Promise<SealResult>((resolve, reject) => {
    let settled = false
    worker.once('message', (reply: ScratchReply) => {
      settled = true
      if (reply.ok) resolve(reply.result)
      else reject(new AppError(reply.error.code, reply.error.message, reply.error.details))
      void worker.terminate()
    })
    worker.once('error', (error) => {
      settled = true
      reject(new AppError('INTERNAL', `备份失败：校验线程出错（${error.message}）。`))
    })
    worker.once('exit', (code) => {
      if (!settled) reject(new AppError('INTERNAL', `备份失败：校验线程意外退出（${code}）。`))
    })
  })
}

function ownsWholeBuffer(bytes: Uint8Array): boolean {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer
}
