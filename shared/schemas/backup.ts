import { requiredText } from './common'
import { emptyArgs } from './system'
import { z } from './zod'

/** A backup chosen from the backup folder's list, or a file the clerk picked (bytes). */
const backupSource = z.union(
  [
    z.strictObject({ fileName: requiredText('备份文件名', 200) }),
    z.strictObject({
      upload: z.instanceof(Uint8Array, { message: '请选择备份文件' }).refine((bytes) => bytes.length > 0, '备份文件是空的')
    })
  ],
  { message: '请从列表中选择备份，或选择一个备份文件' }
)

const backupPassword = z.string({ message: '请输入备份密码' }).min(8, '备份密码至少 8 位').max(128, '备份密码太长')

export const retentionPolicy = z.strictObject({
  daily: z.number().int().min(1, '至少保留 1 份每日备份').max(60, '每日备份最多保留 60 份'),
  weekly: z.number().int().min(0).max(52, '每周备份最多保留 52 份'),
  monthly: z.number().int().min(0).max(120, '每月备份最多保留 120 份')
})

export const backupConfigureArgs = z.strictObject({
  /** A folder on a second disk or USB stick; empty turns automatic backups off. */
  folder: z.string().trim().max(500, '文件夹路径太长'),
  dailyAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间应为 HH:mm，例如 18:00'),
  atQuit: z.boolean(),
  retention: retentionPolicy
})
export type BackupConfigureArgs = z.infer<typeof backupConfigureArgs>

export const backupSetPasswordArgs = z.strictObject({ password: backupPassword })
export const backupRunArgs = emptyArgs
export const backupStatusArgs = emptyArgs
export const backupConfigArgs = emptyArgs
export const backupListArgs = emptyArgs

export const backupInspectArgs = z.strictObject({
  source: backupSource,
  /** Needed only for a backup made with another password (another PC, or before a change). */
  password: backupPassword.optional()
})

export const backupRestoreArgs = z.strictObject({
  source: backupSource,
  password: backupPassword.optional(),
  /** The administrator's own login password: a restore replaces every record. */
  adminPassword: z.string({ message: '请输入管理员密码' }).min(1, '请输入管理员密码'),
  /** A backup of another community is refused unless the office is moving (explicitly). */
  movingOffice: z.boolean().optional()
})

/** At first start on a new PC: no account exists yet, so the backup's own password is the check. */
export const backupRestoreAtSetupArgs = z.strictObject({
  upload: z.instanceof(Uint8Array, { message: '请选择备份文件' }),
  password: backupPassword
})

export type BackupSource = z.infer<typeof backupSource>
