import { parentPort, workerData } from 'node:worker_threads'
import { AppError } from '../../shared/errors'
import { useBackupWorker } from './backup/scratch'
import { createKeyedBackend } from './keys/key-gate'
import type { HostBackend } from './keys/key-gate'
import { useResourcesDir } from './excel/builtin-templates'
import { useExcelWorker } from './excel/read-scratch'
import { useSqlWasm } from './store/sql-engine'
import type { HostToWorker, WorkerData, WorkerToHost } from './worker-protocol'

/**
 * Worker-thread entry: owns the data directory and answers the host's calls. Built as one
 * CommonJS file with every dependency inlined (no top-level await, no node_modules, no file
 * looked up at run time: sql.js's wasm and the resources folder come from the host).
 */
const port = parentPort
if (!port) throw new Error('worker must run in a worker thread')
const post = (message: WorkerToHost) => port.postMessage(message)

let backend: HostBackend | null = null
const { dataDir, appVersion, sqlWasm, resourcesDir, markerFile, open: openOptions, backupWorkerSource, excelWorkerSource } = workerData as WorkerData
// The scratch worker gets its own copy of the wasm: useSqlWasm keeps these bytes for this thread.
useBackupWorker({ source: backupWorkerSource, sqlWasm: sqlWasm.slice() })
useSqlWasm(sqlWasm)
// Clerks' Excel files are read in a thread of their own: a big import never holds up other devices' requests.
useExcelWorker(excelWorkerSource)
if (resourcesDir) useResourcesDir(resourcesDir)

async function open(): Promise<void> {
  try {
    // The hosts' backend is encrypted at rest (issue 20): closed until a login unwraps the data key.
    backend = await createKeyedBackend({ dataDir, appVersion, store: { ...openOptions, markerFile } })
    backend.onEvent((event) => post({ type: 'event', event }))
    post({ type: 'ready' })
  } catch (error) {
    const body = error instanceof AppError ? error.toBody() : { code: 'INTERNAL' as const, message: `无法打开数据目录：${String(error)}` }
    post({ type: 'fatal', error: body })
  }
}

port.on('message', (message: HostToWorker) => {
  if (!backend) return
  const current = backend
  if (message.type === 'call') {
    void current.callAs(message.session, message.method, message.args, message.device).then((envelope) => post({ type: 'result', id: message.id, envelope }))
  } else if (message.type === 'close') {
    void current
      .close()
      .catch((error: unknown) => console.error('[backend] close failed:', error))
      .finally(() => {
        backend = null
        post({ type: 'closed' })
        port.close()
      })
  }
})

void open()
