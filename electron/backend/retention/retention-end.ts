import type { PurgeRecord } from '../../../shared/contract/retention'
import { backupFileName } from '../../../shared/domain/backup'
import { AppError } from '../../../shared/errors'
import { readCommunityName } from '../backup/backup.repo'
import { assertFolderUsable, loadBackupState, saveOutcome } from '../backup/backup.service'
import { sealInScratch } from '../backup/scratch'
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
  const fileName = backupFileName('archive', community, at)
  // Sealed, written, read back and checked (a file that fails its check is removed): nothing is
  // purged on the strength of an archive that is not whole.
  const { bytes } = await sealInScratch({
    image: ctx.store.exportImage(),
    fields: {
      kind: 'archive',
      appVersion: ctx.appVersion,
      schemaVersion: ctx.store.info().schemaVersion,
      communityName: community,
      createdAt: at.toISOString(),
      counts: ctx.store.tableCounts()
    },
    key: state.key,
    folder: state.folder,
    fileName
  })
  const outcome = { at: at.toISOString(), ok: true, fileName, bytes, message: '防控结束归档' }
  ctx.write({ summary: `防控结束归档：${fileName}（已校验），随后清理全部防疫个人信息`, detail: outcome }, (tx) =>
    saveOutcome(tx, outcome, 'archive', ctx.session.actor)
  )
  return purge(ctx, { reason: args.reason, everything: true, archiveFile: fileName })
}
