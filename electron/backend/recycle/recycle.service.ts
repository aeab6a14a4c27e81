import type { RecycleRow } from '../../../shared/contract/recycle'
import { maskId } from '../../../shared/domain'
import { AppError } from '../../../shared/errors'
import type { RecycleItemArgs, RecycleListArgs } from '../../../shared/schemas/recycle'
import type { Session } from '../context'
import { detachBinnedMembers, membersDeletedWith, purgeHousehold, undeleteHousehold } from '../households/households.repo'
import { getHousehold, setHouseholder } from '../register/household-record.repo'
import { scopeSql } from '../kit/scope'
import type { Db } from '../kit/db'
import { assertVisible } from '../kit/scope'
import { notFound } from '../kit/errors'
import { pageOf } from '../kit/paging'
import { getResident, purgeResident, setRelation, undeleteResident } from '../residents/residents.repo'
import type { ResidentRecord } from '../residents/residents.repo'
import type { Tx } from '../store/store'
import { countBin, listBin } from './recycle.repo'
import type { Page } from '../../../shared/schemas/common'

export function listRecycle(db: Db, session: Session, args: RecycleListArgs): Page<RecycleRow> {
  const { page, pageSize, offset } = pageOf(args)
  const kind = args.kind ?? 'all'
  const rscope = scopeSql('r.grid_id', session.gridScope)
  const hscope = scopeSql('h.grid_id', session.gridScope)
  const rows = listBin(db, kind, rscope, hscope, pageSize, offset).map((r): RecycleRow => ({
    kind: r.kind,
    id: r.id,
    label: r.kind === 'resident' ? (r.idNumber ? `${r.name}（${maskId(r.idNumber)}）` : r.name) : (r.address ?? ''),
    detail: r.kind === 'resident' ? (r.address ?? '无住户') : `含 ${r.members} 名成员`,
    deletedAt: r.deletedAt,
    deletedBy: r.deletedBy,
    reason: r.reason
  }))
  return { rows, total: countBin(db, kind, rscope, hscope), page, pageSize }
}

function binnedResident(db: Db, session: Session, id: number): ResidentRecord {
  const r = getResident(db, id)
  if (!r || !r.deletedAt) throw notFound('回收站中的居民', id)
  assertVisible(session, r.gridId, notFound('回收站中的居民', id))
  if (r.deletedWithHousehold !== null) {
    throw new AppError('RULE_VIOLATION', `${r.name} 是随住户一起删除的，请在回收站中恢复或彻底删除该住户。`, { householdId: r.deletedWithHousehold })
  }
  return r
}

function binnedHousehold(db: Db, session: Session, id: number) {
  const h = getHousehold(db, id)
  if (!h || !h.deletedAt) throw notFound('回收站中的住户', id)
  assertVisible(session, h.gridId, notFound('回收站中的住户', id))
  return h
}

function restoreHead(tx: Tx, r: ResidentRecord): void {
  if (r.relation !== 'head' || r.householdId === null) return
  const h = getHousehold(tx, r.householdId)
  if (h && h.householderId === null) setHouseholder(tx, r.householdId, r.id)
  else if (h && h.householderId !== r.id) setRelation(tx, r.id, null)
}

export function restoreItem(tx: Tx, session: Session, args: RecycleItemArgs): { label: string; restored: number } {
  if (args.kind === 'resident') {
    const r = binnedResident(tx, session, args.id)
    if (r.householdId !== null && getHousehold(tx, r.householdId)?.deletedAt) {
      throw new AppError('RULE_VIOLATION', `${r.name} 原来所在的住户（${r.address ?? ''}）也在回收站中，请先恢复该住户。`, {
        householdId: r.householdId
      })
    }
    undeleteResident(tx, r.id)
    restoreHead(tx, r)
    return { label: `居民 ${r.idNumber ? `${r.name}（${maskId(r.idNumber)}）` : r.name}`, restored: 1 }
  }
  const h = binnedHousehold(tx, session, args.id)
  undeleteHousehold(tx, h.id)
  const members = membersDeletedWith(tx, h.id)
  for (const member of members) undeleteResident(tx, member)
  return { label: `住户 ${h.address}（${members.length} 名成员）`, restored: 1 + members.length }
}

export function purgeItem(tx: Tx, session: Session, args: RecycleItemArgs): { label: string; purged: number } {
  if (args.kind === 'resident') {
    const r = binnedResident(tx, session, args.id)
    purgeResident(tx, r.id)
    return { label: `居民 ${r.idNumber ? `${r.name}（${maskId(r.idNumber)}）` : r.name}`, purged: 1 }
  }
  const h = binnedHousehold(tx, session, args.id)
  const members = membersDeletedWith(tx, h.id)
  for (const member of members) purgeResident(tx, member)
  detachBinnedMembers(tx, h.id)
  purgeHousehold(tx, h.id)
  return { label: `住户 ${h.address}（${members.length} 名成员）`, purged: 1 + members.length }
}
