import type { PurgeKind, RetentionCutoffs, RetentionPeriods } from '../domain/retention'
import type { EmptyArgs } from '../schemas/system'
import {
  retentionCertificateArgs,
  retentionConfigureArgs,
  retentionEndArgs,
  retentionGetArgs,
  retentionPreviewArgs,
  retentionPurgeArgs
} from '../schemas/retention'
import type { z } from '../schemas/zod'
import { defineModule, type MethodTable } from './types'

/** One kind of epidemic data in a preview: how many rows would go today and their date range. */
export interface RetentionPreviewRow {
  kind: PurgeKind
  label: string
  count: number
  /** The oldest and newest day of the rows that would go (entry day, end of observation, return date). */
  oldest: string | null
  newest: string | null
}

export interface RetentionPreview {
  /** The office's today the preview was made for. */
  today: string
  cutoffs: RetentionCutoffs
  rows: RetentionPreviewRow[]
  total: number
}

/** A 清理记录 as the certificate prints it: counts only, never a name or an ID number. */
export interface PurgeRecord {
  auditId: number
  kind: 'purge' | 'end'
  at: string
  actor: string
  community: string
  reason: string
  /** The periods applied (a 防控结束 applies none: everything went). */
  periods: RetentionPeriods | null
  counts: { kind: PurgeKind; label: string; count: number }[]
  total: number
  /** The archive written before a 防控结束 (file name in the backup folder). */
  archiveFile: string | null
}

export interface RetentionState {
  periods: RetentionPeriods
  defaults: RetentionPeriods
  /** Backups are set up (folder and password): a 防控结束 needs one to write its archive. */
  backupReady: boolean
  /** The latest 清理记录, newest first. */
  history: PurgeRecord[]
}

export type RetentionApi = {
  'retention.get': (args: EmptyArgs) => Promise<RetentionState>
  'retention.configure': (args: z.infer<typeof retentionConfigureArgs>) => Promise<RetentionState>
  'retention.preview': (args: EmptyArgs) => Promise<RetentionPreview>
  'retention.purge': (args: z.infer<typeof retentionPurgeArgs>) => Promise<PurgeRecord>
  'retention.end': (args: z.infer<typeof retentionEndArgs>) => Promise<PurgeRecord>
  'retention.certificate': (args: z.infer<typeof retentionCertificateArgs>) => Promise<PurgeRecord>
}

export const retentionMethods = {
  'retention.get': { args: retentionGetArgs, kind: 'query', permission: 'settings.manage', title: '查看数据保留设置' },
  'retention.configure': { args: retentionConfigureArgs, kind: 'mutation', permission: 'settings.manage', title: '修改数据保留期限' },
  'retention.preview': { args: retentionPreviewArgs, kind: 'query', permission: 'settings.manage', title: '预览到期清理' },
  'retention.purge': { args: retentionPurgeArgs, kind: 'mutation', permission: 'settings.manage', title: '到期清理' },
  'retention.end': { args: retentionEndArgs, kind: 'mutation', permission: 'settings.manage', title: '防控结束' },
  'retention.certificate': { args: retentionCertificateArgs, kind: 'query', permission: 'settings.manage', title: '查看清理记录' }
} satisfies MethodTable<RetentionApi>

export const retentionModule = defineModule<RetentionApi>({
  name: 'retention',
  methods: retentionMethods,
  grants: {},
  pages: [
    { path: '/settings/retention', name: 'retention', title: '数据保留', permission: 'settings.manage', parent: '/settings' },
    { path: '/settings/retention/certificate', name: 'retention-certificate', title: '数据清理证明', permission: 'settings.manage', parent: '/settings' }
  ]
})
