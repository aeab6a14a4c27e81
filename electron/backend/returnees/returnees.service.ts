import type { TripView } from '../../../shared/contract'
import { localIsoDate } from '../../../shared/domain/dates'
import { isFlagged } from '../../../shared/domain/observation'
import { formatOrigin } from '../../../shared/domain/regions'
import { AppError } from '../../../shared/errors'
import type { ReturneesListArgs, ReturneesStartArgs, TripFields } from '../../../shared/schemas/returnees'
import type { MonitoringSettings } from '../../../shared/schemas/settings'
import { startEpisode } from '../monitoring/monitoring.service'
import type { Page } from '../../../shared/schemas/common'
import type { Session } from '../context'
import { toPerson } from '../monitoring/monitoring.view'
import type { Db } from '../kit/db'
import { scopeSql } from '../kit/scope'
import { inScope } from '../kit/scope'
import { pageOf } from '../kit/paging'
import { getResident } from '../residents/residents.repo'
import { liveResident } from '../residents/residents.service'
import type { Tx } from '../store/store'
import { assertFresh, laterThan } from '../kit/stale'
import type { TripEpisode, TripRecord, TripWrite } from './returnees.repo'
import { companionsOf, getTrip, insertTrip, tripCount, tripEpisodes, tripOn, tripPage, updateTrip, voidTrip, writeCompanions } from './returnees.repo'

/**
 * Companions from the register take their name from it; the person cannot travel with themself.
 * A grid worker may only name people of their own grids: anyone else is refused exactly as an
 * id that does not exist, so companions cannot be used to learn who lives elsewhere.
 */
function checkCompanions(db: Db, session: Session, residentId: number, companions: TripFields['companions']): { residentId: number | null; name: string }[] {
  return companions.map((c, index) => {
    if (c.residentId === null) return { residentId: null, name: c.name }
    if (c.residentId === residentId) {
      throw new AppError('BAD_ARGS', '同行人员不能是本人。', { issues: [{ path: `companions.${index}`, message: '同行人员不能是本人' }] })
    }
    const companion = getResident(db, c.residentId)
    if (!companion || companion.deletedAt || !inScope(session, companion.gridId)) {
      throw new AppError('NOT_FOUND', `同行人员“${c.name}”不在您可查看的居民名单中，请从名单中选择，或只填写姓名。`, {
        issues: [{ path: `companions.${index}`, message: '名单中找不到此人' }]
      })
    }
    return { residentId: companion.id, name: companion.name }
  })
}

function tripWrite(residentId: number, trip: TripFields): TripWrite {
  return {
    residentId,
    province: trip.origin.province,
    city: trip.origin.city,
    district: trip.origin.district,
    via: trip.via,
    returnDate: trip.returnDate,
    transport: trip.transport,
    transportNo: trip.transportNo.toUpperCase(),
    reason: trip.reason,
    notes: trip.notes
  }
}

function checkTrip(db: Db, residentId: number, trip: TripFields, today: string, selfId: number | null, name: string): void {
  if (trip.returnDate > today) {
    throw new AppError('BAD_ARGS', `返程日期 ${trip.returnDate} 晚于今天，请核对。`, { issues: [{ path: 'returnDate', message: '返程日期不能晚于今天' }] })
  }
  if (tripOn(db, residentId, trip.returnDate, selfId)) {
    throw new AppError('CONFLICT', `${name} ${trip.returnDate} 的返程已经登记过了，请在其档案中查看或修改。`, {
      issues: [{ path: 'returnDate', message: '这一天的返程已登记' }]
    })
  }
}

/**
 * Registers one trip of a person already in the register (and in the caller's grids).
 * The Excel import calls this too, one row at a time, inside its own transaction.
 */
export function registerTrip(tx: Tx, session: Session, residentId: number, trip: TripFields, today: string, at: string): number {
  const resident = liveResident(tx, session, residentId)
  checkTrip(tx, residentId, trip, today, null, resident.name)
  const companions = checkCompanions(tx, session, residentId, trip.companions)
  const id = insertTrip(tx, tripWrite(residentId, trip), today, session.actor, at)
  writeCompanions(tx, id, companions)
  return id
}

export function liveTrip(db: Db, session: Session, id: number): TripRecord {
  const trip = getTrip(db, id)
  if (!trip) throw new AppError('NOT_FOUND', `找不到该返程登记（编号 ${id}）。`, { id })
  liveResident(db, session, trip.residentId)
  return trip
}

/** A voided trip is history: it is neither corrected nor voided again. */
function assertActive(trip: TripRecord, action: string): void {
  if (trip.status === 'active') return
  // The office's day it was voided, as "today" is (voided_at is a UTC instant).
  const day = trip.voidedAt ? localIsoDate(new Date(trip.voidedAt)) : ''
  throw new AppError('RULE_VIOLATION', `${trip.name} ${trip.returnDate} 的返程登记已于 ${day} 作废，不能再${action}。`, {
    id: trip.id
  })
}

export function changeTrip(tx: Tx, session: Session, id: number, trip: TripFields, today: string, now: string, expectedUpdatedAt?: string): TripRecord {
  const before = liveTrip(tx, session, id)
  assertFresh(before.updatedAt, expectedUpdatedAt, '这条返程登记')
  const at = laterThan(now, before.updatedAt)
  assertActive(before, '修改')
  checkTrip(tx, before.residentId, trip, today, id, before.name)
  const companions = checkCompanions(tx, session, before.residentId, trip.companions)
  const { residentId: _unused, ...w } = tripWrite(before.residentId, trip)
  updateTrip(tx, id, w, at)
  writeCompanions(tx, id, companions)
  return before
}

/**
 * 作废 a mistaken trip, with the reason. An observation still running for it is the clerk's to
 * end first (解除, or 转送医院/失联), so nobody stops being followed up by a slip of the mouse.
 */
export function cancelTrip(tx: Tx, session: Session, id: number, reason: string, at: string): TripRecord {
  const before = liveTrip(tx, session, id)
  assertActive(before, '作废')
  const episode = tripEpisodes(tx, [id]).get(id)
  if (episode?.status === 'observing') {
    throw new AppError('RULE_VIOLATION', `${before.name} 为这次返程开始的观察还在进行中（至 ${episode.endDate}），请先点“查看”解除观察，再作废这条登记。`, {
      id,
      episodeId: episode.id
    })
  }
  voidTrip(tx, id, reason, session.actor, at)
  return before
}

/**
 * 开始观察 for many trips in one transaction, each from its own return date: a trip that already
 * had an observation, or a person already being observed, refuses the whole batch by name.
 */
export function startForTrips(tx: Tx, session: Session, args: ReturneesStartArgs, settings: MonitoringSettings, today: string, at: string): string[] {
  const ids = [...new Set(args.tripIds)]
  const started = tripEpisodes(tx, ids)
  return ids.map((id) => {
    const trip = liveTrip(tx, session, id)
    assertActive(trip, '开始观察')
    const episode = started.get(id)
    if (episode) {
      throw new AppError('CONFLICT', `${trip.name} ${trip.returnDate} 的返程已经开始过观察，请取消勾选后再试。`, { id, episodeId: episode.id })
    }
    startEpisode(tx, session, { residentId: trip.residentId, tripId: id, kind: args.kind, startDate: trip.returnDate }, settings, today, at)
    return trip.name
  })
}

export function toTripViews(db: Db, records: TripRecord[]): TripView[] {
  const companions = companionsOf(
    db,
    records.map((r) => r.id)
  )
  const episodes = tripEpisodes(
    db,
    records.map((r) => r.id)
  )
  return records.map((r) => toTripView(r, companions.get(r.id) ?? [], episodes.get(r.id)))
}

function toTripView(r: TripRecord, companions: { residentId: number | null; name: string }[], episode: TripEpisode | undefined): TripView {
  const origin = { province: r.province, city: r.city, district: r.district }
  // Added to the person, not spread into a new literal (see toEpisodeView: hidden-class garbage).
  return Object.assign(toPerson(r), {
    id: r.id,
    origin,
    originText: formatOrigin(origin),
    via: r.via,
    returnDate: r.returnDate,
    transport: r.transport,
    transportNo: r.transportNo,
    companions,
    reason: r.reason,
    notes: r.notes,
    registeredOn: r.registeredOn,
    registeredBy: r.registeredBy,
    episode: episode
      ? { id: episode.id, kind: episode.kind, status: episode.status, startDate: episode.startDate, endDate: episode.endDate, abnormal: isFlagged(episode) }
      : null,
    voided: r.status === 'voided' ? { at: r.voidedAt ?? '', by: r.voidedBy, reason: r.voidReason } : null,
    updatedAt: r.updatedAt
  })
}

export function tripViewOf(db: Db, session: Session, id: number): TripView {
  const [view] = toTripViews(db, [liveTrip(db, session, id)])
  if (!view) throw new AppError('INTERNAL', '读取返程登记失败。')
  return view
}

export function listTrips(db: Db, session: Session, args: ReturneesListArgs): Page<TripView> {
  const { page, pageSize, offset } = pageOf(args)
  const filter = {
    q: args.q || undefined,
    from: args.from,
    to: args.to,
    province: args.province || undefined,
    gridId: args.gridId,
    scope: scopeSql('r.grid_id', session.gridScope)
  }
  return { rows: toTripViews(db, tripPage(db, filter, pageSize, offset)), total: tripCount(db, filter), page, pageSize }
}
