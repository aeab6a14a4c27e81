import type { Method } from '../../shared/contract'
import { domainOfMethod, isMethod, methods } from '../../shared/contract'
import { PASSWORD_CHANGE_METHODS } from '../../shared/contract/auth'
import type { BackendEvent, MethodSpec } from '../../shared/contract/types'
import { AppError, badArgsBody } from '../../shared/errors'
import type { Envelope, ErrorBody, FieldIssue } from '../../shared/errors'
import { appendAudit } from './audit/audit.service'
import { LoginGuard, realSleep } from './auth/login-guard'
import type { SessionManager } from './auth/sessions'
import { DeviceBook } from './devices/device-book'
import type { DeviceCaller } from './devices/devices.service'
import { resolveDevice } from './devices/devices.service'
import type { SecurityLog } from './security/security-log'
import type { AllHandlers, AuditNote, Ctx, ExportNote, Session } from './context'
import type { Store, Tx } from './store/store'

export interface DispatchDeps {
  store: Store
  handlers: AllHandlers
  now: () => Date
  appVersion: string
  emit: (event: BackendEvent) => void
  sessions: SessionManager
  security: SecurityLog
  /** Paces password checks (auth); one is made on deps.now when not given. */
  guard?: LoginGuard
  /** Turns a session token into a Session, or throws UNAUTHORIZED / SESSION_EXPIRED; a LAN device's sessions only from it. */
  resolveSession: (token: string | null, deviceId?: number | null) => Session
  /** LAN devices' pairing requests and last seen (issue 24), and the data folder of the LAN listener's files. */
  devices?: DeviceBook
  /** Where unexpected failures are reported; the caller only sees a generic message. */
  logError?: (error: unknown, method: string) => void
}

/**
 * A host call carries the token it was given, and a LAN client's call its device token (the
 * cookie); trusted in-process callers (tests) pass a Session.
 */
export type Caller = { token: string | null; device?: string } | { session: Session }

export type Dispatch = (method: string, args: unknown, caller: Caller) => Promise<Envelope<unknown>>

/** Before login: only 'public' methods pass the permission check. */
export const ANONYMOUS: Session = { accountId: null, actor: '未登录', permissions: new Set(['public']), gridScope: [] }

interface ZodLikeIssue {
  path: PropertyKey[]
  message: string
}

function issuesOf(error: { issues: ZodLikeIssue[] }): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }))
}

function failure(error: unknown, method: string, logError: DispatchDeps['logError']): { ok: false; error: ErrorBody } {
  if (error instanceof AppError) return { ok: false, error: error.toBody() }
  logError?.(error, method)
  return { ok: false, error: { code: 'INTERNAL', message: '程序内部出错，本次操作没有完成。请重试；如果反复出现，请联系技术人员。' } }
}

function allowed(session: Session, spec: MethodSpec<unknown>): boolean {
  if (spec.permission === 'public' || session.permissions === 'all') return true
  return session.permissions.has(spec.permission)
}

/**
 * The one entry to the backend: own-key method check, argument validation, session and
 * permission, then the handler. Mutations run strictly one at a time, in arrival order.
 */
export function createDispatch(deps: DispatchDeps): { dispatch: Dispatch; drain: () => Promise<void> } {
  let mutationQueue: Promise<unknown> = Promise.resolve()
  const guard = deps.guard ?? new LoginGuard({ now: () => deps.now().getTime(), sleep: realSleep })
  // Dispatch made by a test without one: pairing works in memory, the LAN listener cannot be set up.
  const devices = deps.devices ?? new DeviceBook('')

  /** The LAN device behind a call, checked afresh each time (revoked = refused at once); null for the local window. */
  function deviceOf(caller: Caller, method: string): DeviceCaller | null {
    if (!('token' in caller) || caller.device === undefined) return null
    return resolveDevice(deps.store, devices, caller.device, method, deps.now())
  }

  function sessionFor(caller: Caller, spec: MethodSpec<unknown>, device: DeviceCaller | null): Session {
    if ('session' in caller) return caller.session
    const deviceId = device?.device?.id ?? null
    if (spec.permission !== 'public') return deps.resolveSession(caller.token, deviceId)
    try {
      return caller.token ? deps.resolveSession(caller.token, deviceId) : ANONYMOUS
    } catch {
      return ANONYMOUS
    }
  }

  /** Who acted, with the device it was done on: the audit trail names the tablet (王主任（admin） · 东门平板). */
  function onDevice(session: Session, device: DeviceCaller | null): Session {
    if (!device?.device) return session
    return { ...session, actor: `${session.actor} · ${device.device.name}`, device: device.device }
  }

  function authorize(caller: Caller, spec: MethodSpec<unknown>, method: string): Session {
    return authorizeWith(caller, spec, method, deviceOf(caller, method))
  }

  function authorizeWith(caller: Caller, spec: MethodSpec<unknown>, method: string, device: DeviceCaller | null): Session {
    const session = onDevice(sessionFor(caller, spec, device), device)
    if (!allowed(session, spec)) throw new AppError('FORBIDDEN', `您没有“${spec.title}”的权限。`, { method })
    if (spec.wholeCommunity && session.gridScope !== 'all') {
      throw new AppError('FORBIDDEN', `${spec.title}需要全社区的权限，网格员不能操作。`, { method })
    }
    // A password the administrator typed opens nothing but the page that replaces it.
    if (session.mustChangePassword && spec.permission !== 'public' && !PASSWORD_CHANGE_METHODS.has(method)) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', '请先设置新密码，再使用其他功能。', { method })
    }
    return session
  }

  async function run(method: Method, args: unknown, caller: Caller, spec: MethodSpec<unknown>): Promise<unknown> {
    // Again at execution time: a mutation waits in the queue, and an account disabled or
    // logged out meanwhile must not write.
    const device = deviceOf(caller, method)
    const session = authorizeWith(caller, spec, method, device)
    let wrote = false
    let inSerial = 0
    let exported: ExportNote | null = null
    const ctx: Ctx = {
      store: deps.store,
      session,
      token: 'token' in caller ? caller.token : null,
      sessions: deps.sessions,
      device,
      devices,
      now: deps.now,
      appVersion: deps.appVersion,
      emit: deps.emit,
      security: deps.security,
      guard,
      serial<T>(fn: () => T): Promise<T> {
        if (!spec.paced) throw new Error(`${method} is not paced: it already runs in the mutation queue`)
        const turn = mutationQueue.then(() => {
          authorize(caller, spec, method)
          inSerial++
          try {
            return fn()
          } finally {
            inSerial--
          }
        })
        mutationQueue = turn.catch(() => undefined)
        return turn
      },
      exported(note: ExportNote): void {
        if (spec.kind !== 'export') throw new Error(`${method} is not an export`)
        if (exported) throw new Error(`${method} reported two exports`)
        exported = note
      },
      write<T>(note: AuditNote<T>, fn: (tx: Tx) => T): T {
        if (spec.kind !== 'mutation') throw new Error(`${method} is ${spec.kind === 'export' ? 'an export' : 'a query'} and may not write`)
        if (spec.paced && inSerial === 0) throw new Error(`${method} is paced: it writes only inside ctx.serial`)
        return deps.store.transaction((tx) => {
          const result = fn(tx)
          const summary = typeof note.summary === 'function' ? note.summary(result) : note.summary
          const detail = typeof note.detail === 'function' ? (note.detail as (r: T) => unknown)(result) : note.detail
          const record = typeof note.record === 'function' ? note.record(result) : (note.record ?? null)
          const actor = note.actor === undefined ? session.actor : session.device ? `${note.actor} · ${session.device.name}` : note.actor
          appendAudit(tx, { at: deps.now().toISOString(), actor, method, summary, detail, record })
          wrote = true
          return result
        })
      }
    }
    const handler = deps.handlers[method] as (args: unknown, ctx: Ctx) => unknown
    try {
      const result = await handler(args, ctx)
      if (spec.kind === 'export') auditExport(method, session, exported)
      return result
    } finally {
      // The domain the method belongs to (shared/modules.ts), not its name's prefix: passes.* are checkpoints'.
      if (wrote) deps.emit({ type: 'changed', method, domains: [domainOfMethod.get(method) ?? method] })
    }
  }

  /**
   * An export's audit row, in a transaction of its own and outside the mutation queue: it changes
   * no records, and a transaction runs synchronously, so it cannot interleave with a queued write.
   */
  function auditExport(method: string, session: Session, note: ExportNote | null): void {
    if (!note) throw new Error(`${method} is an export but reported none`)
    deps.store.transaction((tx) =>
      appendAudit(tx, { at: deps.now().toISOString(), actor: session.actor, method, summary: note.summary, detail: note.detail, record: null })
    )
    deps.emit({ type: 'changed', method, domains: ['audit'] })
  }

  const dispatch: Dispatch = async (method, rawArgs, caller) => {
    if (typeof method !== 'string' || !isMethod(method)) {
      const shown = String(method).slice(0, 80)
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `没有这个功能：${shown}`, details: { method: shown } } }
    }
    const spec = methods[method] as MethodSpec<unknown>
    // Who may call comes before what was sent: an outsider learns nothing from validation.
    try {
      authorize(caller, spec, method)
    } catch (error) {
      return failure(error, method, deps.logError)
    }
    const parsed = spec.args.safeParse(rawArgs === undefined ? {} : rawArgs)
    if (!parsed.success) {
      return { ok: false, error: badArgsBody(issuesOf(parsed.error)) }
    }
    const execute = () =>
      run(method, parsed.data, caller, spec).then(
        (data): Envelope<unknown> => ({ ok: true, data }),
        (error: unknown) => failure(error, method, deps.logError)
      )
    // A paced method waits on its own throttle first and queues only its write (ctx.serial),
    // so a flood of logins never holds up the office's other writes.
    // An export changes no records: it reads like a query and only appends its audit row.
    if (spec.kind !== 'mutation' || spec.paced) return execute()
    const queued = mutationQueue.then(execute)
    mutationQueue = queued
    return queued
  }

  /** Resolves once every mutation queued so far has finished (used before closing). */
  const drain = () => mutationQueue.then(() => undefined)
  return { dispatch, drain }
}
