import fs from 'node:fs'
import type { PurgeRecord } from '../../../shared/contract/retention'
import { backupFileName } from '../../../shared/domain/backup'
import { AppError } from '../../../shared/errors'
import { encodeBackupNow, writeBackupAtomically } from '../backup/backup-file'
import { readCommunityName } from '../backup/backup.repo'
import { assertFolderUsable, loadBackupState, saveOutcome, verifyBackupFile } from '../backup/backup.service'
import type { Ctx } from '../context'
import { assertAdminPassword, purge } from './retention.service'

/**
 * 防控结束: first the archive the street office requires (an encrypted, verified backup of every
 * record as it stands), then every piece of epidemic personal data goes, whatever its age. It runs
 * in the one write queue from start to end, so nothing is written between the archive and the
 * purge: what is destroyed is exactly what was archived.
 */
export async function endResponse(ctx: Ctx, args: { adminPassword: string; reason: string }): Promise<PurgeRecord> {
  assertAdminPassword(ctx, args.adminPassword)
  const state = loadBackupState(ctx.store)
  if (state.folder === '' || !state.key) {
    throw new AppError(
      'RULE_VIOLATION',
      '防控结束前要先把全部数据归档（加密备份），但备份还没有设置好：请先在“数据备份”中填写备份文件夹并设置备份密码，再来操作。'
    )
  }
  assertFolderUsable(state.folder)
  const at = ctx.now()
  const community = readCommunityName(ctx.store)
  const bytes = encodeBackupNow(
    ctx.store.exportImage(),
    {
      kind: 'archive',
      appVersion: ctx.appVersion,
      schemaVersion: ctx.store.info().schemaVersion,
      communityName: community,
      createdAt: at.toISOString(),
      counts: ctx.store.tableCounts()
    },
    state.key
  )
  const fileName = backupFileName('archive', community, at)
  const target = writeBackupAtomically(state.folder, fileName, bytes)
  try {
    await verifyBackupFile(target, state.key)
  } catch (error) {
    // An archive that failed its check is no archive: nothing is purged on its strength.
    fs.rmSync(target, { force: true })
    throw error instanceof AppError ? error : new AppError('INTERNAL', `归档备份校验失败：${String(error)}，没有清理任何数据。`)
  }
  const outcome = { at: at.toISOString(), ok: true, fileName, bytes: bytes.length, message: '防控结束归档' }
  ctx.write({ summary: `防控结束归档：${fileName}（已校验），随后清理全部防疫个人信息`, detail: outcome }, (tx) =>
    saveOutcome(tx, outcome, 'archive', ctx.session.actor)
  )
  return purge(ctx, { reason: args.reason, everything: true, archiveFile: fileName })
}
