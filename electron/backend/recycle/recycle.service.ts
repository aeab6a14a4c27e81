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
import { TABLE_LABELS } from '../system/system.service'
import { countBin, listBin, referencesTo } from './recycle.repo'
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

// What the purge itself clears with a person (their phones and tags, a grid's staff link, a household's
// head, the care plans a trigger removes) or with a household (its members, purged or detached).
const CLEARED_WITH_PERSON = new Set(['resident_phones', 'resident_tags', 'grid_staff', 'households', 'care_plans'])
const CLEARED_WITH_HOUSEHOLD = new Set(['residents'])

/**
 * Records of other modules that still name the person or household (a trip, a help request, a job in a
 * shop...) are the community's records and are kept (数据保留 clears trips, observations and gate entries
 * when their time is up). A purge that would break them is refused in words a clerk can act on, instead
 * of failing inside the database with 程序内部出错.
 */
function refuseIfReferenced(tx: Tx, target: 'residents' | 'households', id: number, who: string): void {
  const cleared = target === 'residents' ? CLEARED_WITH_PERSON : CLEARED_WITH_HOUSEHOLD
  const kept = referencesTo(tx, target, id).filter((r) => !cleared.has(r.table))
  if (kept.length === 0) return
  const list = kept.map((r) => `${TABLE_LABELS[r.table] ?? r.table} ${r.rows} 条`).join('、')
  throw new AppError(
    'RULE_VIOLATION',
    `${who} 还有${list}（其他模块的记录仍要保留），所以暂时不能彻底删除。留在回收站里不会出现在名单和统计中；返程、观察和出入记录到期由“数据保留”清理后，即可彻底删除。`,
    {
      references: kept
    }
  )
}

export function purgeItem(tx: Tx, session: Session, args: RecycleItemArgs): { label: string; purged: number } {
  if (args.kind === 'resident') {
    const r = binnedResident(tx, session, args.id)
    refuseIfReferenced(tx, 'residents', r.id, r.name)
    purgeResident(tx, r.id)
    return { label: `居民 ${r.idNumber ? `${r.name}（${maskId(r.idNumber)}）` : r.name}`, purged: 1 }
  }
  const h = binnedHousehold(tx, session, args.id)
  refuseIfReferenced(tx, 'households', h.id, `住户 ${h.address}`)
  const members = membersDeletedWith(tx, h.id)
  for (const member of members) refuseIfReferenced(tx, 'residents', member, `成员 ${getResident(tx, member)?.name ?? ''}`)
  for (const member of members) purgeResident(tx, member)
  detachBinnedMembers(tx, h.id)
  purgeHousehold(tx, h.id)
  return { label: `住户 ${h.address}（${members.length} 名成员）`, purged: 1 + members.length }
}
