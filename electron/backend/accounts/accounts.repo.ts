import type { Role } from '../../../shared/domain/roles'
import type { Row, Store, Tx } from '../store/store'

export interface AccountRow {
  id: number
  username: string
  display_name: string
  role: Role
  password_hash: string
  active: number
  must_change_password: number
  recovery_hash: string | null
  last_login_at: string | null
  created_at: string
}

const COLUMNS = 'id, username, display_name, role, password_hash, active, must_change_password, recovery_hash, last_login_at, created_at'

type Reader = Pick<Store, 'all' | 'get'> | Tx

export function findAccountById(db: Reader, id: number): AccountRow | undefined {
  return db.get<AccountRow & Row>(`SELECT ${COLUMNS} FROM accounts WHERE id = ?`, [id])
}

export function findAccountByUsername(db: Reader, username: string): AccountRow | undefined {
  return db.get<AccountRow & Row>(`SELECT ${COLUMNS} FROM accounts WHERE username = ? COLLATE NOCASE`, [username])
}

export function listAccountRows(db: Reader): AccountRow[] {
  return db.all<AccountRow & Row>(`SELECT ${COLUMNS} FROM accounts ORDER BY active DESC, role, username`)
}

export function countAccounts(db: Reader): number {
  return Number(db.get<{ n: number } & Row>('SELECT COUNT(*) AS n FROM accounts')?.n ?? 0)
}

export function countActiveAdmins(db: Reader): number {
  return Number(db.get<{ n: number } & Row>("SELECT COUNT(*) AS n FROM accounts WHERE role = 'admin' AND active = 1")?.n ?? 0)
}

export function gridIdsOf(db: Reader, accountId: number): number[] {
  return db.all<{ grid_id: number } & Row>('SELECT grid_id FROM account_grids WHERE account_id = ? ORDER BY grid_id', [accountId]).map((row) => row.grid_id)
}

export function allAccountGrids(db: Reader): Map<number, number[]> {
  const map = new Map<number, number[]>()
  for (const row of db.all<{ account_id: number; grid_id: number } & Row>('SELECT account_id, grid_id FROM account_grids ORDER BY grid_id')) {
    map.set(row.account_id, [...(map.get(row.account_id) ?? []), row.grid_id])
  }
  return map
}

/** Ids among `ids` that name an existing, not retired grid. */
export function existingGridIds(db: Reader, ids: readonly number[]): number[] {
  if (ids.length === 0) return []
  const marks = ids.map(() => '?').join(', ')
  return db.all<{ id: number } & Row>(`SELECT id FROM grids WHERE id IN (${marks}) AND retired_at IS NULL`, [...ids]).map((row) => row.id)
}

export function insertAccount(
  tx: Tx,
  row: { username: string; displayName: string; role: Role; passwordHash: string; mustChangePassword: boolean; at: string }
): number {
  return tx.run(
    `INSERT INTO accounts (username, display_name, role, password_hash, active, must_change_password, created_at, updated_at)
     VALUES (?, ?, ?, ?, 1, ?, ?, ?)`,
    [row.username, row.displayName, row.role, row.passwordHash, row.mustChangePassword ? 1 : 0, row.at, row.at]
  ).lastInsertRowid
}

export function updateAccountProfile(tx: Tx, id: number, displayName: string, role: Role, at: string): void {
  tx.run('UPDATE accounts SET display_name = ?, role = ?, updated_at = ? WHERE id = ?', [displayName, role, at, id])
}

export function replaceAccountGrids(tx: Tx, accountId: number, gridIds: readonly number[]): void {
  tx.run('DELETE FROM account_grids WHERE account_id = ?', [accountId])
  for (const gridId of gridIds) tx.run('INSERT INTO account_grids (account_id, grid_id) VALUES (?, ?)', [accountId, gridId])
}

export function setAccountActive(tx: Tx, id: number, active: boolean, at: string): void {
  tx.run('UPDATE accounts SET active = ?, updated_at = ? WHERE id = ?', [active ? 1 : 0, at, id])
}

/** mustChange: set by the administrator's reset, cleared when the person sets their own. */
export function setPasswordHash(tx: Tx, id: number, hash: string, mustChange: boolean, at: string): void {
  tx.run('UPDATE accounts SET password_hash = ?, must_change_password = ?, updated_at = ? WHERE id = ?', [hash, mustChange ? 1 : 0, at, id])
}

export function setRecoveryHash(tx: Tx, id: number, hash: string, at: string): void {
  tx.run('UPDATE accounts SET recovery_hash = ?, updated_at = ? WHERE id = ?', [hash, at, id])
}

export function recordLogin(tx: Tx, id: number, at: string): void {
  tx.run('UPDATE accounts SET last_login_at = ? WHERE id = ?', [at, id])
}
