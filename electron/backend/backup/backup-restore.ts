import fs from 'node:fs'
import path from 'node:path'
import type { BackupInspection, RestoreResult } from '../../../shared/contract/backup'
import { backupFileName } from '../../../shared/domain/backup'
import { AppError } from '../../../shared/errors'
import type { BackupSource } from '../../../shared/schemas/backup'
import { findAccountById, listAccountRows } from '../accounts/accounts.repo'
import type { Ctx } from '../context'
import { verifyPassword } from '../security/password-hash'
import { MIGRATIONS } from '../store/migrations'
import { decodeBackup, encodeBackup, keyForHeader, readBackupHeader, writeBackupAtomically } from './backup-file'
import type { BackupHeader, KeyMaterial } from './backup-file'
import { readCommunityName } from './backup.repo'
import { carryOver, fileInFolder, folderReachable, headerView, labelledCounts, loadBackupState } from './backup.service'
import { verifyImage } from './backup-verify'
import type { BackupState } from './backup.service'

interface Opened {
  name: string
  header: BackupHeader
  image: Uint8Array
}

function sourceBytes(state: BackupState, source: BackupSource): { name: string; bytes: Uint8Array } {
  if ('upload' in source) return { name: '所选文件', bytes: source.upload }
  return { name: source.fileName, bytes: fs.readFileSync(fileInFolder(state.folder, source.fileName)) }
}

/** The key that opens a file: this PC's (same salt) or the password typed for it. */
function keyFor(header: BackupHeader, state: BackupState, password: string | undefined): KeyMaterial {
  if (state.key && state.key.salt === header.cipher.salt && password === undefined) return state.key
  if (password === undefined) {
    throw new AppError('RULE_VIOLATION', '这个备份是用另一个备份密码做的（别的电脑或改密码之前），请输入当时的备份密码。', { field: 'password' })
  }
  return keyForHeader(header, password)
}

/** Checksum, decryption, SQLite's check and the counts: a damaged or foreign file changes nothing. */
async function openBackup(state: BackupState, source: BackupSource, password: string | undefined): Promise<Opened> {
  const { name, bytes } = sourceBytes(state, source)
  const { header, payload } = readBackupHeader(bytes)
  const image = await decodeBackup(header, payload, keyFor(header, state, password))
  await verifyImage(image, header.counts)
  return { name, header, image }
}

function refusalOf(header: BackupHeader, currentCommunity: string, movingOffice: boolean): string | null {
  if (header.schemaVersion > MIGRATIONS.length) {
    return `这个备份来自更新版本的守望（数据结构第 ${header.schemaVersion} 版，本机为第 ${MIGRATIONS.length} 版），请先升级本机的守望再恢复。`
  }
  if (currentCommunity !== '' && header.communityName !== currentCommunity && !movingOffice) {
    return `这个备份属于“${header.communityName}”，本机是“${currentCommunity}”。若确实是搬迁办公室、换用这台电脑，请勾选“搬迁办公室”后再恢复。`
  }
  return null
}

export async function inspectBackup(ctx: Ctx, source: BackupSource, password: string | undefined): Promise<BackupInspection> {
  const state = loadBackupState(ctx.store)
  const { header } = await openBackup(state, source, password)
  const current = readCommunityName(ctx.store)
  return {
    header: headerView(header),
    current: labelledCounts(ctx.store.tableCounts()),
    refusal: refusalOf(header, current, true),
    otherCommunity: current !== '' && header.communityName !== current
  }
}

function assertFreshInstall(ctx: Ctx): void {
  if (listAccountRows(ctx.store).length > 0) throw new AppError('CONFLICT', '本机已完成首次设置，请登录后在“数据备份”中恢复。')
}

/** The administrator confirms with their own login password (any active administrator for in-process callers). */
function assertAdminPassword(ctx: Ctx, password: string): void {
  const accountId = ctx.session.accountId
  const candidates =
    accountId === null ? listAccountRows(ctx.store).filter((a) => a.role === 'admin' && a.active === 1) : [findAccountById(ctx.store, accountId)]
  if (!candidates.some((account) => account && verifyPassword(password, account.password_hash))) {
    throw new AppError('RULE_VIOLATION', '管理员密码不对，没有恢复。', { issues: [{ path: 'adminPassword', message: '管理员密码不对' }] })
  }
}

/**
 * Replaces every record with a backup's. Before anything changes, today's data is kept as a
 * 恢复前备份 (in the backup folder, or the data folder's backups/ when none is reachable); the
 * restore is audited in both databases; everyone logs in again afterwards.
 */
export async function restoreBackup(
  ctx: Ctx,
  args: { source: BackupSource; password?: string | undefined; adminPassword?: string; movingOffice?: boolean | undefined },
  atSetup = false
): Promise<RestoreResult> {
  if (!atSetup) assertAdminPassword(ctx, args.adminPassword ?? '')
  // Before any decryption: once set up, the public door costs an outsider nothing to knock on.
  if (atSetup) assertFreshInstall(ctx)
  const state = loadBackupState(ctx.store)
  const opened = await openBackup(state, args.source, args.password)
  const refusal = refusalOf(opened.header, readCommunityName(ctx.store), atSetup || args.movingOffice === true)
  if (refusal) throw new AppError('RULE_VIOLATION', refusal)
  const safetyKey = state.key ?? keyFor(opened.header, state, args.password)
  const when = new Date(opened.header.createdAt).toLocaleString('zh-CN', { hour12: false })
  return ctx.serial(() => {
    if (atSetup) assertFreshInstall(ctx)
    const at = ctx.now()
    const folder = folderReachable(state.folder) ? state.folder : path.join(ctx.store.info().dataDir, 'backups')
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 })
    const community = readCommunityName(ctx.store)
    const safetyName = backupFileName('safety', community || opened.header.communityName, at)
    ctx.write({ summary: `开始从备份恢复：${opened.name}（${when} 的备份）；恢复前的数据保存为 ${safetyName}` }, () => undefined)
    const image = ctx.store.exportImage()
    const safety = encodeBackup(
      image,
      {
        kind: 'safety',
        appVersion: ctx.appVersion,
        schemaVersion: ctx.store.info().schemaVersion,
        communityName: community,
        createdAt: at.toISOString(),
        counts: ctx.store.tableCounts()
      },
      safetyKey
    )
    writeBackupAtomically(folder, safetyName, safety)
    ctx.store.replaceWith(opened.image, MIGRATIONS)
    ctx.write(
      {
        summary: `已从备份恢复：${opened.name}（${when}，${opened.header.communityName}）；恢复前的数据在 ${path.join(folder, safetyName)}`,
        detail: { from: opened.name, header: headerView(opened.header), safety: path.join(folder, safetyName) }
      },
      (tx) => carryOver(tx, state, at.toISOString(), ctx.session.actor)
    )
    ctx.sessions.revokeAll()
    return { restoredFrom: opened.name, safetyBackup: path.join(folder, safetyName), counts: labelledCounts(ctx.store.tableCounts()) }
  })
}
