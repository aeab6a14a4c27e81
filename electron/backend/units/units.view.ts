import type { UnitDetail, UnitInspection, UnitPlace, UnitReopening, UnitRow, UnitWorkerView } from '../../../shared/contract/units'
import { maskId, maskPhone } from '../../../shared/domain/mask'
import { EPISODE_KIND_LABELS } from '../../../shared/domain/observation'
import { formatOrigin } from '../../../shared/domain/regions'
import type { InspectionFinding, ReopenCheckItem, UnitStatus } from '../../../shared/domain/units'
import { healthOf } from '../../../shared/domain/units'
import { scheduleStatus, scheduleText } from '../../../shared/domain/disinfection-schedule'
import type { Db } from '../kit/db'
import { inspectionsOf, latestLogs, pendingReopening, placesOfUnit, reopeningsOf } from './care.repo'
import type { InspectionRecord, ReopeningRecord, UnitPlaceRecord } from './care.repo'
import { checklistOf } from './care.service'
import type { UnitListRecord, UnitRecord } from './units.repo'
import { getUnitFigures, statusStepsOf } from './units.repo'
import { checksOn, latestEpisodes, latestTrips, workersOf } from './workers.repo'

const EPISODE_STATUS_LABELS: Record<string, string> = { observing: '观察中', released: '已解除', hospital: '转送医院', lost: '失联' }

export function toUnitRow(r: UnitListRecord): UnitRow {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    address: r.address,
    gridId: r.gridId,
    gridName: r.gridName,
    managerName: r.managerName,
    managerPhone: maskPhone(r.managerPhone),
    creditCode: r.creditCode ?? '',
    status: r.status,
    pledgeSignedOn: r.pledgeSignedOn,
    workers: Number(r.workers),
    abnormalToday: Number(r.abnormalToday),
    overdueRectifications: Number(r.overdueRectifications)
  }
}

function workerViews(db: Db, unitId: number, today: string, threshold: number): UnitWorkerView[] {
  const workers = workersOf(db, unitId)
  const ids = workers.map((w) => w.residentId)
  const trips = latestTrips(db, ids)
  const episodes = latestEpisodes(db, ids)
  const checks = checksOn(db, unitId, today)
  return workers.map((w) => {
    const trip = trips.get(w.residentId)
    const episode = episodes.get(w.residentId)
    const check = checks.get(w.id)
    const am = check?.amTenths ?? null
    const pm = check?.pmTenths ?? null
    return {
      id: w.id,
      residentId: w.residentId,
      name: w.name,
      idNumber: maskId(w.idNumber),
      phone: maskPhone(w.phone),
      role: w.role,
      address: w.address ?? '',
      fromElsewhere: w.fromElsewhere === 1,
      trip: trip ? { id: trip.id, origin: formatOrigin({ province: trip.province, city: trip.city, district: '' }), returnDate: trip.returnDate } : null,
      episode: episode
        ? {
            id: episode.id,
            kind: EPISODE_KIND_LABELS[episode.kind as keyof typeof EPISODE_KIND_LABELS] ?? episode.kind,
            status: EPISODE_STATUS_LABELS[episode.status] ?? episode.status,
            startDate: episode.startDate,
            endDate: episode.endDate,
            observing: episode.status === 'observing'
          }
        : null,
      am: am === null ? null : am / 10,
      pm: pm === null ? null : pm / 10,
      health: healthOf(am, pm, threshold)
    }
  })
}

function toReopening(db: Db, unit: UnitRecord, r: ReopeningRecord): UnitReopening {
  const checklist: ReopenCheckItem[] = r.checklist ? (JSON.parse(r.checklist) as ReopenCheckItem[]) : checklistOf(db, unit, r)
  return {
    id: r.id,
    appliedOn: r.appliedOn,
    appliedBy: r.appliedBy,
    decision: r.decision,
    approvedOn: r.approvedOn,
    approvedBy: r.approvedBy,
    note: r.note,
    checklist
  }
}

export function toInspection(r: InspectionRecord, today: string): UnitInspection {
  return {
    id: r.id,
    day: r.day,
    inspector: r.inspector,
    findings: r.findings === '' ? [] : (r.findings.split(',') as InspectionFinding[]),
    note: r.note,
    rectifyBy: r.rectifyBy,
    closedOn: r.closedOn,
    closedBy: r.closedBy,
    closeNote: r.closeNote,
    overdue: r.closedOn === null && r.rectifyBy !== null && r.rectifyBy < today
  }
}

/** A place and its latest log as the disinfection page shows them, overdue by the one schedule rule. */
function toUnitPlace(db: Db, p: UnitPlaceRecord, nowLocal: string): UnitPlace {
  const active = p.active === 1
  const status = scheduleStatus(
    { schedule: p.schedule, timesPerDay: p.timesPerDay, intervalDays: p.intervalDays, lastDoneAt: p.lastDoneAt, createdAt: p.createdAt },
    nowLocal
  )
  const { active: _active, createdAt: _createdAt, gridName, ...rest } = p
  return {
    place: {
      ...rest,
      gridName: gridName ?? '',
      scheduleText: scheduleText(p),
      active,
      nextDueAt: status.nextDueAt,
      overdue: active && status.overdue,
      overdueText: active ? status.overdueText : ''
    },
    logs: latestLogs(db, p.id, 10).map((l) => ({ ...l, placeName: p.name, placeKind: p.kind, building: p.building }))
  }
}

function placesOf(db: Db, unitId: number, nowLocal: string): UnitPlace[] {
  return placesOfUnit(db, unitId).map((p) => toUnitPlace(db, p, nowLocal))
}

/** The unit's page: its figures, workers with today's health, history, 复工, 巡查 and disinfection. */
export function toUnitDetail(db: Db, unit: UnitRecord, today: string, nowLocal: string, threshold: number): UnitDetail {
  const figures = getUnitFigures(db, unit.id, today)
  if (!figures) throw new Error('a live unit has its figures')
  return {
    ...toUnitRow(figures),
    compound: unit.compound,
    building: unit.building,
    door: unit.door,
    notes: unit.notes,
    createdBy: unit.createdBy,
    updatedAt: unit.updatedAt,
    history: statusStepsOf(db, unit.id).map((s) => ({ ...s, from: s.from === '' ? null : (s.from as UnitStatus) })),
    workerList: workerViews(db, unit.id, today, threshold),
    reopenings: reopeningsOf(db, unit.id).map((r) => toReopening(db, unit, r)),
    inspections: inspectionsOf(db, unit.id).map((r) => toInspection(r, today)),
    places: placesOf(db, unit.id, nowLocal),
    checklist: checklistOf(db, unit, pendingReopening(db, unit.id) ?? null)
  }
}
