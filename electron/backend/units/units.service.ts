import { formatAddress } from '../../../shared/schemas/register'
import { normalizeText } from '../../../shared/domain/normalize'
import { parseCreditCode } from '../../../shared/domain/credit-code'
import { localIsoDate } from '../../../shared/domain/dates'
import { parsePhone } from '../../../shared/domain/phone'
import { UNIT_STATUS_LABELS, canApplyReopen, missingItems } from '../../../shared/domain/units'
import type { UnitStatus } from '../../../shared/domain/units'
import { AppError } from '../../../shared/errors'
import type { UnitApplyReopen, UnitApproveReopen, UnitInput, UnitSetStatus } from '../../../shared/schemas/units'
import type { Session } from '../context'
import type { Db } from '../kit/db'
import { compactCode } from '../../../shared/domain'
import { workersOf } from './workers.repo'
import { notFound } from '../kit/errors'
import { assertVisible, inScope } from '../kit/scope'
import { buildingFor } from '../register/household-write'
import type { Tx } from '../store/store'
import { approveReopening, insertReopening, pendingReopening, withdrawPending } from './care.repo'
import { checklistOf } from './care.service'
import { liveUnit } from './live-unit'
import type { UnitRecord, UnitWrite } from './units.repo'
import { getUnit, insertStatusStep, unitIdsNamed, insertUnit, setUnitStatus, softDeleteUnit, unitWithCreditCode, updateUnit } from './units.repo'
import { assertFresh, laterThan } from '../kit/stale'

/**
 * Where a unit is: in a building of the community (found by the register's one address rule,
 * whatever the spelling; its grid is the building's), or at a door number in the grid the clerk
 * chose. A grid worker's unit at a door number goes to their own grid when none is chosen.
 */
function placeOf(tx: Tx, session: Session, input: UnitInput): Pick<UnitWrite, 'buildingId' | 'door' | 'address' | 'gridId'> {
  const door = normalizeText(input.door)
  if (input.compound !== '') {
    const building = buildingFor(tx, session, { compound: input.compound, building: input.building })
    const address = `${formatAddress({ compound: building.compoundName, building: building.buildingName, unit: '', room: '' })}${door ? ` ${door}` : ''}`.trim()
    return { buildingId: building.id, door, address, gridId: building.gridId }
  }
  if (input.gridId !== null) assertVisible(session, input.gridId, notFound('网格', input.gridId))
  const own = session.gridScope === 'all' ? null : (session.gridScope[0] ?? null)
  return { buildingId: null, door, address: door, gridId: input.gridId ?? own }
}

function unitWrite(tx: Tx, session: Session, input: UnitInput, selfId: number | null): UnitWrite {
  let creditCode: string | null = null
  if (input.creditCode !== '') {
    const parsed = parseCreditCode(input.creditCode)
    if (!parsed.ok) throw new AppError('BAD_ARGS', parsed.message, { issues: [{ path: 'creditCode', message: parsed.message }] })
    creditCode = parsed.code
    const other = unitWithCreditCode(tx, creditCode, selfId)
    if (other) {
      throw new AppError('CONFLICT', `统一社会信用代码 ${creditCode} 已登记为“${other.name}”，请勿重复登记。`, {
        issues: [{ path: 'creditCode', message: '该代码已登记' }]
      })
    }
  }
  const phone = parsePhone(input.managerPhone)
  return {
    ...placeOf(tx, session, input),
    kind: input.kind,
    name: input.name,
    managerName: input.managerName,
    managerPhone: phone.ok ? phone.phone : input.managerPhone,
    creditCode,
    pledgeSignedOn: input.pledgeSignedOn,
    notes: input.notes
  }
}

export function createUnit(tx: Tx, session: Session, input: UnitInput, now: Date): number {
  const at = now.toISOString()
  const day = localIsoDate(now)
  const id = insertUnit(tx, unitWrite(tx, session, input, null), 'open', session.actor, day, at)
  insertStatusStep(tx, id, { from: '', to: 'open', day, note: '登记', actor: session.actor, at })
  return id
}

export function changeUnit(tx: Tx, session: Session, id: number, input: UnitInput, now: Date, expectedUpdatedAt?: string): UnitRecord {
  const before = liveUnit(tx, session, id)
  assertFresh(before.updatedAt, expectedUpdatedAt, '这个单位的信息')
  const kept = input.managerPhone === '' ? { ...input, managerPhone: before.managerPhone } : input
  updateUnit(tx, id, unitWrite(tx, session, kept, id), laterThan(now.toISOString(), before.updatedAt))
  return before
}

export function deleteUnit(tx: Tx, session: Session, id: number, reason: string, now: Date): UnitRecord {
  const before = liveUnit(tx, session, id)
  softDeleteUnit(tx, id, session.actor, reason, now.toISOString())
  return before
}

function moveStatus(tx: Tx, session: Session, unit: UnitRecord, to: UnitStatus, day: string, note: string, at: string): void {
  setUnitStatus(tx, unit.id, to, at)
  insertStatusStep(tx, unit.id, { from: unit.status, to, day, note, actor: session.actor, at })
}

/** 营业 / 暂停营业 / 关闭 by hand; an application still pending is withdrawn with it. */
export function setStatusByHand(tx: Tx, session: Session, args: UnitSetStatus, now: Date): UnitRecord {
  const unit = liveUnit(tx, session, args.id)
  if (unit.status === args.status) {
    throw new AppError('RULE_VIOLATION', `${unit.name} 已经是“${UNIT_STATUS_LABELS[unit.status]}”了。`, { status: unit.status })
  }
  withdrawPending(tx, unit.id)
  moveStatus(tx, session, unit, args.status, localIsoDate(now), args.note, now.toISOString())
  return unit
}

/** 申请复工: the clerk's ticks for the stock; the unit moves to 申请复工. */
export function applyReopen(tx: Tx, session: Session, args: UnitApplyReopen, now: Date): UnitRecord {
  const unit = liveUnit(tx, session, args.unitId)
  if (!canApplyReopen(unit.status)) {
    throw new AppError('RULE_VIOLATION', `${unit.name} 现在是“${UNIT_STATUS_LABELS[unit.status]}”，只有暂停营业或关闭的单位才能申请复工。`, {
      status: unit.status
    })
  }
  const day = localIsoDate(now)
  insertReopening(tx, { ...args, appliedOn: day }, session.actor, now.toISOString())
  moveStatus(tx, session, unit, 'applying', day, args.note, now.toISOString())
  return unit
}

/**
 * 批准复工 with a date: every checklist item must hold (the computed ones from the records, the
 * ticks from the application); the checklist is kept with the approval as it stood.
 */
export function approveReopen(tx: Tx, session: Session, args: UnitApproveReopen, now: Date): UnitRecord {
  const unit = liveUnit(tx, session, args.unitId)
  const pending = pendingReopening(tx, unit.id)
  if (unit.status !== 'applying' || !pending) {
    throw new AppError('RULE_VIOLATION', `${unit.name} 没有待批准的复工申请，请先申请复工。`, { status: unit.status })
  }
  const today = localIsoDate(now)
  if (args.approvedOn > today) {
    throw new AppError('BAD_ARGS', `批准日期 ${args.approvedOn} 晚于今天，请核对。`, { issues: [{ path: 'approvedOn', message: '批准日期不能晚于今天' }] })
  }
  if (args.approvedOn < pending.appliedOn) {
    throw new AppError('BAD_ARGS', `批准日期早于申请日期 ${pending.appliedOn}，请核对。`, { issues: [{ path: 'approvedOn', message: '早于申请日期' }] })
  }
  const checklist = checklistOf(tx, unit, pending)
  const missing = missingItems(checklist)
  if (missing.length > 0) {
    throw new AppError('RULE_VIOLATION', `${unit.name} 还不能复工：${missing.join('、')}。`, { missing })
  }
  approveReopening(tx, pending.id, args.approvedOn, session.actor, JSON.stringify(checklist))
  moveStatus(tx, session, unit, 'reopened', args.approvedOn, args.note, now.toISOString())
  return unit
}
export { liveUnit } from './live-unit'

/** The one live unit of this name the caller may see, or null (another grid's is as unknown as a missing one). */
export function liveUnitByName(db: Db, session: Session, name: string): UnitRecord | null {
  const visible = unitIdsNamed(db, name).flatMap((id) => {
    const unit = getUnit(db, id)
    return unit && inScope(session, unit.gridId) ? [unit] : []
  })
  return visible.length === 1 ? (visible[0] ?? null) : null
}

/** A worker on a unit's roll by name (and ID number when two share a name): their id, or why not. */
export function workerOfUnit(db: Db, unitId: number, name: string, idNumber: string): number | 'none' | 'many' {
  const named = workersOf(db, unitId).filter((w) => w.name === name)
  const id = compactCode(idNumber).toUpperCase()
  const matched = id === '' ? named : named.filter((w) => (w.idNumber ?? '').toUpperCase() === id)
  if (matched.length === 0) return 'none'
  return matched.length > 1 ? 'many' : (matched[0]?.id ?? 'none')
}

export { saveChecks } from './workers.service'
