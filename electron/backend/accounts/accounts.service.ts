import type { AccountView } from '../../../shared/contract/accounts'
import { isGridScoped, ROLE_LABELS } from '../../../shared/domain/roles'
import type { Role } from '../../../shared/domain/roles'
import { AppError } from '../../../shared/errors'
import type { Session } from '../context'
import type { Db } from '../kit/db'
import type { Store, Tx } from '../store/store'
import type { AccountRow } from './accounts.repo'
import { allAccountGrids, countActiveAdmins, existingGridIds, findAccountById, findAccountByUsername, gridIdsOf } from './accounts.repo'

export function toAccountView(row: AccountRow, gridIds: number[]): AccountView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    gridIds,
    active: row.active === 1,
    lastLoginAt: row.last_login_at,
    mustChangePassword: row.must_change_password === 1,
    createdAt: row.created_at
  }
}

export function accountViews(store: Store, rows: AccountRow[]): AccountView[] {
  const grids = allAccountGrids(store)
  return rows.map((row) => toAccountView(row, grids.get(row.id) ?? []))
}

export function accountView(db: Store | Tx, id: number): AccountView {
  const row = findAccountById(db, id)
  if (!row) throw new AppError('NOT_FOUND', '找不到这个账号，可能已被删除。', { id })
  return toAccountView(row, gridIdsOf(db, id))
}

export function requireAccount(db: Store | Tx, id: number): AccountRow {
  const row = findAccountById(db, id)
  if (!row) throw new AppError('NOT_FOUND', '找不到这个账号，可能已被删除。', { id })
  return row
}

export function assertUsernameFree(db: Store | Tx, username: string): void {
  if (findAccountByUsername(db, username)) {
    throw new AppError('CONFLICT', `用户名“${username}”已被使用，请换一个。`, { issues: [{ path: 'username', message: '用户名已被使用' }] })
  }
}

/** Grid workers need at least one existing grid; other roles see every grid and keep none. */
export function gridsForRole(db: Store | Tx, role: Role, gridIds: readonly number[]): number[] {
  if (!isGridScoped(role)) return []
  const unique = [...new Set(gridIds)]
  if (unique.length === 0) {
    throw new AppError('RULE_VIOLATION', '网格员账号需要至少分配一个网格。', { issues: [{ path: 'gridIds', message: '请选择网格' }] })
  }
  const found = new Set(existingGridIds(db, unique))
  const missing = unique.filter((id) => !found.has(id))
  if (missing.length > 0) {
    throw new AppError('NOT_FOUND', `找不到网格（编号 ${missing.join('、')}），可能已被撤销。`, {
      issues: [{ path: 'gridIds', message: '网格不存在' }]
    })
  }
  return unique.sort((a, b) => a - b)
}

/** The office must always keep one administrator who can log in. */
export function assertKeepsAnAdmin(db: Store | Tx, target: AccountRow, nextRole: Role, nextActive: boolean): void {
  const losesAdmin = target.role === 'admin' && target.active === 1 && (nextRole !== 'admin' || !nextActive)
  if (losesAdmin && countActiveAdmins(db) <= 1) {
    throw new AppError('RULE_VIOLATION', '这是最后一个可用的管理员账号，不能停用或改为其他角色。请先设置另一个管理员。')
  }
}

export function describeAccount(row: { username: string; display_name?: string; displayName?: string; role: Role }): string {
  return `${row.displayName ?? row.display_name ?? ''}（${row.username}，${ROLE_LABELS[row.role]}）`
}

/**
 * The name a person signs a form with (填报人 of a filled template or the daily report): the
 * account's 姓名, not the login name in the audit's '王主任（admin）'; the desk's own name before accounts.
 */
export function displayNameOf(db: Db, session: Session): string {
  const row = session.accountId === null ? undefined : findAccountById(db, session.accountId)
  return row?.display_name ?? session.actor
}
