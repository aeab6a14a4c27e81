import { AppError } from '../../../shared/errors'
import type { AccountRow } from '../accounts/accounts.repo'
import { findAccountById, findAccountByUsername } from '../accounts/accounts.repo'
import type { Ctx } from '../context'
import { actorOf, nameKey } from './auth.service'
import type { DeviceClaim } from './device-token'
import { readDeviceToken } from './device-token'
import { checkSecret } from '../security/password-hash'

/** The one answer to a wrong password and to an unknown user name alike. */
export const WRONG_LOGIN = '用户名或密码不正确。'
export const WRONG_RECOVERY = '用户名或恢复码不正确。'

export interface NamedCheck {
  /** 'auth.login' or 'auth.recover': the audit method and the key prefix. */
  method: 'auth.login' | 'auth.recover'
  username: string
  secret: string
  deviceToken: string | undefined
  /** The stored hash the secret is checked against; null checks against a dummy (same cost). */
  storedOf: (row: AccountRow | undefined) => string | null
  /** Audit line of a failed check, for a known account and for an unknown name. */
  failed: { known: string; unknown: string }
}

export interface Passed {
  row: AccountRow
  /** The device the caller's token names, when it was valid for this account. */
  device: DeviceClaim | null
  /** The stored hash that matched, to check nothing changed it before the write. */
  matched: string
}

/**
 * A paced check of a secret typed with a user name (README: 登录). Keyed by the typed name, so an
 * unknown name is hashed and paced exactly like a real one; a valid device token for the account
 * moves the check to a key of that device and the trusted lane, out of reach of a flood on the
 * name. Returns null for a wrong secret or an unknown name (after its turn, audited per burst).
 */
export async function checkNamed(ctx: Ctx, check: NamedCheck): Promise<Passed | null> {
  const name = nameKey(check.username)
  const named = findAccountByUsername(ctx.store, check.username)
  const claim = readDeviceToken(ctx.store, check.deviceToken, ctx.now())
  const device = named && claim && claim.accountId === named.id ? claim : null
  const prefix = check.method === 'auth.login' ? 'login' : 'recover'
  const key = device ? `${prefix}-device:${device.accountId}:${device.deviceId}` : `${prefix}:${name}`
  const shown = check.username.trim().slice(0, 32)
  let outcome: { row: AccountRow | undefined; stored: string | null; ok: boolean }
  try {
    outcome = await ctx.guard.check(
      key,
      device ? 'trusted' : check.method === 'auth.recover' ? 'recovery' : 'open',
      async () => {
        // Read after the wait: a reset or a disable while waiting counts.
        const row = findAccountByUsername(ctx.store, check.username)
        const stored = check.storedOf(row)
        return { row, stored, ok: (await checkSecret(check.secret, stored)) && row !== undefined }
      },
      (result) => result.ok
    )
  } catch (error) {
    if (error instanceof AppError && error.code === 'TOO_MANY_ATTEMPTS') {
      ctx.security.record({
        method: check.method,
        key: `${prefix}-refused:${name}`,
        actor: named ? actorOf(named) : shown,
        summary: '尝试过于频繁，未核对即拒绝',
        record: named ? `account:${named.id}` : null,
        detail: { username: shown }
      })
    }
    throw error
  }
  const { row, stored, ok } = outcome
  if (!ok || !row || stored === null) {
    ctx.security.record({
      method: check.method,
      key: `${prefix}:${name}`,
      actor: row ? actorOf(row) : shown,
      summary: row ? check.failed.known : check.failed.unknown,
      record: row ? `account:${row.id}` : null,
      detail: { username: shown, device: device !== null }
    })
    return null
  }
  return { row, device, matched: stored }
}

/**
 * A paced check of the logged-in person's own password (changing it, a new recovery code):
 * one key per account, in the trusted lane (a session is needed to get here at all).
 */
export async function checkOwnPassword(ctx: Ctx, method: string, password: string): Promise<AccountRow> {
  const row = ctx.session.accountId === null ? undefined : findAccountById(ctx.store, ctx.session.accountId)
  if (!row) throw new AppError('UNAUTHORIZED', '请先登录。')
  const ok = await ctx.guard.check(
    `password:${row.id}`,
    'trusted',
    async () => {
      const fresh = findAccountById(ctx.store, row.id)
      return fresh !== undefined && fresh.password_hash === row.password_hash && (await checkSecret(password, fresh.password_hash))
    },
    (result) => result
  )
  if (!ok) {
    ctx.security.record({
      method,
      key: `password:${row.id}`,
      actor: actorOf(row),
      summary: `${method === 'auth.changePassword' ? '修改密码' : '生成恢复码'}失败：当前密码不正确`,
      record: `account:${row.id}`
    })
    throw new AppError('RULE_VIOLATION', '当前密码不正确。', { issues: [{ path: 'currentPassword', message: '当前密码不正确' }] })
  }
  return row
}

/** Inside ctx.serial: the account as checked, unless a reset or a disable landed meanwhile. */
export function unchangedSince(ctx: Ctx, passed: { row: AccountRow }, hashOf: (row: AccountRow) => string | null, matched: string): AccountRow | null {
  const fresh = findAccountById(ctx.store, passed.row.id)
  return fresh && hashOf(fresh) === matched ? fresh : null
}
