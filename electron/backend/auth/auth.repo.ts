import type { Row, Store, Tx } from '../store/store'

type Reader = Pick<Store, 'get'> | Tx

/** A server-side secret by name (base64), or undefined before it is first made. */
export function readAuthKey(db: Reader, name: string): string | undefined {
  return db.get<{ value: string } & Row>('SELECT value FROM auth_keys WHERE name = ?', [name])?.value
}

export function insertAuthKey(tx: Tx, name: string, value: string, at: string): void {
  tx.run('INSERT OR IGNORE INTO auth_keys (name, value, created_at) VALUES (?, ?, ?)', [name, value, at])
}
