import type { Api, BackendEvent, Permission } from '../../shared/contract'
import type { ArgsOf, ResultOf } from '../../shared/contract/types'
import type { Store, Tx } from './store/store'

/** Who is calling. The accounts issue fills this from a login; until then the local desk. */
export interface Session {
  actor: string
  permissions: ReadonlySet<Permission> | 'all'
}

export const LOCAL_SESSION: Session = { actor: '本机', permissions: 'all' }

export interface Ctx {
  store: Store
  session: Session
  now(): Date
  appVersion: string
  emit(event: BackendEvent): void
  /**
   * Mutations only: runs fn in one transaction together with its audit row, so a write
   * and its record of who did it are committed (and journaled) as one.
   */
  write<T>(audit: AuditNote<T>, fn: (tx: Tx) => T): T
}

export interface AuditNote<T> {
  summary: string | ((result: T) => string)
  detail?: unknown | ((result: T) => unknown)
}

export type Handler<F> = (args: ArgsOf<F>, ctx: Ctx) => Promise<ResultOf<F>> | ResultOf<F>

/** A slice of the contract implemented by one domain folder. */
export type Handlers<A> = { [M in keyof A]: Handler<A[M]> }

export type AllHandlers = Handlers<Api>
