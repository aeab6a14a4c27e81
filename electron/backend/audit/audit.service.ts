import { createHash } from 'node:crypto'
import type { Store, Tx } from '../store/store'
import { allAuditInOrder, insertAudit, lastAuditHash } from './audit.repo'
import type { AuditRow } from './audit.repo'

export interface AuditEntry {
  at: string
  actor: string
  method: string
  summary: string
  detail: unknown
  record: string | null
}

function hashOf(prevHash: string, entry: Omit<AuditRow, 'id' | 'prev_hash' | 'hash' | 'redacted_at'>): string {
  const fields: unknown[] = [prevHash, entry.at, entry.actor, entry.method, entry.summary, entry.detail]
  // Rows without a record reference hash exactly as before the column existed.
  if (entry.record !== null) fields.push(entry.record)
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex')
}

/** Appends one audit row chained to the previous one by hash. */
export function appendAudit(tx: Tx, entry: AuditEntry): number {
  const prev = lastAuditHash(tx)
  const row = {
    at: entry.at,
    actor: entry.actor,
    method: entry.method,
    summary: entry.summary.slice(0, 500),
    detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
    record: entry.record
  }
  return insertAudit(tx, { ...row, prev_hash: prev, hash: hashOf(prev, row) })
}

/**
 * The audit rows a 数据保留 purge blanked (their summary named a person whose epidemic records went),
 * as listed by the purges' own rows, which are hashed: a row blanked by anyone else is not listed.
 */
function listedRedactions(rows: AuditRow[]): Map<number, number> {
  const listedBy = new Map<number, number>()
  for (const row of rows) {
    if (row.method !== 'retention.purge' && row.method !== 'retention.end') continue
    const detail = JSON.parse(row.detail ?? '{}') as { redactedAuditIds?: [number, number][] }
    for (const [first, last] of detail.redactedAuditIds ?? []) for (let id = first; id <= last; id++) listedBy.set(id, row.id)
  }
  return listedBy
}

/**
 * Walks the chain; returns the id of the first row whose hash does not match, or null. A row a
 * purge blanked cannot be rehashed: it must still link to its neighbours and be listed by a later purge.
 */
export function verifyAuditChain(store: Store): { ok: true; rows: number } | { ok: false; rows: number; brokenAt: number } {
  let prev = ''
  const rows = allAuditInOrder(store)
  const redactions = rows.some((row) => row.redacted_at) ? listedRedactions(rows) : new Map<number, number>()
  for (const row of rows) {
    const intact = row.redacted_at ? (redactions.get(row.id) ?? 0) > row.id : row.hash === hashOf(prev, row)
    if (row.prev_hash !== prev || !intact) return { ok: false, rows: rows.length, brokenAt: row.id }
    prev = row.hash
  }
  return { ok: true, rows: rows.length }
}
