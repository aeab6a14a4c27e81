import type { BackupOutcome } from '../../../shared/contract/backup'
import { backupFileName } from '../../../shared/domain/backup'
import type { BackupKind } from '../../../shared/domain/backup'
import { AppError } from '../../../shared/errors'
import type { Ctx } from '../context'
import { readCommunityName } from './backup.repo'
import { applyRetention, assertFolderUsable, loadBackupState, saveOutcome } from './backup.service'
import { sealInScratch } from './scratch'

const describeBytes = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`)

/**
 * A backup without stopping work: the image is taken between two writes (the consistent point),
 * then compressed, encrypted, written atomically, read back and checked in a scratch worker while
 * writes go on. Only a verified file counts; the outcome (good or failed) is recorded and audited
 * either way.
 */
export async function runBackup(ctx: Ctx, kind: BackupKind): Promise<BackupOutcome> {
  const state = loadBackupState(ctx.store)
  const at = ctx.now()
  let outcome: BackupOutcome
  try {
    assertFolderUsable(state.folder)
    if (!state.key) throw new AppError('RULE_VIOLATION', '还没有设置备份密码：备份文件是加密的，请先在“数据备份”中设置备份密码。', { field: 'password' })
    const image = ctx.store.exportImage()
    const counts = ctx.store.tableCounts()
    const communityName = readCommunityName(ctx.store)
    const fileName = backupFileName(kind, communityName, at)
    const { bytes } = await sealInScratch({
      image,
      fields: { kind, appVersion: ctx.appVersion, schemaVersion: ctx.store.info().schemaVersion, communityName, createdAt: at.toISOString(), counts },
      key: state.key,
      folder: state.folder,
      fileName
    })
    const removed = applyRetention(state.folder, state.retention)
    outcome = {
      at: at.toISOString(),
      ok: true,
      fileName,
      bytes,
      message: removed.length > 0 ? `按保留规则删除了 ${removed.length} 份较旧的备份` : ''
    }
  } catch (error) {
    const message = error instanceof AppError ? error.message : `备份失败：${String(error)}`
    outcome = { at: at.toISOString(), ok: false, fileName: null, bytes: 0, message }
    await record(ctx, outcome, kind)
    throw error instanceof AppError ? error : new AppError('INTERNAL', message)
  }
  await record(ctx, outcome, kind)
  return outcome
}

function record(ctx: Ctx, outcome: BackupOutcome, kind: BackupKind): Promise<void> {
  const what = kind === 'auto' ? '自动备份' : '立即备份'
  const summary = outcome.ok ? `${what}：${outcome.fileName}（${describeBytes(outcome.bytes)}，已校验）` : `${what}失败：${outcome.message}`
  return ctx.serial(() => ctx.write({ summary, detail: outcome }, (tx) => saveOutcome(tx, outcome, kind, ctx.session.actor)))
}
