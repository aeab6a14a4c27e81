import fs from 'node:fs'
import path from 'node:path'
import type { BackupConfig, BackupHeaderView, BackupOutcome, BackupStatus } from '../../../shared/contract/backup'
import { BACKUP_EXTENSION, DEFAULT_RETENTION, backupKindOf, backupsToKeep, isBackupStale } from '../../../shared/domain/backup'
import type { BackupKind, RetentionPolicy } from '../../../shared/domain/backup'
import { AppError } from '../../../shared/errors'
import type { BackupConfigureArgs } from '../../../shared/schemas/backup'
import type { Store, Tx } from '../store/store'
import { TABLE_LABELS } from '../system/system.service'
import type { BackupHeader, KeyMaterial } from './backup-file'
import { readBackupValues, writeBackupValue } from './backup.repo'

/** The actor of backups the app takes by itself (daily, at quit). */
export const AUTO_ACTOR = '自动备份'

export interface BackupState {
  folder: string
  dailyAt: string
  atQuit: boolean
  retention: RetentionPolicy
  key: KeyMaterial | null
  last: BackupOutcome | null
  lastGoodAt: string | null
  lastAutoAt: string | null
}

interface StoredKey {
  salt: string
  N: number
  r: number
  p: number
  key: string
}

export function loadBackupState(store: Pick<Store, 'all'>): BackupState {
  const v = readBackupValues(store)
  const key = v['backup.key'] as StoredKey | undefined
  return {
    folder: typeof v['backup.folder'] === 'string' ? v['backup.folder'] : '',
    dailyAt: typeof v['backup.dailyAt'] === 'string' ? v['backup.dailyAt'] : '18:00',
    atQuit: v['backup.atQuit'] !== false,
    retention: (v['backup.retention'] as RetentionPolicy | undefined) ?? DEFAULT_RETENTION,
    key: key ? { salt: key.salt, N: key.N, r: key.r, p: key.p, key: Buffer.from(key.key, 'base64') } : null,
    last: (v['backup.last'] as BackupOutcome | undefined) ?? null,
    lastGoodAt: typeof v['backup.lastGoodAt'] === 'string' ? v['backup.lastGoodAt'] : null,
    lastAutoAt: typeof v['backup.lastAutoAt'] === 'string' ? v['backup.lastAutoAt'] : null
  }
}

export function saveKey(tx: Tx, key: KeyMaterial, at: string, by: string): void {
  writeBackupValue(tx, 'backup.key', { salt: key.salt, N: key.N, r: key.r, p: key.p, key: key.key.toString('base64') } satisfies StoredKey, at, by)
}

export function saveConfig(tx: Tx, args: BackupConfigureArgs, at: string, by: string): void {
  writeBackupValue(tx, 'backup.folder', args.folder, at, by)
  writeBackupValue(tx, 'backup.dailyAt', args.dailyAt, at, by)
  writeBackupValue(tx, 'backup.atQuit', args.atQuit, at, by)
  writeBackupValue(tx, 'backup.retention', args.retention, at, by)
}

export function saveOutcome(tx: Tx, outcome: BackupOutcome, kind: BackupKind, by: string): void {
  writeBackupValue(tx, 'backup.last', outcome, outcome.at, by)
  if (outcome.ok) writeBackupValue(tx, 'backup.lastGoodAt', outcome.at, outcome.at, by)
  if (outcome.ok && kind === 'auto') writeBackupValue(tx, 'backup.lastAutoAt', outcome.at, outcome.at, by)
}

/** Carries this PC's backup settings into a restored database (they describe the PC, not the records). */
export function carryOver(tx: Tx, state: BackupState, at: string, by: string): void {
  saveConfig(tx, { folder: state.folder, dailyAt: state.dailyAt, atQuit: state.atQuit, retention: state.retention }, at, by)
  if (state.key) saveKey(tx, state.key, at, by)
  if (state.last) writeBackupValue(tx, 'backup.last', state.last, at, by)
  if (state.lastGoodAt) writeBackupValue(tx, 'backup.lastGoodAt', state.lastGoodAt, at, by)
  if (state.lastAutoAt) writeBackupValue(tx, 'backup.lastAutoAt', state.lastAutoAt, at, by)
}

export function folderReachable(folder: string): boolean {
  try {
    return folder !== '' && fs.statSync(folder).isDirectory()
  } catch {
    return false
  }
}

export function configView(state: BackupState): BackupConfig {
  return {
    folder: state.folder,
    dailyAt: state.dailyAt,
    atQuit: state.atQuit,
    retention: state.retention,
    passwordSet: state.key !== null,
    folderMissing: state.folder !== '' && !folderReachable(state.folder)
  }
}

export function statusView(state: BackupState, now: Date): BackupStatus {
  const configured = state.folder !== '' && state.key !== null
  const lastGoodAt = state.lastGoodAt
  return {
    configured,
    folderMissing: state.folder !== '' && !folderReachable(state.folder),
    last: state.last,
    lastGoodAt,
    alarm: (state.last !== null && !state.last.ok) || isBackupStale(lastGoodAt ? new Date(lastGoodAt) : null, now)
  }
}

export function assertFolderUsable(folder: string): void {
  if (folder === '')
    throw new AppError('RULE_VIOLATION', '还没有选择备份文件夹：请在“数据备份”中填写一个文件夹（最好在另一块硬盘或U盘上）。', { field: 'folder' })
  if (!folderReachable(folder)) {
    throw new AppError('RULE_VIOLATION', `找不到备份文件夹 ${folder}：U盘是否已插好、硬盘是否已连接？`, { field: 'folder' })
  }
}

export function labelledCounts(counts: Record<string, number>): { table: string; label: string; rows: number }[] {
  return Object.entries(counts)
    .filter(([table]) => !table.startsWith('_'))
    .map(([table, rows]) => ({ table, label: TABLE_LABELS[table] ?? table, rows }))
}

export function headerView(header: BackupHeader): BackupHeaderView {
  return {
    appVersion: header.appVersion,
    schemaVersion: header.schemaVersion,
    communityName: header.communityName,
    createdAt: header.createdAt,
    kind: header.kind,
    counts: labelledCounts(header.counts),
    imageBytes: header.imageBytes
  }
}

/** Deletes our automatic/manual backups the policy does not keep; safety backups and other files stay. */
export function applyRetention(folder: string, policy: RetentionPolicy): string[] {
  const dated = fs
    .readdirSync(folder)
    .filter((name) => backupKindOf(name) === 'auto')
    .flatMap((name) => {
      try {
        const fd = fs.openSync(path.join(folder, name), 'r')
        try {
          const head = Buffer.alloc(64 * 1024)
          const read = fs.readSync(fd, head, 0, head.length, 0)
          return [{ name, at: new Date(headerDate(head.subarray(0, read))) }]
        } finally {
          fs.closeSync(fd)
        }
      } catch {
        return [] // unreadable: never deleted by the policy
      }
    })
    .filter((entry) => !Number.isNaN(entry.at.getTime()))
  const keep = backupsToKeep(dated, policy)
  const removed: string[] = []
  for (const entry of dated) {
    if (keep.has(entry)) continue
    fs.rmSync(path.join(folder, entry.name), { force: true })
    removed.push(entry.name)
  }
  return removed
}

function headerDate(head: Buffer): string {
  const match = /"createdAt":"([^"]+)"/.exec(head.toString('utf8'))
  return match?.[1] ?? ''
}

/** A file name from the list: a plain name inside the folder, never a path. */
export function fileInFolder(folder: string, fileName: string): string {
  if (fileName !== path.basename(fileName) || !fileName.endsWith(BACKUP_EXTENSION)) {
    throw new AppError('NOT_FOUND', '没有这个备份文件。', { field: 'fileName' })
  }
  const file = path.join(folder, fileName)
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', `备份文件夹中没有 ${fileName}。`, { field: 'fileName' })
  return file
}
