import type { BackendEvent } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import type { Envelope } from '../../shared/errors'
import { appendAudit } from './audit/audit.service'
import { AUTO_ACTOR, loadBackupState } from './backup/backup.service'
import { dailyBackupDue } from '../../shared/domain/backup'
import { createSessionResolver } from './auth/auth.service'
import { LoginGuard, realSleep } from './auth/login-guard'
import { SessionManager } from './auth/sessions'
import type { Session } from './context'
import { LOCAL_SESSION } from './context'
import { DeviceBook } from './devices/device-book'
import { createDispatch } from './dispatch'
import type { NetworkChoice } from '../../shared/contract/devices'
import { handlers } from './handlers'
import { SecurityLog } from './security/security-log'
import { finishInterruptedPurge } from './retention/retention.service'
import { keepAuditAnchored } from './audit/audit-anchor'
import { MIGRATIONS } from './store/migrations'
import { Store } from './store/store'
import type { StoreOptions } from './store/store'

export interface BackendOptions {
  dataDir: string
  appVersion: string
  now?: () => Date
  /** How paced logins wait (virtual time in tests); real timers by default. */
  sleep?: (ms: number) => Promise<void>
  store?: Partial<Omit<StoreOptions, 'dir' | 'migrations' | 'now'>>
  /** The network cards the LAN listener may bind to (tests give loopback); this PC's own by default. */
  networkInterfaces?: () => NetworkChoice[]
}

const AUTO_SESSION: Session = { ...LOCAL_SESSION, actor: AUTO_ACTOR }
const CHECK_EVERY_MS = 60_000

/**
 * The daily backup at the chosen time while the program runs, and one at quit: both through
 * dispatch as 自动备份, so they are checked, recorded and audited like 立即备份.
 */
function scheduleBackups(store: Store, now: () => Date, run: (method: 'backup.run') => Promise<Envelope<unknown>>) {
  let running: Promise<unknown> | null = null
  const attempt = () => {
    running ??= run('backup.run')
      .then((envelope) => {
        if (!envelope.ok) console.error('[backup] automatic backup failed:', envelope.error.message)
      })
      .finally(() => (running = null))
    return running
  }
  const timer = setInterval(() => {
    try {
      const state = loadBackupState(store)
      if (state.folder === '' || !state.key) return
      if (dailyBackupDue(now(), state.dailyAt, state.lastAutoAt ? new Date(state.lastAutoAt) : null)) void attempt()
    } catch {
      /* the store is closing or the folder vanished: the next tick or the next start tries again */
    }
  }, CHECK_EVERY_MS)
  timer.unref()
  return {
    async atQuit(): Promise<void> {
      clearInterval(timer)
      await running
      try {
        const state = loadBackupState(store)
        if (state.atQuit && state.folder !== '' && state.key) await attempt()
      } catch (error) {
        // Already closed (a test, or the folder gone): nothing to back up from.
        if (!(error instanceof AppError && (error.code === 'BACKEND_UNAVAILABLE' || error.code === 'STORE_FOLDER_GONE'))) {
          console.error('[backup] backup at quit failed:', error)
        }
      }
    }
  }
}

/** The one audit row a salvaged open leaves, written before anyone can log in. */
function auditOpenNotice(store: Store, now: Date): void {
  const notice = store.openNotice
  if (!notice) return
  const lost = notice.lostSeqs.length + notice.skippedSeqs.length
  store.transaction((tx) =>
    appendAudit(tx, {
      at: now.toISOString(),
      actor: 'system',
      method: 'store.salvage',
      summary: `打开时跳过了操作日志中损坏的 ${notice.damagedBytes} 字节（约 ${lost} 条记录），其后完好的记录已保留；原文件另存为 ${notice.keptAs}`,
      detail: JSON.stringify(notice),
      record: null
    })
  )
}

export interface Backend {
  store: Store
  sessions: SessionManager
  security: SecurityLog
  guard: LoginGuard
  /** Trusted in-process call with a given session (tests, tools). Hosts never use this. */
  call(method: string, args: unknown, session?: Session): Promise<Envelope<unknown>>
  /** A host's call: the session comes only from the token the caller holds; a LAN client's also from its device token. */
  callAs(token: string | null, method: string, args: unknown, device?: string): Promise<Envelope<unknown>>
  onEvent(listener: (event: BackendEvent) => void): () => void
  /** Waits for queued mutations, then snapshots and releases the data directory. */
  close(): Promise<void>
}

/** The headless backend: store + dispatch. Hosts run it in a worker; tests call it directly. */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  const now = options.now ?? (() => new Date())
  const store = await Store.open({ ...options.store, dir: options.dataDir, migrations: MIGRATIONS, now })
  auditOpenNotice(store, now())
  // A purge cut short after its deletes committed: its values must still leave the file.
  finishInterruptedPurge(store, now())
  keepAuditAnchored(store, now)
  const listeners = new Set<(event: BackendEvent) => void>()
  const emit = (event: BackendEvent) => {
    for (const listener of listeners) listener(event)
  }
  const sessions = new SessionManager()
  const security = new SecurityLog(store, now)
  const guard = new LoginGuard({ now: () => now().getTime(), sleep: options.sleep ?? realSleep })
  const devices = new DeviceBook(options.dataDir, options.networkInterfaces)
  const { dispatch, drain } = createDispatch({
    store,
    handlers,
    now,
    appVersion: options.appVersion,
    emit,
    sessions,
    security,
    guard,
    devices,
    resolveSession: createSessionResolver(store, sessions, now),
    logError: (error, method) => console.error(`[backend] ${method} failed:`, error)
  })
  const backups = scheduleBackups(store, now, (method) => dispatch(method, {}, { session: AUTO_SESSION }))
  return {
    store,
    sessions,
    security,
    guard,
    call: (method, args, session = LOCAL_SESSION) => dispatch(method, args, { session }),
    callAs: (token, method, args, device) => dispatch(method, args, device === undefined ? { token } : { token, device }),
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close: async () => {
      await backups.atQuit()
      await drain()
      security.close()
      store.close()
    }
  }
}
