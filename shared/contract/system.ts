import type { EmptyArgs } from '../schemas/system'
import { systemInfoArgs, systemPingArgs } from '../schemas/system'
import { defineModule, type MethodTable } from './types'

export interface TableCount {
  name: string
  /** Chinese label; empty for tables the UI does not know yet. */
  label: string
  rows: number
}

export interface SystemInfo {
  appVersion: string
  dataDir: string
  databaseFile: string
  databaseBytes: number
  journalFile: string
  journalRecords: number
  journalBytes: number
  /** ISO time of the last snapshot, null when none was taken yet. */
  lastSnapshotAt: string | null
  schemaVersion: number
  tables: TableCount[]
}

export interface Pong {
  pong: true
  time: string
  appVersion: string
}

export type SystemApi = {
  'system.ping': (args: EmptyArgs) => Promise<Pong>
  'system.info': (args: EmptyArgs) => Promise<SystemInfo>
}

export const systemMethods = {
  'system.ping': { args: systemPingArgs, kind: 'query', permission: 'public', title: '连通检查' },
  'system.info': { args: systemInfoArgs, kind: 'query', permission: 'system.view', title: '查看数据库信息' }
} satisfies MethodTable<SystemApi>

export const systemModule = defineModule<SystemApi>({
  name: 'system',
  methods: systemMethods,
  grants: { 'system.view': ['staff', 'readonly'] },
  pages: []
})
