import type { CheckpointKind } from '../domain/gate'
import type { CheckpointCreate, CheckpointUpdate } from '../schemas/gate'
import {
  checkpointIdArgs,
  checkpointsCreateArgs,
  checkpointsListArgs,
  checkpointsUpdateArgs,
  passIdArgs,
  passesIssueArgs,
  passesListArgs
} from '../schemas/gate'
import { defineModule, type MethodTable } from './types'

export interface Checkpoint {
  id: number
  name: string
  place: string
  kind: CheckpointKind
  hours: string
  retired: boolean
}

/** 出入证: a numbered pass per household with its rule (one person out every N days). */
export interface PassView {
  id: number
  number: string
  householdId: number
  address: string
  everyDays: number
  issuedAt: string
  revoked: boolean
}

export type CheckpointsApi = {
  'checkpoints.list': (args: { includeRetired?: boolean }) => Promise<Checkpoint[]>
  'checkpoints.create': (args: CheckpointCreate) => Promise<Checkpoint>
  'checkpoints.update': (args: CheckpointUpdate) => Promise<Checkpoint>
  'checkpoints.retire': (args: { id: number }) => Promise<Checkpoint>
  'passes.list': (args: { includeRevoked?: boolean }) => Promise<PassView[]>
  'passes.issue': (args: { householdId: number; everyDays: number }) => Promise<PassView>
  'passes.revoke': (args: { id: number }) => Promise<PassView>
}

export const checkpointsMethods = {
  // Every account may see the checkpoint names: the gate screen starts by choosing one.
  'checkpoints.list': { args: checkpointsListArgs, kind: 'query', permission: 'session', title: '查看卡口' },
  'checkpoints.create': { args: checkpointsCreateArgs, kind: 'mutation', permission: 'checkpoints.manage', title: '新建卡口' },
  'checkpoints.update': { args: checkpointsUpdateArgs, kind: 'mutation', permission: 'checkpoints.manage', title: '修改卡口' },
  'checkpoints.retire': { args: checkpointIdArgs, kind: 'mutation', permission: 'checkpoints.manage', title: '撤销卡口' },
  'passes.list': { args: passesListArgs, kind: 'query', permission: 'gate.view', title: '查看出入证' },
  'passes.issue': { args: passesIssueArgs, kind: 'mutation', permission: 'checkpoints.manage', title: '发放出入证' },
  'passes.revoke': { args: passIdArgs, kind: 'mutation', permission: 'checkpoints.manage', title: '收回出入证' }
} satisfies MethodTable<CheckpointsApi>

export const checkpointsModule = defineModule<CheckpointsApi>({
  name: 'checkpoints',
  methods: checkpointsMethods,
  grants: { 'checkpoints.manage': ['staff'] },
  pages: [{ path: '/checkpoints', name: 'checkpoints', title: '卡口与出入证', permission: 'checkpoints.manage', group: 'system' }]
})
