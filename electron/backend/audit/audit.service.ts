import { createHash, createHmac, randomBytes } from 'node:crypto'
import type { AuditVerifyResult } from '../../../shared/contract/audit'
import type { Db } from '../kit/db'
import type { Store, Tx } from '../store/store'
import type { AuditAnchorRecord } from '../keys/key-file'
import { allAuditInOrder, insertAudit, insertChainKeyValue, lastAudit, readChainKeyValue } from './audit.repo'
import type { AuditRow } from './audit.repo'

export interface AuditEntry {
  at: string
  actor: string
  method: string
  summary: string
  detail: unknown
  record: string | null
}

/**
 * The chain's key (issue 20): rows from `fromId` on are hashed with HMAC-SHA-256 under a random key
 * kept inside the (encrypted) data, so whoever rewrites a row cannot rehash the rows after it;
 * rows written before the key existed keep their plain SHA-256.
 */
export interface ChainKey {
  key: Buffer
  fromId: number
}

export function readChainKey(db: Db): ChainKey | null {
  const value = readChainKeyValue(db)
  if (value === null) return null
  const parsed = JSON.parse(value) as { key: string; fromId: number }
  return { key: Buffer.from(parsed.key, 'base64'), fromId: parsed.fromId }
}

function chainKeyFor(tx: Tx, nextId: number, at: string): ChainKey {
  const existing = readChainKey(tx)
  if (existing) return existing
  const created = { key: randomBytes(32), fromId: nextId }
  insertChainKeyValue(tx, JSON.stringify({ key: created.key.toString('base64'), fromId: created.fromId }), at)
  return created
}

type Hashed = Omit<AuditRow, 'id' | 'prev_hash' | 'hash' | 'redacted_at'>

function hashOf(prevHash: string, entry: Hashed, key: Buffer | null): string {
  const fields: unknown[] = [prevHash, entry.at, entry.actor, entry.method, entry.summary, entry.detail]
  // Rows without a record reference hash exactly as before the column existed.
  if (entry.record !== null) fields.push(entry.record)
  const text = JSON.stringify(fields)
  return key ? createHmac('sha256', key).update(text).digest('hex') : createHash('sha256').update(text).digest('hex')
}

/** Appends one audit row chained to the previous one by its keyed hash. */
export function appendAudit(tx: Tx, entry: AuditEntry): number {
  const prev = lastAudit(tx)
  const chain = chainKeyFor(tx, prev.id + 1, entry.at)
  const row = {
    at: entry.at,
    actor: entry.actor,
    method: entry.method,
    summary: entry.summary.slice(0, 500),
    detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
    record: entry.record
  }
  return insertAudit(tx, { ...row, prev_hash: prev.hash, hash: hashOf(prev.hash, row, chain.key) })
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
 * Walks the chain; answers the first row whose hash does not match. A row a purge blanked cannot
 * be rehashed: it must still link to its neighbours and be listed by a later purge. With an anchor
 * (the newest row as of the last snapshot, kept in the key file), that row must still be there
 * with the same hash and the key must start where it says: removing the newest rows, or rewriting
 * the log and rehashing it without the key, shows.
 */
export function verifyAuditChain(store: Store, anchor: AuditAnchorRecord | null = null): AuditVerifyResult {
  let prev = ''
  const rows = allAuditInOrder(store)
  const chain = readChainKey(store)
  const broken = (brokenAt: number, reason: 'changed' | 'truncated'): AuditVerifyResult => ({ ok: false, rows: rows.length, brokenAt, reason })
  if (anchor && chain?.fromId !== anchor.keyedFrom) return broken(anchor.keyedFrom, 'changed')
  const redactions = rows.some((row) => row.redacted_at) ? listedRedactions(rows) : new Map<number, number>()
  let anchorSeen = false
  for (const row of rows) {
    const key = chain && row.id >= chain.fromId ? chain.key : null
    const intact = row.redacted_at ? (redactions.get(row.id) ?? 0) > row.id : row.hash === hashOf(prev, row, key)
    if (row.prev_hash !== prev || !intact) return broken(row.id, 'changed')
    if (anchor && row.id === anchor.id) {
      if (row.hash !== anchor.hash) return broken(row.id, 'changed')
      anchorSeen = true
    }
    prev = row.hash
  }
  if (anchor && !anchorSeen && anchor.id > 0) return broken(anchor.id, 'truncated')
  return { ok: true, rows: rows.length, anchored: anchor !== null }
}

/** The anchor for the trail as it stands (null before the first keyed row). */
export function anchorOf(db: Db, at: string): AuditAnchorRecord | null {
  const chain = readChainKey(db)
  if (!chain) return null
  const newest = lastAudit(db)
  return { id: newest.id, hash: newest.hash, keyedFrom: chain.fromId, at }
}
