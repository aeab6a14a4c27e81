import type { BackupApi } from '../../../shared/contract'
import type { BackupFileView } from '../../../shared/contract/backup'
import { BACKUP_EXTENSION, backupKindOf } from '../../../shared/domain/backup'
import { AppError } from '../../../shared/errors'
import type { Handlers } from '../context'
import fs from 'node:fs'
import path from 'node:path'
import { deriveKey, readBackupHeader } from './backup-file'
import { runBackup } from './backup-run'
import { inspectBackup, restoreBackup } from './backup-restore'
import { AUTO_ACTOR, configView, folderReachable, headerView, loadBackupState, saveConfig, saveKey, statusView } from './backup.service'

function listFolder(folder: string): BackupFileView[] {
  if (!folderReachable(folder)) return []
  return fs
    .readdirSync(folder)
    .filter((name) => name.endsWith(BACKUP_EXTENSION) && backupKindOf(name) !== null)
    .map((fileName): BackupFileView => {
      const file = path.join(folder, fileName)
      const bytes = fs.statSync(file).size
      try {
        return { fileName, bytes, header: headerView(readBackupHeader(fs.readFileSync(file)).header), problem: null }
      } catch (error) {
        return { fileName, bytes, header: null, problem: error instanceof AppError ? error.message : String(error) }
      }
    })
    .sort((a, b) => (b.header?.createdAt ?? '').localeCompare(a.header?.createdAt ?? ''))
}

export const backupHandlers = {
  'backup.status': (_args, ctx) => statusView(loadBackupState(ctx.store), ctx.now()),
  'backup.config': (_args, ctx) => configView(loadBackupState(ctx.store)),
  'backup.configure': (args, ctx) => {
    const folder = args.folder === '' ? '' : path.resolve(args.folder)
    if (folder !== '' && !folderReachable(folder)) {
      throw new AppError('RULE_VIOLATION', `找不到文件夹 ${folder}，请先建好它（或插好U盘）再保存。`, {
        issues: [{ path: 'folder', message: '找不到这个文件夹' }]
      })
    }
    const { retention } = args
    ctx.write(
      {
        summary: `修改备份设置：文件夹 ${folder || '（未设置）'}，每天 ${args.dailyAt}，${args.atQuit ? '退出时也备份' : '退出时不备份'}，保留 每日${retention.daily}/每周${retention.weekly}/每月${retention.monthly}`
      },
      (tx) => saveConfig(tx, { ...args, folder }, ctx.now().toISOString(), ctx.session.actor)
    )
    return configView(loadBackupState(ctx.store))
  },
  'backup.setPassword': (args, ctx) => {
    const had = loadBackupState(ctx.store).key !== null
    const key = deriveKey(args.password)
    // The password itself is never stored or logged; the derived key is, so backups run unattended.
    ctx.write({ summary: had ? '更换备份密码（之后的备份使用新密码，旧备份仍需旧密码）' : '设置备份密码' }, (tx) =>
      saveKey(tx, key, ctx.now().toISOString(), ctx.session.actor)
    )
    return configView(loadBackupState(ctx.store))
  },
  'backup.run': (_args, ctx) => runBackup(ctx, ctx.session.accountId === null && ctx.session.actor === AUTO_ACTOR ? 'auto' : 'manual'),
  'backup.list': (_args, ctx) => listFolder(loadBackupState(ctx.store).folder),
  'backup.inspect': (args, ctx) => inspectBackup(ctx, args.source, args.password),
  'backup.restore': (args, ctx) => restoreBackup(ctx, args),
  'backup.restoreAtSetup': (args, ctx) => restoreBackup(ctx, { source: { upload: args.upload }, password: args.password }, true)
} satisfies Handlers<BackupApi>
