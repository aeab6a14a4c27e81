import type { AddressOptions, HouseholdDetail, HouseholdRow } from '../../../shared/contract/households'
import { AppError } from '../../../shared/errors'
import type { HouseholdCreate, HouseholdsListArgs } from '../../../shared/schemas/households'
import type { Page } from '../../../shared/schemas/common'
import type { Session } from '../context'
import { addressOptionRows, syncResidentsOfHousehold } from '../register/register.repo'
import { scopeSql } from '../kit/scope'
import type { Db } from '../kit/db'
import { notFound } from '../kit/errors'
import { pageOf } from '../kit/paging'
import { membersOf, placeResident, setRelation, softDeleteResident } from '../residents/residents.repo'
import { classifySearch } from '../residents/residents.search'
import { digitReach } from '../security/digit-search-guard'
import { liveHousehold } from '../residents/residents.service'
import { toResidentRow } from '../residents/residents.view'
import type { Tx } from '../store/store'
import { findHouseholdPage, liveMemberIds, softDeleteHousehold, updateHousehold } from './households.repo'
import { placeAt } from '../register/household-write'
export { buildingFor, createHousehold, householdWriteIn } from '../register/household-write'
import { getHousehold, setHouseholder } from '../register/household-record.repo'
import { assertFresh, laterThan } from '../kit/stale'
import type { HouseholdRecord } from '../register/household-record.repo'

export function toHouseholdRow(h: HouseholdRecord): HouseholdRow {
  return {
    id: h.id,
    address: h.address,
    gridId: h.gridId,
    gridName: h.gridName ?? '',
    tenure: h.tenure,
    householderId: h.householderId,
    householderName: h.householderName ?? '',
    memberCount: h.memberCount
  }
}

export function householdDetail(db: Db, session: Session, id: number, today: Date): HouseholdDetail {
  const h = liveHousehold(db, session, id)
  return {
    ...toHouseholdRow(h),
    parts: { compound: h.compound, building: h.building, unit: h.unit, room: h.room },
    notes: h.notes,
    members: membersOf(db, id).map((r) => toResidentRow(r, today)),
    createdAt: h.createdAt,
    updatedAt: h.updatedAt
  }
}

export function listHouseholds(db: Db, session: Session, args: HouseholdsListArgs): Page<HouseholdRow> {
  const { page, pageSize, offset } = pageOf(args)
  const filter = {
    hits: classifySearch(args.q, digitReach(session)),
    gridId: args.gridId,
    compound: args.compound || undefined,
    building: args.building || undefined,
    scope: scopeSql('h.grid_id', session.gridScope)
  }
  const { records, total } = findHouseholdPage(db, filter, pageSize, offset)
  return { rows: records.map(toHouseholdRow), total, page, pageSize }
}

export function addressOptions(db: Db): AddressOptions {
  const compounds: AddressOptions['compounds'] = []
  for (const row of addressOptionRows(db)) {
    let compound = compounds.at(-1)
    if (compound?.name !== row.compound) {
      compound = { name: row.compound, buildings: [] }
      compounds.push(compound)
    }
    if (row.building !== null) compound.buildings.push({ name: row.building, gridId: row.gridId, gridName: row.gridName ?? '' })
  }
  return { compounds }
}

export function updateHouseholdRecord(
  tx: Tx,
  session: Session,
  id: number,
  args: HouseholdCreate & { householderId: number | null },
  now: string,
  expectedUpdatedAt?: string
): HouseholdRecord {
  const before = liveHousehold(tx, session, id)
  assertFresh(before.updatedAt, expectedUpdatedAt, '这户的信息')
  const at = laterThan(now, before.updatedAt)
  const w = placeAt(tx, session, args.address, args)
  if (args.householderId !== null && !liveMemberIds(tx, id).includes(args.householderId)) {
    throw new AppError('RULE_VIOLATION', '户主必须是本户的成员。', { issues: [{ path: 'householderId', message: '请从本户成员中选择户主' }] })
  }
  updateHousehold(tx, id, w, at)
  syncResidentsOfHousehold(tx, id)
  if (args.householderId !== before.householderId) {
    // The old head's relation to the new one is not known: left for the clerk to fill in.
    if (before.householderId !== null) setRelation(tx, before.householderId, null)
    if (args.householderId !== null) setRelation(tx, args.householderId, 'head')
    setHouseholder(tx, id, args.householderId)
  }
  return before
}

/** The household and everyone still in it go to the recycle bin together, and come back together. */
export function deleteHouseholdRecord(tx: Tx, session: Session, id: number, reason: string, at: string): { before: HouseholdRecord; members: number } {
  const before = liveHousehold(tx, session, id)
  const members = liveMemberIds(tx, id)
  for (const member of members) softDeleteResident(tx, member, at, session.actor, reason, id)
  softDeleteHousehold(tx, id, at, session.actor, reason)
  return { before, members: members.length }
}

/** Two records that turn out to be one household: members move to the target, the source is binned. */
export function mergeHouseholds(
  tx: Tx,
  session: Session,
  sourceId: number,
  targetId: number,
  at: string
): { source: HouseholdRecord; target: HouseholdRecord } {
  const source = liveHousehold(tx, session, sourceId)
  const target = liveHousehold(tx, session, targetId)
  for (const member of membersOf(tx, sourceId)) {
    const wasHead = member.id === source.householderId
    const keepsHead = wasHead && target.householderId === null
    const relation = wasHead && !keepsHead ? null : member.relation
    placeResident(tx, member.id, { householdId: targetId, gridId: target.gridId, sortKey: target.addressKey, relation }, at)
    if (keepsHead) setHouseholder(tx, targetId, member.id)
  }
  setHouseholder(tx, sourceId, null)
  softDeleteHousehold(tx, sourceId, at, session.actor, `已并入住户 ${target.address}`)
  return { source, target }
}

export function householdExists(db: Db, id: number): HouseholdRecord {
  const h = getHousehold(db, id)
  if (!h) throw notFound('住户', id)
  return h
}
