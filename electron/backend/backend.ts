import type { BackendEvent } from '../../shared/contract'
import type { Envelope } from '../../shared/errors'
import type { Session } from './context'
import { LOCAL_SESSION } from './context'
import { createDispatch } from './dispatch'
import { handlers } from './handlers'
import { MIGRATIONS } from './store/migrations'
import { Store } from './store/store'
import type { StoreOptions } from './store/store'

export interface BackendOptions {
  dataDir: string
  appVersion: string
  now?: () => Date
  store?: Partial<Omit<StoreOptions, 'dir' | 'migrations' | 'now'>>
}

export interface Backend {
  store: Store
  call(method: string, args: unknown, session?: Session): Promise<Envelope<unknown>>
  onEvent(listener: (event: BackendEvent) => void): () => void
  /** Waits for queued mutations, then snapshots and releases the data directory. */
  close(): Promise<void>
}

/** The headless backend: store + dispatch. Hosts run it in a worker; tests call it directly. */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  const now = options.now ?? (() => new Date())
  const store = await Store.open({ ...options.store, dir: options.dataDir, migrations: MIGRATIONS, now })
  const listeners = new Set<(event: BackendEvent) => void>()
  const emit = (event: BackendEvent) => {
    for (const listener of listeners) listener(event)
  }
  const { dispatch, drain } = createDispatch({
    store,
    handlers,
    now,
    appVersion: options.appVersion,
    emit,
    logError: (error, method) => console.error(`[backend] ${method} failed:`, error)
  })
  return {
    store,
    call: (method, args, session = LOCAL_SESSION) => dispatch(method, args, session),
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close: async () => {
      await drain()
      store.close()
    }
  }
}
