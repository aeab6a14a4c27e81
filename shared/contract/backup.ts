import type { BackupKind, RetentionPolicy } from '../domain/backup'
import type { BackupConfigureArgs } from '../schemas/backup'
import {
  backupConfigArgs,
  backupConfigureArgs,
  backupInspectArgs,
  backupListArgs,
  backupRestoreArgs,
  backupRestoreAtSetupArgs,
  backupRunArgs,
  backupSetPasswordArgs,
  backupStatusArgs
} from '../schemas/backup'
import type { z } from '../schemas/zod'
import type { EmptyArgs } from '../schemas/system'
import { defineModule, type MethodTable } from './types'

/** The last backup, as the home page shows it. */
export interface BackupOutcome {
  at: string
  ok: boolean
  fileName: string | null
  bytes: number
  /** Why it failed, or what was noticed (the folder missing ...). */
  message: string
}

export interface BackupStatus {
  configured: boolean
  /** The folder is set but cannot be reached now (USB stick out, disk gone). */
  folderMissing: boolean
  last: BackupOutcome | null
  lastGoodAt: string | null
  /** No good backup for two days, or the last one failed: shown in red. */
  alarm: boolean
}

export interface BackupConfig extends BackupConfigureArgs {
  passwordSet: boolean
  folderMissing: boolean
}

/** What a backup file says about itself (its header, readable without the password). */
export interface BackupHeaderView {
  appVersion: string
  schemaVersion: number
  communityName: string
  createdAt: string
  kind: BackupKind
  counts: { table: string; label: string; rows: number }[]
  imageBytes: number
}

export interface BackupFileView {
  fileName: string
  bytes: number
  header: BackupHeaderView | null
  /** Set when the header cannot be read (damaged, not a backup). */
  problem: string | null
}

export interface BackupInspection {
  header: BackupHeaderView
  /** Today's counts beside the backup's. */
  current: { table: string; label: string; rows: number }[]
  /** Why a restore would be refused (newer schema, another community), or null. */
  refusal: string | null
  otherCommunity: boolean
}

export interface RestoreResult {
  restoredFrom: string
  safetyBackup: string
  counts: { table: string; label: string; rows: number }[]
}

export type BackupApi = {
  'backup.status': (args: EmptyArgs) => Promise<BackupStatus>
  'backup.config': (args: EmptyArgs) => Promise<BackupConfig>
  'backup.configure': (args: BackupConfigureArgs) => Promise<BackupConfig>
  'backup.setPassword': (args: z.infer<typeof backupSetPasswordArgs>) => Promise<BackupConfig>
  'backup.run': (args: EmptyArgs) => Promise<BackupOutcome>
  'backup.list': (args: EmptyArgs) => Promise<BackupFileView[]>
  'backup.inspect': (args: z.infer<typeof backupInspectArgs>) => Promise<BackupInspection>
  'backup.restore': (args: z.infer<typeof backupRestoreArgs>) => Promise<RestoreResult>
  'backup.restoreAtSetup': (args: z.infer<typeof backupRestoreAtSetupArgs>) => Promise<RestoreResult>
}

export type { RetentionPolicy }

export const backupMethods = {
  'backup.status': { args: backupStatusArgs, kind: 'query', permission: 'home.view', title: '查看备份状态' },
  'backup.config': { args: backupConfigArgs, kind: 'query', permission: 'settings.manage', title: '查看备份设置' },
  'backup.configure': { args: backupConfigureArgs, kind: 'mutation', permission: 'settings.manage', title: '修改备份设置' },
  'backup.setPassword': { args: backupSetPasswordArgs, kind: 'mutation', permission: 'settings.manage', title: '设置备份密码' },
  // Paced: the slow part (compress, encrypt, write, verify) runs outside the write queue, so work goes on.
  'backup.run': { args: backupRunArgs, kind: 'mutation', permission: 'settings.manage', title: '立即备份', paced: true },
  'backup.list': { args: backupListArgs, kind: 'query', permission: 'settings.manage', title: '查看备份列表' },
  'backup.inspect': { args: backupInspectArgs, kind: 'query', permission: 'settings.manage', title: '查看备份内容' },
  'backup.restore': { args: backupRestoreArgs, kind: 'mutation', permission: 'settings.manage', title: '从备份恢复', paced: true },
  'backup.restoreAtSetup': { args: backupRestoreAtSetupArgs, kind: 'mutation', permission: 'public', title: '首次设置时从备份恢复', paced: true }
} satisfies MethodTable<BackupApi>

export const backupModule = defineModule<BackupApi>({
  name: 'backup',
  methods: backupMethods,
  grants: {},
  pages: [{ path: '/backup', name: 'backup', title: '数据备份', permission: 'settings.manage', group: 'system' }]
})
