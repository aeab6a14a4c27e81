import fs from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import type { BackendEvent } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import type { Envelope } from '../../shared/errors'
import { dataMarkerFile } from './store/open-choices'
import type { OpenOptions } from './store/open-choices'
import type { HostToWorker, WorkerData, WorkerToHost } from './worker-protocol'

export interface BackendClient {
  /** session: the token the caller got from auth.login (null before login); device: a LAN client's device token. */
  call(method: string, args: unknown, session: string | null, device?: string): Promise<Envelope<unknown>>
  onEvent(listener: (event: BackendEvent) => void): () => void
  close(): Promise<void>
}

const UNAVAILABLE: Envelope<unknown> = {
  ok: false,
  error: { code: 'BACKEND_UNAVAILABLE', message: '后台服务已停止，请重新启动程序。' }
}

/** Built next to the host bundles (out/main): the worker bundle and sql.js's WebAssembly. */
export const WORKER_BUNDLE = 'worker.cjs'
export const SQL_WASM_FILE = 'sql-wasm.wasm'
export const BACKUP_WORKER_BUNDLE = 'backup-worker.cjs'
export const EXCEL_WORKER_BUNDLE = 'excel-worker.cjs'

/**
 * What the worker needs from its host, read from the host's bundle folder. In the packaged
 * app that folder is inside app.asar, which the main process reads through Electron's fs.
 */
export function workerDataFrom(bundleDir: string, dataDir: string, appVersion: string, resourcesDir: string | null, open: OpenOptions = {}): WorkerData {
  return {
    dataDir,
    appVersion,
    sqlWasm: new Uint8Array(fs.readFileSync(path.join(bundleDir, SQL_WASM_FILE))),
    resourcesDir,
    markerFile: dataMarkerFile(dataDir, path.join, path.dirname, path.basename),
    open,
    backupWorkerSource: fs.readFileSync(path.join(bundleDir, BACKUP_WORKER_BUNDLE), 'utf8'),
    excelWorkerSource: fs.readFileSync(path.join(bundleDir, EXCEL_WORKER_BUNDLE), 'utf8')
  }
}

/**
 * Starts the backend in a worker thread and relays calls and events. Used by both hosts,
 * so Electron main and the browser-mode server share one code path. Resolves when the
 * data directory is open; rejects with the backend's AppError when it cannot be.
 */
export function startBackendWorker(workerFile: string, data: WorkerData): Promise<BackendClient> {
  // The wasm bytes are moved, not copied, into the worker.
  const worker = new Worker(workerFile, { workerData: data, transferList: [data.sqlWasm.buffer as ArrayBuffer] })
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>()
  const listeners = new Set<(event: BackendEvent) => void>()
  let nextId = 1
  let alive = true
  let onClosed: (() => void) | null = null

  const failAll = () => {
    alive = false
    for (const resolve of pending.values()) resolve(UNAVAILABLE)
    pending.clear()
  }

  const client: BackendClient = {
    call(method, args, session, device) {
      if (!alive) return Promise.resolve(UNAVAILABLE)
      const id = nextId++
      return new Promise((resolve) => {
        pending.set(id, resolve)
        worker.postMessage(
          (device === undefined ? { type: 'call', id, method, args, session } : { type: 'call', id, method, args, session, device }) satisfies HostToWorker
        )
      })
    },
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close() {
      if (!alive) return Promise.resolve()
      return new Promise((resolve) => {
        onClosed = resolve
        worker.postMessage({ type: 'close' } satisfies HostToWorker)
      })
    }
  }

  return new Promise((resolve, reject) => {
    worker.on('message', (message: WorkerToHost) => {
      switch (message.type) {
        case 'ready':
          resolve(client)
          break
        case 'fatal':
          failAll()
          void worker.terminate()
          reject(new AppError(message.error.code, message.error.message, message.error.details))
          break
        case 'result':
          pending.get(message.id)?.(message.envelope)
          pending.delete(message.id)
          break
        case 'event':
          for (const listener of listeners) listener(message.event)
          break
        case 'closed':
          failAll()
          onClosed?.()
          break
      }
    })
    worker.on('error', (error) => {
      failAll()
      reject(error)
    })
    worker.on('exit', () => {
      failAll()
      onClosed?.()
    })
  })
}
