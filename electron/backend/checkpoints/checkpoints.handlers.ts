import type { Checkpoint, CheckpointsApi, PassView } from '../../../shared/contract'
import { CHECKPOINT_KIND_LABELS } from '../../../shared/domain/gate'
import { AppError } from '../../../shared/errors'
import type { Handlers } from '../context'
import { liveCheckpoint } from './checkpoints.service'
import type { Db } from '../kit/db'
import type { CheckpointRecord, PassRecord } from './checkpoints.repo'
import {
  countPasses,
  getCheckpoint,
  getPass,
  insertCheckpoint,
  insertPass,
  listCheckpointRows,
  listPassRows,
  liveCheckpointNamed,
  liveHouseholdAddress,
  livePassOfHousehold,
  retireCheckpoint,
  revokePass,
  updateCheckpoint
} from './checkpoints.repo'

const toCheckpoint = (r: CheckpointRecord): Checkpoint => ({
  id: r.id,
  name: r.name,
  place: r.place,
  kind: r.kind,
  hours: r.hours,
  retired: r.retired_at !== null
})

export const toPassView = (r: PassRecord): PassView => ({
  id: r.id,
  number: r.number,
  householdId: r.household_id,
  address: r.address,
  everyDays: r.every_days,
  issuedAt: r.issued_at,
  revoked: r.revoked_at !== null
})

function assertNameFree(db: Db, name: string, selfId: number | null): void {
  const other = liveCheckpointNamed(db, name)
  if (other && other.id !== selfId) {
    throw new AppError('CONFLICT', `已有名为“${name}”的卡口，请换一个名称。`, { issues: [{ path: 'name', message: '名称已被使用' }] })
  }
}

function requirePass(db: Db, id: number): PassRecord {
  const pass = getPass(db, id)
  if (!pass) throw new AppError('NOT_FOUND', '找不到这张出入证。', { id })
  return pass
}

export const checkpointsHandlers = {
  'checkpoints.list': (args, ctx) => listCheckpointRows(ctx.store, args.includeRetired ?? false).map(toCheckpoint),

  'checkpoints.create': (args, ctx) => {
    assertNameFree(ctx.store, args.name, null)
    const id = ctx.write({ summary: `新建卡口 ${args.name}（${CHECKPOINT_KIND_LABELS[args.kind]}）`, record: (newId: number) => `checkpoint:${newId}` }, (tx) =>
      insertCheckpoint(tx, args, ctx.now().toISOString())
    )
    return toCheckpoint(liveCheckpoint(ctx.store, id))
  },

  'checkpoints.update': (args, ctx) => {
    const before = liveCheckpoint(ctx.store, args.id)
    assertNameFree(ctx.store, args.name, args.id)
    ctx.write({ summary: `修改卡口 ${before.name}`, record: `checkpoint:${args.id}`, detail: { before, after: args } }, (tx) =>
      updateCheckpoint(tx, args, ctx.now().toISOString())
    )
    return toCheckpoint(liveCheckpoint(ctx.store, args.id))
  },

  'checkpoints.retire': (args, ctx) => {
    const before = liveCheckpoint(ctx.store, args.id)
    ctx.write({ summary: `撤销卡口 ${before.name}`, record: `checkpoint:${args.id}` }, (tx) => retireCheckpoint(tx, args.id, ctx.now().toISOString()))
    const after = getCheckpoint(ctx.store, args.id)
    if (!after) throw new AppError('NOT_FOUND', '找不到这个卡口。')
    return toCheckpoint(after)
  },

  'passes.list': (args, ctx) => listPassRows(ctx.store, args.includeRevoked ?? false).map(toPassView),

  'passes.issue': (args, ctx) => {
    const household = liveHouseholdAddress(ctx.store, args.householdId)
    if (!household) throw new AppError('NOT_FOUND', '找不到这个住户，可能已被删除。', { id: args.householdId })
    const existing = livePassOfHousehold(ctx.store, args.householdId)
    if (existing) throw new AppError('CONFLICT', `该户已有出入证 ${existing.number}，如需换证请先收回。`)
    const number = String(countPasses(ctx.store) + 1).padStart(4, '0')
    const id = ctx.write(
      { summary: `发放出入证 ${number}：${household.address}，每 ${args.everyDays} 天 1 人次外出`, record: `household:${args.householdId}` },
      (tx) => insertPass(tx, number, args.householdId, args.everyDays, ctx.now().toISOString())
    )
    return toPassView(requirePass(ctx.store, id))
  },

  'passes.revoke': (args, ctx) => {
    const pass = requirePass(ctx.store, args.id)
    if (pass.revoked_at) throw new AppError('RULE_VIOLATION', `出入证 ${pass.number} 已经收回。`)
    ctx.write({ summary: `收回出入证 ${pass.number}：${pass.address}`, record: `household:${pass.household_id}` }, (tx) =>
      revokePass(tx, pass.id, ctx.now().toISOString())
    )
    return toPassView(requirePass(ctx.store, args.id))
  }
} satisfies Handlers<CheckpointsApi>
