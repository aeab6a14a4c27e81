import type { BackendEvent } from '../../shared/contract'
import type { Envelope, ErrorBody } from '../../shared/errors'
import type { OpenOptions } from './store/open-choices'

/** Messages between a host (Electron main or the browser-mode server) and the backend worker. */
export type HostToWorker =
  { type: 'call'; id: number; method: string; args: unknown; session: string | null; /** A LAN client's device token. */ device?: string } | { type: 'close' }

export type WorkerToHost =
  | { type: 'ready' }
  | { type: 'fatal'; error: ErrorBody }
  | { type: 'result'; id: number; envelope: Envelope<unknown> }
  | { type: 'event'; event: BackendEvent }
  | { type: 'closed' }

export interface WorkerData {
  dataDir: string
  appVersion: string
  /** sql.js's WebAssembly, read by the host (see store/sql-engine.ts). */
  sqlWasm: Uint8Array
  /** The packaged resources folder (report templates), or null to use ./resources. */
  resourcesDir: string | null
  /** The marker beside the data folder (see store/open-choices.ts), and what the clerk chose after a refused open. */
  markerFile: string | null
  open: OpenOptions
  /** The backup scratch worker's bundle source (see backup/scratch.ts), read by the host like the wasm. */
  backupWorkerSource: string
  /** The Excel reader's scratch worker bundle source (see excel/read-scratch.ts), read by the host the same way. */
  excelWorkerSource: string
}
