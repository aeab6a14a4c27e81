import { readAuditAnchorRecord, writeAuditAnchorRecord } from '../keys/key-file'
import type { AuditAnchorRecord } from '../keys/key-file'
import type { Store } from '../store/store'
import { auditHashAt } from './audit.repo'
import { anchorOf, verifyAuditChain } from './audit.service'

const same = (a: AuditAnchorRecord, b: AuditAnchorRecord) => a.id === b.id && a.hash === b.hash && a.keyedFrom === b.keyedFrom

/**
 * Moves the anchor in the key file to the newest audit row. Only forward: the anchored row must
 * still be there with its hash, so a trail cut short or rewritten while the program was stopped is
 * not blessed by the next save; audit.verify keeps reporting it. `force` is for a restore, which
 * replaces the whole trail with the backup's on purpose (and audits that it did).
 */
export function anchorAudit(store: Store, at: string, options: { force?: boolean } = {}): void {
  const next = anchorOf(store, at)
  if (!next) return
  const current = readAuditAnchorRecord(store.dataDir)
  if (current && same(current, next)) return
  if (current && !options.force) {
    const extends_ = current.keyedFrom === next.keyedFrom && auditHashAt(store, current.id) === current.hash
    if (!extends_) return
  }
  writeAuditAnchorRecord(store.dataDir, next)
}

/** After every snapshot the anchor follows the saved trail; after a restore, to the backup's trail. */
export function keepAuditAnchored(store: Store, now: () => Date): () => void {
  return store.onSnapshot((reason) => anchorAudit(store, now().toISOString(), { force: reason === 'replaced' }))
}

/** audit.verify: the chain, checked against the anchor kept in the key file when there is one. */
export function verifyAnchoredAuditChain(store: Store) {
  return verifyAuditChain(store, readAuditAnchorRecord(store.dataDir))
}
