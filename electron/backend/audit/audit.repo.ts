import type { Row, Store, Tx } from '../store/store'

export interface AuditRow {
  id: number
  at: string
  actor: string
  method: string
  summary: string
  detail: string | null
  prev_hash: string
  hash: string
}

export function lastAuditHash(tx: Tx): string {
  return tx.get<{ hash: string }>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1')?.hash ?? ''
}

export function insertAudit(tx: Tx, row: Omit<AuditRow, 'id'>): number {
  return tx.run(
    'INSERT INTO audit_log (at, actor, method, summary, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [row.at, row.actor, row.method, row.summary, row.detail, row.prev_hash, row.hash]
  ).lastInsertRowid
}

export function recentAudit(store: Store, limit: number): AuditRow[] {
  return store.all<AuditRow & Row>(
    'SELECT id, at, actor, method, summary, detail, prev_hash, hash FROM audit_log ORDER BY id DESC LIMIT ?',
    [limit]
  )
}

export function allAuditInOrder(store: Store): AuditRow[] {
  return store.all<AuditRow & Row>(
    'SELECT id, at, actor, method, summary, detail, prev_hash, hash FROM audit_log ORDER BY id'
  )
}
