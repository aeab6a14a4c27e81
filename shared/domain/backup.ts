/**
 * Backups (数据备份): file names, how old is too old, and which backups the retention policy keeps.
 * Pure rules, shared by the backend (which deletes) and the page (which shows what will be kept).
 */

export interface RetentionPolicy {
  /** The newest backup of each of the last N days that have backups. */
  daily: number
  /** The newest backup of each of the last N weeks (Monday to Sunday). */
  weekly: number
  /** The newest backup of each of the last N months. */
  monthly: number
}

export const DEFAULT_RETENTION: RetentionPolicy = { daily: 7, weekly: 4, monthly: 12 }

/** A backup older than this is shown in red on the home page. */
export const STALE_AFTER_MS = 2 * 24 * 60 * 60 * 1000

export const BACKUP_EXTENSION = '.swbak'
/** 'archive': the 防控结束 archive the street office requires, written before everything epidemic is purged. */
export type BackupKind = 'auto' | 'manual' | 'safety' | 'archive'
const PREFIX: Record<BackupKind, string> = { auto: '守望备份', manual: '守望备份', safety: '守望恢复前备份', archive: '守望防控结束归档' }

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** Local wall-clock stamp, the office's time: 20261205-083015. */
export function backupStamp(at: Date): string {
  return `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`
}

/** A name safe on Windows: the community's name without characters a file name cannot hold. */
export function backupFileName(kind: BackupKind, communityName: string, at: Date): string {
  const community = communityName.replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 30) || '社区'
  return `${PREFIX[kind]}-${community}-${backupStamp(at)}${BACKUP_EXTENSION}`
}

/** Which kind a file name says, or null when it is not one of ours (never touched by retention). */
export function backupKindOf(fileName: string): BackupKind | null {
  if (!fileName.endsWith(BACKUP_EXTENSION)) return null
  if (fileName.startsWith(`${PREFIX.safety}-`)) return 'safety'
  if (fileName.startsWith(`${PREFIX.archive}-`)) return 'archive'
  if (fileName.startsWith(`${PREFIX.auto}-`)) return 'auto'
  return null
}

export interface DatedBackup {
  name: string
  /** When the backup was taken (from its header). */
  at: Date
}

const dayKey = (at: Date) => `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`
const monthKey = (at: Date) => `${at.getFullYear()}-${pad(at.getMonth() + 1)}`
function weekKey(at: Date): string {
  // The Monday of the week, local time.
  const monday = new Date(at.getFullYear(), at.getMonth(), at.getDate() - ((at.getDay() + 6) % 7))
  return dayKey(monday)
}

/**
 * The backups the policy keeps: for each bucket kind, the newest backup of each of the newest N
 * buckets that hold a backup. A backup kept by any rule is kept. Everything else may be deleted.
 */
export function backupsToKeep<T extends DatedBackup>(backups: readonly T[], policy: RetentionPolicy): Set<T> {
  const newestFirst = [...backups].sort((a, b) => b.at.getTime() - a.at.getTime())
  const keep = new Set<T>()
  const rule = (count: number, key: (at: Date) => string) => {
    const seen = new Set<string>()
    for (const backup of newestFirst) {
      const bucket = key(backup.at)
      if (seen.has(bucket)) continue
      if (seen.size >= count) break
      seen.add(bucket)
      keep.add(backup)
    }
  }
  rule(policy.daily, dayKey)
  rule(policy.weekly, weekKey)
  rule(policy.monthly, monthKey)
  return keep
}

/** Whether the daily automatic backup is due: past the chosen time today and none made today yet. */
export function dailyBackupDue(now: Date, dailyAt: string, lastAutoAt: Date | null): boolean {
  const [hours, minutes] = dailyAt.split(':').map(Number)
  const dueAt = new Date(now.getFullYear(), now.getMonth(), now.getDate(), hours ?? 0, minutes ?? 0)
  if (now < dueAt) return false
  return lastAutoAt === null || lastAutoAt < dueAt
}

export function isBackupStale(lastGoodAt: Date | null, now: Date): boolean {
  return lastGoodAt === null || now.getTime() - lastGoodAt.getTime() > STALE_AFTER_MS
}
