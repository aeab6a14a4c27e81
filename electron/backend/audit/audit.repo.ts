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

export function lastAuditHash(tx: Tx): string {
  return tx.get<{ hash: string }>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1')?.hash ?? ''
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
