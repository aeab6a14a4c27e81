import { appendAudit } from '../audit/audit.service'
import type { Store } from '../store/store'

/**
 * A security-relevant event a query or a refused call may need to leave in 操作日志:
 * a failed login, a digit search by a role that cannot reveal, an unknown pass number.
 */
export interface SecurityEvent {
  /** Audit method column, e.g. 'auth.login' or 'residents.search'. */
  method: string
  /** What the burst is counted by, e.g. 'login:admin' or 'digits:account:7'. */
  key: string
  actor: string
  /** One line in Chinese, e.g. '登录失败：用户名或密码不正确'. */
  summary: string
  record?: string | null
  detail?: unknown
}

interface Burst {
  event: SecurityEvent
  count: number
  firstAt: Date
  lastAt: Date
  timer: NodeJS.Timeout | null
}

/**
 * Writes security events to the audit trail without letting a flood bloat it: the first
 * event of a burst is written at once (so an ongoing attack is visible immediately), the
 * rest are counted, and when the burst goes quiet one more row gives the count and the
 * period. Works from queries too, which may not call ctx.write: each row is its own
 * journaled transaction (JavaScript runs one transaction at a time, so it cannot interleave
 * with a mutation's).
 */
export class SecurityLog {
  private readonly bursts = new Map<string, Burst>()
  private closed = false

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    /** A burst ends after this long without another event of the same key. */
    private readonly quietMs = 60_000
  ) {}

  record(event: SecurityEvent): void {
    if (this.closed) return
    const at = this.now()
    const burst = this.bursts.get(event.key)
    if (burst) {
      burst.count++
      burst.lastAt = at
      burst.event = event
      this.arm(event.key, burst)
      return
    }
    this.write(event, event.summary, at)
    const fresh: Burst = { event, count: 1, firstAt: at, lastAt: at, timer: null }
    this.bursts.set(event.key, fresh)
    this.arm(event.key, fresh)
  }

  /** How many events the current burst of key holds (0 when none is open). */
  burstCount(key: string): number {
    return this.bursts.get(key)?.count ?? 0
  }

  /** Ends every open burst, writing its count row (on close and in tests). */
  flush(): void {
    for (const key of [...this.bursts.keys()]) this.end(key)
  }

  close(): void {
    this.flush()
    this.closed = true
  }

  private arm(key: string, burst: Burst): void {
    if (burst.timer) clearTimeout(burst.timer)
    if (this.quietMs <= 0) return
    burst.timer = setTimeout(() => this.end(key), this.quietMs)
    burst.timer.unref()
  }

  private end(key: string): void {
    const burst = this.bursts.get(key)
    if (!burst) return
    if (burst.timer) clearTimeout(burst.timer)
    this.bursts.delete(key)
    if (burst.count <= 1) return
    const summary = `${burst.event.summary}（连续 ${burst.count} 次，${localTime(burst.firstAt)} 至 ${localTime(burst.lastAt)}）`
    this.write(burst.event, summary, burst.lastAt, { count: burst.count, from: burst.firstAt.toISOString(), to: burst.lastAt.toISOString() })
  }

  private write(event: SecurityEvent, summary: string, at: Date, burst?: { count: number; from: string; to: string }): void {
    const detail = burst ? { ...(isObject(event.detail) ? event.detail : {}), burst } : event.detail
    this.store.transaction((tx) =>
      appendAudit(tx, { at: at.toISOString(), actor: event.actor, method: event.method, summary, detail, record: event.record ?? null })
    )
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The office's wall clock, HH:mm:ss, for the burst's period in the summary. */
function localTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
}
