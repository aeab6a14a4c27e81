import type { Api, BackendEvent, Permission } from '../../shared/contract'
import type { ArgsOf, ResultOf } from '../../shared/contract/types'
import type { LoginGuard } from './auth/login-guard'
import type { DeviceBook } from './devices/device-book'
import type { DeviceCaller } from './devices/devices.service'
import type { SessionManager } from './auth/sessions'
import type { SecurityLog } from './security/security-log'
import type { Store, Tx } from './store/store'

/**
 * Who is calling, resolved by dispatch from the login (accounts issue). Handlers read it to
 * audit (actor) and to scope what they return (gridScope): a grid worker's lists, searches,
 * counts and exports only ever contain their own grids' records.
 */
export interface Session {
  accountId: number | null
  actor: string
  permissions: ReadonlySet<Permission> | 'all'
  /** Grid ids this session may see, or 'all' for roles not bound to grids. */
  gridScope: readonly number[] | 'all'
  /** Until the person sets their own password, dispatch lets the session do nothing else. */
  mustChangePassword?: boolean
  /** The approved LAN device the call came from (issue 24); absent for the office PC's own window. */
  device?: { id: number; name: string }
}

/** The office desk before accounts exist, and tests that are not about permissions. */
export const LOCAL_SESSION: Session = { accountId: null, actor: '本机', permissions: 'all', gridScope: 'all' }

export interface Ctx {
  store: Store
  session: Session
  /** The caller's session token (null for trusted in-process calls and before login). */
  token: string | null
  sessions: SessionManager
  /** The LAN caller (null for the office PC's own window and in-process calls), and what the backend keeps of devices. */
  device: DeviceCaller | null
  devices: DeviceBook
  now(): Date
  appVersion: string
  emit(event: BackendEvent): void
  /**
   * Mutations only: runs fn in one transaction together with its audit row, so a write
   * and its record of who did it are committed (and journaled) as one.
   */
  write<T>(audit: AuditNote<T>, fn: (tx: Tx) => T): T
  /**
   * Security events (failed logins, digit searches by roles that cannot reveal, unknown pass
   * numbers): written to 操作日志 one row per burst, from queries and refused calls too.
   */
  security: SecurityLog
  /** Paces password checks per account so guessing stays slow without locking anyone out. */
  guard: LoginGuard
  /**
   * Paced methods only (spec.paced): runs fn as a turn of the one mutation queue, after the
   * caller's session is checked again; ctx.write is allowed only inside it.
   */
  serial<T>(fn: () => T): Promise<T>
  /**
   * Export methods only (kind 'export'): the audit row of the file just made, written by dispatch
   * once the handler has returned; an export that reports none fails instead of leaving unrecorded.
   */
  exported(note: ExportNote): void
}

export interface ExportNote {
  summary: string
  detail: {
    source: string
    filter: unknown
    rows: number
    format: 'xlsx' | 'csv'
    full: boolean
    reason: string | null
    /** The file's name before numbering, and as handed out (excel/export/file-names.ts). */
    fileBase: string
    fileName: string
  }
}

export interface AuditNote<T> {
  summary: string | ((result: T) => string)
  detail?: unknown | ((result: T) => unknown)
  /** The record the entry is about, e.g. 'account:3', so the log can be filtered by it. */
  record?: string | ((result: T) => string)
  /** Who acted, when not the session's actor (a login names the account logging in). */
  actor?: string
}

export type Handler<F> = (args: ArgsOf<F>, ctx: Ctx) => Promise<ResultOf<F>> | ResultOf<F>

/** A slice of the contract implemented by one domain folder. */
export type Handlers<A> = { [M in keyof A]: Handler<A[M]> }

export type AllHandlers = Handlers<Api>
