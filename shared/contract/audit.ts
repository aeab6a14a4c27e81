import type { AuditExportArgs, AuditListArgs } from '../schemas/audit'
import { auditExportArgs, auditListArgs } from '../schemas/audit'
import type { EmptyArgs } from '../schemas/system'
import { emptyArgs } from '../schemas/system'
import { defineModule, type MethodTable } from './types'

export interface AuditView {
  id: number
  at: string
  actor: string
  method: string
  /** Chinese name of the action (the method's title). */
  action: string
  summary: string
  record: string | null
}

export interface Page<T> {
  rows: T[]
  total: number
  page: number
  pageSize: number
}

/**
 * anchored: the newest row as of the last save was checked against its copy outside the log (the
 * key file); reason: 'changed' a row or its hash differs, 'truncated' rows up to the anchor are gone.
 */
export type AuditVerifyResult = { ok: true; rows: number; anchored: boolean } | { ok: false; rows: number; brokenAt: number; reason: 'changed' | 'truncated' }

export interface ExportedFile {
  fileName: string
  bytes: Uint8Array
}

export type AuditApi = {
  'audit.list': (args: AuditListArgs) => Promise<Page<AuditView>>
  'audit.verify': (args: EmptyArgs) => Promise<AuditVerifyResult>
  'audit.export': (args: AuditExportArgs) => Promise<ExportedFile>
}

export const auditMethods = {
  'audit.list': { args: auditListArgs, kind: 'query', permission: 'audit.view', title: '查看操作日志' },
  'audit.verify': { args: emptyArgs, kind: 'query', permission: 'audit.view', title: '校验操作日志' },
  // A mutation: the export itself is written to the audit trail.
  'audit.export': { args: auditExportArgs, kind: 'export', permission: 'audit.view', title: '导出操作日志' }
} satisfies MethodTable<AuditApi>

export const auditModule = defineModule<AuditApi>({
  name: 'audit',
  methods: auditMethods,
  grants: { 'audit.view': [] },
  pages: [{ path: '/audit', name: 'audit', title: '操作日志', permission: 'audit.view', group: 'system' }]
})
