import type { Db } from '../kit/db'
import type { Row, Store, Tx } from '../store/store'

export interface AuditRow {
  id: number
  at: string
  actor: string
  method: string
  summary: string
  detail: string | null
  record: string | null
  prev_hash: string
  hash: string
  /** Set when a 数据保留 purge blanked the summary and detail (migration 0020). */
  redacted_at?: string | null
}

/** The newest row's id and hash (id 0 and '' when the trail is empty). */
export function lastAudit(tx: Db): { id: number; hash: string } {
  return tx.get<{ id: number; hash: string }>('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1') ?? { id: 0, hash: '' }
}

/**
 * The audit chain's HMAC key lives in the settings table under a key settings.get never returns
 * (like backup.key): inside the data, so it is encrypted with it.
 */
const CHAIN_KEY = 'audit.chainKey'

export function readChainKeyValue(db: Db): string | null {
  return db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [CHAIN_KEY])?.value ?? null
}

export function insertChainKeyValue(tx: Tx, value: string, at: string): void {
  tx.run('INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)', [CHAIN_KEY, value, at, '系统'])
}

export function insertAudit(tx: Tx, row: Omit<AuditRow, 'id'>): number {
  return tx.run('INSERT INTO audit_log (at, actor, method, summary, detail, record, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
    row.at,
    row.actor,
    row.method,
    row.summary,
    row.detail,
    row.record,
    row.prev_hash,
    row.hash
  ]).lastInsertRowid
}

export function recentAudit(store: Store, limit: number): AuditRow[] {
  return store.all<AuditRow & Row>('SELECT id, at, actor, method, summary, detail, record, prev_hash, hash FROM audit_log ORDER BY id DESC LIMIT ?', [limit])
}

export function allAuditInOrder(store: Store): AuditRow[] {
  return store.all<AuditRow & Row>('SELECT id, at, actor, method, summary, detail, record, prev_hash, hash, redacted_at FROM audit_log ORDER BY id')
}

export interface AuditQuery {
  actor?: string
  action?: string
  fromIso?: string
  toIso?: string
  text?: string
}

function where(query: AuditQuery): { sql: string; params: string[] } {
  const clauses: string[] = []
  const params: string[] = []
  if (query.actor) {
    clauses.push("actor LIKE ? ESCAPE '\\'")
    params.push(`%${escapeLike(query.actor)}%`)
  }
  if (query.action) {
    // 'auth.' matches every auth method; 'auth.login' only that one.
    if (query.action.endsWith('.')) {
      clauses.push('method >= ? AND method < ?')
      params.push(query.action, `${query.action.slice(0, -1)}/`)
    } else {
      clauses.push('method = ?')
      params.push(query.action)
    }
  }
  if (query.fromIso) {
    clauses.push('at >= ?')
    params.push(query.fromIso)
  }
  if (query.toIso) {
    clauses.push('at < ?')
    params.push(query.toIso)
  }
  if (query.text) {
    clauses.push("(summary LIKE ? ESCAPE '\\' OR record = ?)")
    params.push(`%${escapeLike(query.text)}%`, query.text)
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`)
}

export function countAudit(store: Store, query: AuditQuery): number {
  const { sql, params } = where(query)
  return Number(store.get<{ n: number } & Row>(`SELECT COUNT(*) AS n FROM audit_log ${sql}`, params)?.n ?? 0)
}

export function pageAudit(store: Pick<Store, 'all'>, query: AuditQuery, limit: number, offset: number): AuditRow[] {
  const { sql, params } = where(query)
  return store.all<AuditRow & Row>(
    `SELECT id, at, actor, method, summary, detail, record, prev_hash, hash FROM audit_log ${sql} ORDER BY id DESC LIMIT ? OFFSET ?`,
    [...params, limit, offset]
  )
}

/** The hash of one row, or null when it is gone. */
export function auditHashAt(db: Db, id: number): string | null {
  return db.get<{ hash: string }>('SELECT hash FROM audit_log WHERE id = ?', [id])?.hash ?? null
}
