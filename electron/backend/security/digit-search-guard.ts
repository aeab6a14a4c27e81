import { compactCode, normalizeText, readDigitSearch } from '../../../shared/domain'
import type { DigitReach } from '../../../shared/domain'
import { AppError } from '../../../shared/errors'
import type { Ctx, Session } from '../context'
import { SlidingWindowLimiter } from './rate-limit'
import type { RateLimitOptions } from './rate-limit'
import type { SecurityLog } from './security-log'

/** Roles that may reveal a record's numbers may also search by them (shared/domain/digit-search.ts). */
export function digitReach(session: Session): DigitReach {
  return session.permissions === 'all' || session.permissions.has('register.reveal') ? 'full' : 'masked'
}

/**
 * Digit searches a caller may make per account in any 10 minutes. A gate volunteer finds most
 * people by name or pinyin and types a phone's last 4 now and then; mapping the register by its
 * 10,000 possible tails at this pace would take more than two days.
 */
export const DIGIT_SEARCH_LIMIT: RateLimitOptions = { limit: 30, windowMs: 10 * 60_000 }
/** From this many in the window each digit search is a security event: one 操作日志 row per burst. */
export const DIGIT_SEARCH_BURST = 10

// One limiter per backend, kept beside its SecurityLog: no state in Ctx, none shared between backends (tests).
const limiters = new WeakMap<SecurityLog, SlidingWindowLimiter>()

function limiterOf(security: SecurityLog): SlidingWindowLimiter {
  let limiter = limiters.get(security)
  if (!limiter) {
    limiter = new SlidingWindowLimiter(DIGIT_SEARCH_LIMIT)
    limiters.set(security, limiter)
  }
  return limiter
}

/**
 * Paces the digit searches that can tell a caller something a masked view does not: every
 * digit search of a role that cannot reveal (only last-4 searches are accepted from it, but
 * enough of them map the register), and a revealing role's last-6 ID searches (digits 13-14
 * are the day of birth). Over the limit the search is refused; a burst is written to 操作日志.
 * Other queries, and refused shapes (the search itself says why), pass untouched.
 */
export function guardDigitSearch(ctx: Ctx, method: string, q: string | undefined): void {
  const reach = digitReach(ctx.session)
  const read = readDigitSearch(compactCode(normalizeText(q)).replace(/×/g, 'X'), reach)
  if (!read?.ok) return
  const kind = reach === 'masked' ? 'digits' : read.query.kind === 'idTail6' ? 'idtail6' : null
  if (kind === null) return
  const who = ctx.session.accountId === null ? ctx.session.actor : `account:${ctx.session.accountId}`
  const key = `${kind}:${who}`
  const limiter = limiterOf(ctx.security)
  const at = ctx.now().getTime()
  const decision = limiter.hit(key, at)
  const inWindow = limiter.count(key, at)
  const what = kind === 'digits' ? '按号码后4位查找居民' : '按身份证号后6位查找居民'
  if (!decision.allowed || inWindow >= DIGIT_SEARCH_BURST) {
    ctx.security.record({
      method,
      key,
      actor: ctx.session.actor,
      summary: `短时间内多次${what}`,
      detail: { refused: !decision.allowed, inWindow, windowMinutes: DIGIT_SEARCH_LIMIT.windowMs / 60_000 }
    })
  }
  if (!decision.allowed) {
    const minutes = Math.max(1, Math.ceil(decision.retryAfterMs / 60_000))
    throw new AppError('TOO_MANY_ATTEMPTS', `${what}过于频繁，请 ${minutes} 分钟后再试；也可以按姓名或拼音首字母查找。`, {
      retryAfterMs: decision.retryAfterMs,
      issues: [{ path: 'q', message: '按号码查找过于频繁' }]
    })
  }
}
