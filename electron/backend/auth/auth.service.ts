import type { SessionView } from '../../../shared/contract/auth'
import { isGridScoped } from '../../../shared/domain/roles'
import { ROLE_PERMISSIONS } from '../../../shared/modules'
import { AppError } from '../../../shared/errors'
import type { AccountRow } from '../accounts/accounts.repo'
import { findAccountById, gridIdsOf } from '../accounts/accounts.repo'
import type { Session } from '../context'
import { loadSettings } from '../settings/settings.service'
import type { Store, Tx } from '../store/store'
import type { SessionManager } from './sessions'

export function sessionOf(row: AccountRow, gridIds: number[]): Session {
  return {
    accountId: row.id,
    actor: actorOf(row),
    permissions: new Set(ROLE_PERMISSIONS[row.role]),
    gridScope: isGridScoped(row.role) ? gridIds : 'all',
    mustChangePassword: row.must_change_password === 1
  }
}

export function sessionView(store: Store | Tx, row: AccountRow): SessionView {
  return {
    accountId: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    permissions: [...ROLE_PERMISSIONS[row.role]],
    gridIds: gridIdsOf(store, row.id),
    idleLockMinutes: loadSettings(store as Store).idleLockMinutes,
    mustChangePassword: row.must_change_password === 1
  }
}

/**
 * Token -> Session for every call. The account is read afresh each time, so a disabled
 * account or a changed role takes effect at once, not at the next login.
 */
export function createSessionResolver(store: Store, sessions: SessionManager, now: () => Date) {
  return (token: string | null, deviceId: number | null = null): Session => {
    const idleMs = loadSettings(store).idleLockMinutes * 60_000
    const resolved = sessions.resolve(token, now(), idleMs, deviceId)
    if (resolved === null) throw new AppError('UNAUTHORIZED', '请先登录。')
    if ('expired' in resolved) throw new AppError('SESSION_EXPIRED', '长时间没有操作，已自动锁定，请重新登录。')
    const row = findAccountById(store, resolved.accountId)
    if (!row || row.active !== 1) {
      sessions.revoke(token)
      throw new AppError('UNAUTHORIZED', '该账号已停用，请联系管理员。')
    }
    return sessionOf(row, gridIdsOf(store, row.id))
  }
}

/**
 * What a typed user name is paced and counted by: the name as typed, folded the way the
 * accounts table compares names (COLLATE NOCASE), whether or not such an account exists, so
 * an unknown name is paced exactly like a real one and pacing tells nothing about which exist.
 */
export function nameKey(username: string): string {
  return username.trim().replace(/[A-Z]/g, (c) => c.toLowerCase())
}

/** How an account is named in the audit trail. */
export function actorOf(row: AccountRow): string {
  return `${row.display_name}（${row.username}）`
}
