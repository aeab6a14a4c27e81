import type { Page } from '../schemas/common'
import type { RecycleItemArgs, RecycleKind, RecycleListArgs } from '../schemas/recycle'
import { recycleItemArgs, recycleListArgs } from '../schemas/recycle'
import { defineModule, type MethodTable } from './types'

export interface RecycleRow {
  kind: RecycleKind
  id: number
  /** Name and masked ID for a person, the address for a household. */
  label: string
  detail: string
  deletedAt: string
  deletedBy: string
  reason: string
}

export type RecycleApi = {
  'recycle.list': (args: RecycleListArgs) => Promise<Page<RecycleRow>>
  'recycle.restore': (args: RecycleItemArgs) => Promise<{ kind: RecycleKind; id: number; restored: number }>
  'recycle.purge': (args: RecycleItemArgs) => Promise<{ kind: RecycleKind; id: number; purged: number }>
}

export const recycleMethods = {
  'recycle.list': { args: recycleListArgs, kind: 'query', permission: 'register.recycle', title: '查看回收站' },
  'recycle.restore': { args: recycleItemArgs, kind: 'mutation', permission: 'register.recycle', title: '从回收站恢复' },
  'recycle.purge': { args: recycleItemArgs, kind: 'mutation', permission: 'register.recycle', title: '彻底删除' }
} satisfies MethodTable<RecycleApi>

export const recycleModule = defineModule<RecycleApi>({
  name: 'recycle',
  methods: recycleMethods,
  grants: { 'register.recycle': [] },
  pages: [{ path: '/recycle', name: 'recycle', title: '回收站', permission: 'register.recycle', group: 'system' }]
})
