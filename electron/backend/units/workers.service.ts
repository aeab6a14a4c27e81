import type { UnitCheckRow } from '../../../shared/contract/units'
import { localIsoDate } from '../../../shared/domain/dates'
import { toTenths } from '../../../shared/domain/temperature'
import { healthOf } from '../../../shared/domain/units'
import { AppError } from '../../../shared/errors'
import type { UnitAddWorker, UnitSaveChecks } from '../../../shared/schemas/units'
import type { MonitoringSettings } from '../../../shared/schemas/settings'
import type { Session } from '../context'
import type { Db } from '../kit/db'
import { notFound } from '../kit/errors'
import { startEpisode } from '../monitoring/monitoring.service'
import { liveResident, registerPersonElsewhere } from '../residents/residents.service'
import { registerTrip } from '../returnees/returnees.service'
import type { Tx } from '../store/store'
import { liveUnit } from './live-unit'
import type { UnitRecord } from './units.repo'
import type { WorkerRecord } from './workers.repo'
import { checksOn, getWorker, insertWorker, markLeft, upsertUnitCheck, workerInUnit, workersOf } from './workers.repo'

export interface WorkerAdded {
  unit: UnitRecord
  name: string
  workerId: number
}

/**
 * A worker: a person of the register, or someone living elsewhere, who gets a person record of
 * their own in the unit's grid (the residents domain's rules: document, phone, one person per
 * document). Their trip is registered by the returnees domain and their observation started by
 * the monitoring domain, in this same transaction: the unit's page reads those rows, never copies.
 */
export function addWorker(tx: Tx, session: Session, args: UnitAddWorker, settings: MonitoringSettings, now: Date): WorkerAdded {
  const unit = liveUnit(tx, session, args.unitId)
  const today = localIsoDate(now)
  const at = now.toISOString()
  let residentId: number
  let name: string
  if (args.residentId !== null) {
    const person = liveResident(tx, session, args.residentId)
    residentId = person.id
    name = person.name
  } else {
    const o = args.outsider
    if (!o) throw new AppError('BAD_ARGS', '请从居民名单中选择，或填写外地人员的信息。', { issues: [{ path: 'residentId', message: '请选择人员' }] })
    const fields = {
      name: o.name,
      idType: o.idType,
      idNumber: o.idNumber,
      sex: null,
      birthDate: null,
      phones: [o.phone],
      tags: [],
      personType: 'floating' as const,
      relation: null,
      notes: `${unit.name}从业人员，家庭住址：${o.homeAddress}`
    }
    residentId = registerPersonElsewhere(tx, session, fields, unit.gridId, now, at)
    name = o.name
  }
  if (workerInUnit(tx, unit.id, residentId)) {
    throw new AppError('CONFLICT', `${name} 已经是${unit.name}的从业人员了，不能重复登记。`, { issues: [{ path: 'residentId', message: '已在本单位登记' }] })
  }
  const workerId = insertWorker(
    tx,
    { unitId: unit.id, residentId, role: args.role, homeAddress: args.outsider?.homeAddress ?? '', fromElsewhere: args.outsider !== null },
    today,
    session.actor,
    at
  )
  if (args.trip) {
    const tripId = registerTrip(tx, session, residentId, args.trip, today, at)
    if (args.episode) {
      const { kind, startDate, worker } = args.episode
      startEpisode(tx, session, { residentId, tripId, kind, startDate: startDate ?? args.trip.returnDate, worker }, settings, today, at)
    }
  }
  return { unit, name, workerId }
}

/** A worker of a unit the caller may see; another grid's answers as a missing one. */
export function liveWorker(db: Db, session: Session, workerId: number): { worker: WorkerRecord; unit: UnitRecord } {
  const worker = getWorker(db, workerId)
  if (!worker || worker.leftAt !== null) throw notFound('从业人员', workerId)
  const unit = liveUnit(db, session, worker.unitId)
  return { worker, unit }
}

export function removeWorker(tx: Tx, session: Session, workerId: number, at: string): { worker: WorkerRecord; unit: UnitRecord } {
  const found = liveWorker(tx, session, workerId)
  markLeft(tx, workerId, at)
  return found
}

export function checkRows(db: Db, unitId: number, day: string, threshold: number): UnitCheckRow[] {
  const checks = checksOn(db, unitId, day)
  return workersOf(db, unitId).map((w) => {
    const c = checks.get(w.id)
    const am = c?.amTenths ?? null
    const pm = c?.pmTenths ?? null
    return {
      workerId: w.id,
      name: w.name,
      role: w.role,
      am: am === null ? null : am / 10,
      pm: pm === null ? null : pm / 10,
      health: healthOf(am, pm, threshold),
      reportedBy: c?.reportedBy ?? ''
    }
  })
}

/**
 * The day's check-in typed in the unit's grid (or imported): every row a worker of this unit on
 * the roll, the day not in the future, all rows or none. A row with neither reading is skipped.
 */
export function saveChecks(
  tx: Tx,
  session: Session,
  args: UnitSaveChecks,
  threshold: number,
  now: Date
): { unit: UnitRecord; saved: number; abnormal: string[] } {
  const unit = liveUnit(tx, session, args.unitId)
  if (args.day > localIsoDate(now)) {
    throw new AppError('BAD_ARGS', `不能登记 ${args.day} 的体温：还没有到这一天。`, { issues: [{ path: 'day', message: '日期晚于今天' }] })
  }
  const roll = new Map(workersOf(tx, unit.id).map((w) => [w.id, w] as const))
  const abnormal: string[] = []
  let saved = 0
  const seen = new Set<number>()
  args.rows.forEach((row, index) => {
    const worker = roll.get(row.workerId)
    if (!worker)
      throw new AppError('NOT_FOUND', `第 ${index + 1} 行的人员不是${unit.name}在册的从业人员。`, {
        issues: [{ path: `rows.${index}`, message: '不是本单位人员' }]
      })
    if (seen.has(row.workerId))
      throw new AppError('BAD_ARGS', `${worker.name} 填了两行，请合并后再保存。`, { issues: [{ path: `rows.${index}`, message: '重复' }] })
    seen.add(row.workerId)
    if (row.am === null && row.pm === null) return
    const am = row.am === null ? null : toTenths(row.am)
    const pm = row.pm === null ? null : toTenths(row.pm)
    const isAbnormal = healthOf(am, pm, threshold) === 'abnormal'
    if (isAbnormal) abnormal.push(worker.name)
    upsertUnitCheck(tx, {
      workerId: worker.id,
      unitId: unit.id,
      day: args.day,
      am,
      pm,
      abnormal: isAbnormal,
      threshold: toTenths(threshold),
      reportedBy: args.reportedBy || unit.managerName,
      by: session.actor,
      at: now.toISOString()
    })
    saved++
  })
  return { unit, saved, abnormal }
}
