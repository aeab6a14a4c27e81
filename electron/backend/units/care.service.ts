import { INSPECTION_FINDING_LABELS, REOPEN_ITEM_LABELS } from '../../../shared/domain/units'
import type { ReopenCheckItem, ReopenItem } from '../../../shared/domain/units'
import { AppError } from '../../../shared/errors'
import type { UnitCloseInspection, UnitInspect, UnitLinkPlace } from '../../../shared/schemas/units'
import type { Session } from '../context'
import type { Db } from '../kit/db'
import { notFound } from '../kit/errors'
import type { Tx } from '../store/store'
import type { InspectionRecord, ReopeningRecord } from './care.repo'
import {
  closeInspectionRow,
  disinfectionLogCount,
  getInspection,
  insertInspection,
  liveWorkerCount,
  placeUnit,
  setPlaceUnit,
  unobservedOutsiders
} from './care.repo'
import type { UnitRecord } from './units.repo'
import { liveUnit } from './live-unit'

function item(key: ReopenItem, ok: boolean, computed: boolean, detail: string): ReopenCheckItem {
  return { item: key, label: REOPEN_ITEM_LABELS[key], ok, computed, detail }
}

/**
 * The 复工 checklist as the records answer it now: staff registered (at least one worker on the
 * roll), every worker from elsewhere with an observation, a disinfection log for the unit's
 * places, the pledge signed; the stock items are the clerk's ticks on the application.
 */
export function checklistOf(db: Db, unit: UnitRecord, application: ReopeningRecord | null): ReopenCheckItem[] {
  const workers = liveWorkerCount(db, unit.id)
  const unobserved = unobservedOutsiders(db, unit.id)
  const logs = disinfectionLogCount(db, unit.id)
  const tick = (key: 'masks' | 'thermometer' | 'disinfectant') => item(key, application?.[key] === 1, false, application ? '' : '申请时勾选')
  return [
    item('staffRegistered', workers > 0, true, workers > 0 ? `已登记 ${workers} 人` : '还没有登记从业人员'),
    item('outsidersObserved', unobserved.length === 0, true, unobserved.length === 0 ? '' : `未观察：${unobserved.map((w) => w.name).join('、')}`),
    tick('masks'),
    tick('thermometer'),
    tick('disinfectant'),
    item('disinfectionLog', logs > 0, true, logs > 0 ? `消杀记录 ${logs} 条` : '本单位的消杀场所还没有消杀记录'),
    item('pledge', unit.pledgeSignedOn !== null, true, unit.pledgeSignedOn ? `${unit.pledgeSignedOn} 签订` : '承诺书未签订')
  ]
}

export function findingsText(codes: string): string {
  return codes === ''
    ? '未发现问题'
    : codes
        .split(',')
        .map((c) => INSPECTION_FINDING_LABELS[c as keyof typeof INSPECTION_FINDING_LABELS] ?? c)
        .join('、')
}

export function inspect(tx: Tx, session: Session, args: UnitInspect, today: string, at: string): UnitRecord {
  const unit = liveUnit(tx, session, args.unitId)
  if (args.day > today)
    throw new AppError('BAD_ARGS', `巡查日期 ${args.day} 晚于今天，请核对。`, { issues: [{ path: 'day', message: '巡查日期不能晚于今天' }] })
  if (args.rectifyBy !== null && args.rectifyBy < args.day) {
    throw new AppError('BAD_ARGS', '整改期限早于巡查日期，请核对。', { issues: [{ path: 'rectifyBy', message: '整改期限早于巡查日期' }] })
  }
  if (args.rectifyBy !== null && args.findings.length === 0) {
    throw new AppError('BAD_ARGS', '要求整改时请勾选发现的问题。', { issues: [{ path: 'findings', message: '请勾选问题' }] })
  }
  const findings = [...new Set(args.findings)].join(',')
  insertInspection(tx, { unitId: unit.id, day: args.day, inspector: args.inspector, findings, note: args.note, rectifyBy: args.rectifyBy }, session.actor, at)
  return unit
}

export function closeInspection(tx: Tx, session: Session, args: UnitCloseInspection, today: string): { unit: UnitRecord; inspection: InspectionRecord } {
  const inspection = getInspection(tx, args.id)
  if (!inspection) throw notFound('巡查记录', args.id)
  const unit = liveUnit(tx, session, inspection.unitId)
  if (inspection.rectifyBy === null) throw new AppError('RULE_VIOLATION', '这次巡查没有要求整改，无需办结。', { id: args.id })
  if (inspection.closedOn !== null) throw new AppError('RULE_VIOLATION', `这次巡查的整改已于 ${inspection.closedOn} 完成。`, { id: args.id })
  if (args.closedOn > today) throw new AppError('BAD_ARGS', '整改完成日期晚于今天，请核对。', { issues: [{ path: 'closedOn', message: '不能晚于今天' }] })
  if (args.closedOn < inspection.day)
    throw new AppError('BAD_ARGS', '整改完成日期早于巡查日期，请核对。', { issues: [{ path: 'closedOn', message: '早于巡查日期' }] })
  closeInspectionRow(tx, inspection.id, args.closedOn, session.actor, args.note)
  return { unit, inspection }
}

/** A disinfection place of kind 沿街商铺 becomes (or stops being) one of the unit's own places. */
export function linkPlace(tx: Tx, session: Session, args: UnitLinkPlace, at: string): { unit: UnitRecord; placeName: string } {
  const unit = liveUnit(tx, session, args.unitId)
  const owner = placeUnit(tx, args.placeId)
  if (!owner) throw new AppError('NOT_FOUND', '找不到这个消杀场所。', { issues: [{ path: 'placeId', message: '场所不存在' }] })
  const place = { id: args.placeId, name: owner.name, kind: owner.kind }
  if (!args.linked) {
    if (owner?.unitId !== unit.id) throw new AppError('RULE_VIOLATION', `消杀场所“${place.name}”不属于${unit.name}。`, { placeId: place.id })
    setPlaceUnit(tx, place.id, null, at)
    return { unit, placeName: place.name }
  }
  if (place.kind !== 'shop') {
    throw new AppError('RULE_VIOLATION', `消杀场所“${place.name}”不是“沿街商铺”类的场所，不能关联到单位。`, {
      issues: [{ path: 'placeId', message: '请选择沿街商铺类场所' }]
    })
  }
  if (owner?.unitId === unit.id) throw new AppError('RULE_VIOLATION', `消杀场所“${place.name}”已经关联到${unit.name}了。`, { placeId: place.id })
  if (owner?.unitId) {
    throw new AppError('CONFLICT', `消杀场所“${place.name}”已关联到“${owner.unitName ?? ''}”，请先在该单位取消关联。`, { placeId: place.id })
  }
  setPlaceUnit(tx, place.id, unit.id, at)
  return { unit, placeName: place.name }
}
