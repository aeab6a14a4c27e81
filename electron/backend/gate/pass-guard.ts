import { AppError } from '../../../shared/errors'
import { findPassByNumber } from '../checkpoints/checkpoints.repo'
import type { PassRecord } from '../checkpoints/checkpoints.repo'
import type { Ctx } from '../context'
import { SlidingWindowLimiter } from '../security/rate-limit'
import type { SecurityLog } from '../security/security-log'

/**
 * Pass numbers are short and issued in sequence (0001, 0002 ...), so a gate account could walk
 * through them. What a check answers is already only the building and the rule; on top of that,
 * unknown numbers are what guessing produces and a volunteer's typo rarely does: ten of them
 * within ten minutes, per account, and the account's pass checks wait until the oldest leaves
 * the window. A refused check answers the same for a real number and an unknown one, so the
 * wait cannot be used to tell them apart.
 */
export const PASS_GUESS_LIMIT = { limit: 10, windowMs: 10 * 60_000 }

// One limiter per running backend: the SecurityLog is created once per backend, like the store.
const limiters = new WeakMap<SecurityLog, SlidingWindowLimiter>()

function limiterOf(security: SecurityLog): SlidingWindowLimiter {
  let limiter = limiters.get(security)
  if (!limiter) {
    limiter = new SlidingWindowLimiter({ ...PASS_GUESS_LIMIT, maxKeys: 1_000 })
    limiters.set(security, limiter)
  }
  return limiter
}

/** The pass with this number, for a check or an entry at the gate; unknown numbers are counted, audited and throttled. */
export function findPassAtGate(ctx: Ctx, typed: string): PassRecord {
  const number = typed.trim()
  const who = ctx.session.accountId === null ? `actor:${ctx.session.actor}` : `account:${ctx.session.accountId}`
  const key = `gate-pass:${who}`
  const nowMs = ctx.now().getTime()
  const limiter = limiterOf(ctx.security)
  const state = limiter.peek(key, nowMs)
  if (!state.allowed) {
    ctx.security.record({
      method: 'gate.checkPass',
      key: `gate-pass-held:${who}`,
      actor: ctx.session.actor,
      summary: '查验出入证：不存在的证号输入过多，已暂停该账号查验',
      detail: { number }
    })
    const minutes = Math.max(1, Math.ceil(state.retryAfterMs / 60_000))
    throw new AppError('TOO_MANY_ATTEMPTS', `输入不存在的出入证号次数过多，请 ${minutes} 分钟后再查验。如有疑问请联系社区工作人员。`, {
      retryAfterMs: state.retryAfterMs,
      issues: [{ path: 'passNumber', message: '查验过于频繁，请稍后再试' }]
    })
  }
  const pass = findPassByNumber(ctx.store, number)
  if (pass) return pass
  limiter.hit(key, nowMs)
  ctx.security.record({ method: 'gate.checkPass', key, actor: ctx.session.actor, summary: '查验出入证：输入的证号不存在', detail: { number } })
  throw new AppError('NOT_FOUND', `没有编号为 ${number} 的出入证，请核对。`, { issues: [{ path: 'passNumber', message: '出入证号不存在' }] })
}
