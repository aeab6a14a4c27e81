import { AppError } from '../../../shared/errors'
import type { Db } from '../kit/db'
import { getCheckpoint } from './checkpoints.repo'
import type { CheckpointRecord } from './checkpoints.repo'

/** The checkpoints domain's face to others (the gate, the roster): a checkpoint that is in service. */
export function liveCheckpoint(db: Db, id: number): CheckpointRecord {
  const row = getCheckpoint(db, id)
  if (!row) throw new AppError('NOT_FOUND', '找不到这个卡口。', { id })
  if (row.retired_at) throw new AppError('RULE_VIOLATION', `卡口“${row.name}”已撤销。`, { id })
  return row
}
