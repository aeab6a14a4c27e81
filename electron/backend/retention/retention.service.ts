import type { PurgeRecord, RetentionPreview, RetentionState } from '../../../shared/contract/retention'
import { localIsoDate } from '../../../shared/domain/dates'
import { DEFAULT_RETENTION_PERIODS, PURGE_KINDS, PURGE_KIND_LABELS, periodsFrom, purgeCountsText, retentionCutoffs } from '../../../shared/domain/retention'
import type { PurgeKind, RetentionPeriods } from '../../../shared/domain/retention'
import { AppError } from '../../../shared/errors'
import { findAccountById, listAccountRows } from '../accounts/accounts.repo'
import { readCommunityName } from '../backup/backup.repo'
import { loadBackupState } from '../backup/backup.service'
import type { Ctx } from '../context'
import type { Db } from '../kit/db'
import { verifyPassword } from '../security/password-hash'
import type { Store, Tx } from '../store/store'
import { countGoing, deleteGoing, purgeById, readSetting, recentPurges, redactAudit, writeSetting } from './retention.repo'
import type { PurgeAuditRow, PurgeScope } from './retention.repo'

const PERIODS_KEY = 'retention.periods'
/** Set by a purge's transaction, cleared once the file is compacted: a crash in between finishes at the next start. */
const COMPACT_PENDING_KEY = 'retention.compactPending'
const HISTORY_SHOWN = 20

export function loadPeriods(db: Db): RetentionPeriods {
  return periodsFrom(readSetting(db, PERIODS_KEY))
}

export function savePeriods(tx: Tx, periods: RetentionPeriods, at: string, by: string): void {
  writeSetting(tx, PERIODS_KEY, periods, at, by)
}

export function scopeFor(db: Db, now: Date, everything: boolean): PurgeScope {
  return { cutoffs: retentionCutoffs(localIsoDate(now), loadPeriods(db)), everything }
}

export function describePeriods(periods: RetentionPeriods): string {
  return `来访 ${periods.visitorEntries} 天，居民出入 ${periods.residentEntries} 天，卡口发热 ${periods.gateFevers} 天，观察结束后 ${periods.episodes} 天，返程 ${periods.trips} 天`
}

export function previewOf(db: Db, now: Date): RetentionPreview {
  const scope = scopeFor(db, now, false)
  const going = countGoing(db, scope)
  const rows = PURGE_KINDS.map((kind) => ({
    kind,
    label: PURGE_KIND_LABELS[kind],
    count: going[kind].n,
    oldest: going[kind].oldest,
    newest: going[kind].newest
  }))
  return { today: localIsoDate(now), cutoffs: scope.cutoffs, rows, total: rows.reduce((sum, row) => sum + row.count, 0) }
}

/** What the audit row of a purge keeps: counts, never a name or an ID number. */
interface PurgeDetail {
  kind: 'purge' | 'end'
  community: string
  reason: string
  periods: RetentionPeriods | null
  counts: Record<PurgeKind, number>
  archiveFile: string | null
  /** Audit rows whose summary was blanked, as [first, last] id ranges (the chain check reads them). */
  redactedAuditIds: [number, number][]
}

function ranges(ids: number[]): [number, number][] {
  const out: [number, number][] = []
  for (const id of ids) {
    const last = out[out.length - 1]
    if (last && id === last[1] + 1) last[1] = id
    else out.push([id, id])
  }
  return out
}

export function recordOf(row: PurgeAuditRow): PurgeRecord {
  const detail = JSON.parse(row.detail ?? '{}') as Partial<PurgeDetail>
  const counts = PURGE_KINDS.map((kind) => ({ kind, label: PURGE_KIND_LABELS[kind], count: Number(detail.counts?.[kind] ?? 0) }))
  return {
    auditId: row.id,
    kind: detail.kind ?? (row.method === 'retention.end' ? 'end' : 'purge'),
    at: row.at,
    actor: row.actor,
    community: detail.community ?? '',
    reason: detail.reason ?? '',
    periods: detail.periods ?? null,
    counts,
    total: counts.reduce((sum, c) => sum + c.count, 0),
    archiveFile: detail.archiveFile ?? null
  }
}

export function certificateOf(db: Db, auditId: number): PurgeRecord {
  const row = purgeById(db, auditId)
  if (!row) throw new AppError('NOT_FOUND', '找不到这条清理记录。')
  return recordOf(row)
}

export function stateOf(store: Store): RetentionState {
  const backup = loadBackupState(store)
  return {
    periods: loadPeriods(store),
    defaults: DEFAULT_RETENTION_PERIODS,
    backupReady: backup.folder !== '' && backup.key !== null,
    history: recentPurges(store, HISTORY_SHOWN).map(recordOf)
  }
}

/** The administrator confirms with their own login password (any active administrator for in-process callers). */
export function assertAdminPassword(ctx: Ctx, password: string): void {
  const accountId = ctx.session.accountId
  const candidates =
    accountId === null ? listAccountRows(ctx.store).filter((a) => a.role === 'admin' && a.active === 1) : [findAccountById(ctx.store, accountId)]
  if (!candidates.some((account) => account && verifyPassword(password, account.password_hash))) {
    throw new AppError('RULE_VIOLATION', '管理员密码不对，没有清理。', { issues: [{ path: 'adminPassword', message: '管理员密码不对' }] })
  }
}

/**
 * Deletes what goes in one transaction with its audit row (the 清理记录), zeroing freed pages,
 * then compacts the file and empties the journal so the values leave the disk.
 */
export function purge(ctx: Ctx, options: { reason: string; everything: boolean; archiveFile: string | null }): PurgeRecord {
  const scope = scopeFor(ctx.store, ctx.now(), options.everything)
  const periods = options.everything ? null : loadPeriods(ctx.store)
  const at = ctx.now().toISOString()
  const community = readCommunityName(ctx.store)
  const what = options.everything ? '防控结束，清理全部防疫个人信息' : '到期清理'
  ctx.store.withSecureDelete(() =>
    ctx.write(
      {
        summary: (d: PurgeDetail) => `${what}：${purgeCountsText(d.counts)}；原因：${options.reason}`,
        detail: (d: PurgeDetail) => d,
        record: 'retention'
      },
      (tx): PurgeDetail => {
        const redacted = redactAudit(tx, scope, at)
        const counts = deleteGoing(tx, scope)
        writeSetting(tx, COMPACT_PENDING_KEY, true, at, ctx.session.actor)
        return {
          kind: options.everything ? 'end' : 'purge',
          community,
          reason: options.reason,
          periods,
          counts,
          archiveFile: options.archiveFile,
          redactedAuditIds: ranges(redacted)
        }
      }
    )
  )
  finishCompaction(ctx.store, at, ctx.session.actor)
  const [latest] = recentPurges(ctx.store, 1)
  if (!latest) throw new AppError('INTERNAL', '清理后读取清理记录失败。')
  return recordOf(latest)
}

/** VACUUM + snapshot, then the flag is cleared (bookkeeping only, no audit row of its own). */
function finishCompaction(store: Store, at: string, by: string): void {
  store.compact()
  store.transaction((tx) => writeSetting(tx, COMPACT_PENDING_KEY, false, at, by))
}

/** At start: a purge whose compaction a crash interrupted is finished before anyone logs in. */
export function finishInterruptedPurge(store: Store, now: Date): boolean {
  if (readSetting(store, COMPACT_PENDING_KEY) !== true) return false
  finishCompaction(store, now.toISOString(), 'system')
  return true
}
