import { parentPort, workerData } from 'node:worker_threads'
import { AppError } from '../../../shared/errors'
import { useSqlWasm } from '../store/sql-engine'
import { sealAndVerify } from './backup-seal'
import type { ScratchData, ScratchReply } from './scratch'

/**
 * Scratch-worker entry (built as backup-worker.cjs): seals and verifies one backup in a thread of
 * its own, so the backend's thread keeps acknowledging writes, and the second database the check
 * opens lives in this thread's WebAssembly memory, which is gone when the thread ends (sql.js's
 * memory never shrinks: checked in the backend, every backup would leave the image's size behind).
 */
const port = parentPort
if (!port) throw new Error('backup worker must run in a worker thread')
const { job, sqlWasm } = workerData as ScratchData
useSqlWasm(sqlWasm)

sealAndVerify(job).then(
  (result) => port.postMessage({ ok: true, result } satisfies ScratchReply),
  (error: unknown) => {
    const body = error instanceof AppError ? error.toBody() : { code: 'INTERNAL' as const, message: `备份失败：${String(error)}` }
    port.postMessage({ ok: false, error: body } satisfies ScratchReply)
  }
)
