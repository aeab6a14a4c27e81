import { addDays, localIsoDate } from '../../../shared/domain/dates'
import { checkVerdict } from '../../../shared/domain/observation'
import { toTenths } from '../../../shared/domain/temperature'
import { AppError } from '../../../shared/errors'
import { EPISODE_KIND_LABELS, EPISODE_STATUS_LABELS } from '../../../shared/schemas/monitoring'
import type { ClosingStatus, EpisodeKind, MonitoringCheck } from '../../../shared/schemas/monitoring'
import { monitoringSettings } from '../../../shared/schemas/settings'
import type { MonitoringSettings } from '../../../shared/schemas/settings'
import type { Session } from '../context'
import type { Db } from '../kit/db'
import { assertVisible } from '../kit/scope'
import { notFound } from '../kit/errors'
import { liveResident } from '../residents/residents.service'
import { loadSettings } from '../settings/settings.service'
import type { Tx } from '../store/store'
import type { EpisodeRecord } from './monitoring.repo'
import { keptHomeRows } from './kept-home.repo'
import { tripForStart, tripOwner } from './trip-counts.repo'
import {
  defaultWorkerOf,
  getEpisode,
  insertEpisode,
  insertEvent,
  openEpisodeOf,
  refreshFlag,
  setDuration,
  setStatus,
  setWorker,
  upsertCheck
} from './monitoring.repo'

/** "Today" is the office's local calendar day of the backend clock. */
export const todayOf = (now: Date): string => localIsoDate(now)

export function settingsOf(store: Db): MonitoringSettings {
  return monitoringSettings(loadSettings(store))
}

const DAYS_KEY: Record<EpisodeKind, keyof MonitoringSettings> = {
  home_observation: 'daysHomeObservation',
  home_isolation: 'daysHomeIsolation',
  central_isolation: 'daysCentralIsolation',
  health_monitoring: 'daysHealthMonitoring'
}

export function daysFor(settings: MonitoringSettings, kind: EpisodeKind): number {
  return settings[DAYS_KEY[kind]]
}

/** End date = start + N days (DOMAIN.md): 14 days from 2026-02-03 ends on 2026-02-17. */
export function endDateOf(startDate: string, days: number): string {
  return addDays(startDate, days)
}

const periodText = (days: number, start: string, end: string) => `${days} 天（${start} 至 ${end}）`

export function liveEpisode(db: Db, session: Session, id: number): EpisodeRecord {
  const episode = getEpisode(db, id)
  if (!episode) throw notFound('观察记录', id)
  assertVisible(session, episode.gridId, notFound('观察记录', id))
  return episode
}

const CLOSED_AS: Record<EpisodeRecord['status'], string> = { observing: '在观察', released: '解除观察', hospital: '转送医院', lost: '标记为失联' }

/** Closed episodes are history: no more checks, no second release, no new period. */
function assertOpen(episode: EpisodeRecord, action: string): void {
  if (episode.status === 'observing') return
  const when = episode.statusDate ? `已于 ${episode.statusDate} ` : '已'
  throw new AppError('RULE_VIOLATION', `${episode.name} ${when}${CLOSED_AS[episode.status]}，不能再${action}。`, {
    episodeId: episode.id,
    status: episode.status
  })
}

export interface StartInput {
  residentId: number
  tripId: number | null
  kind: EpisodeKind
  startDate?: string | undefined
  worker?: string | undefined
}

/**
 * Each trip shows the episode started for it: a named trip must be the person's and still count;
 * without one, the episode belongs to the latest trip returned on or before its start (or none).
 */
function tripOfStart(db: Db, input: StartInput, startDate: string): number | null {
  if (input.tripId === null) return tripForStart(db, input.residentId, startDate)
  const trip = tripOwner(db, input.tripId)
  if (!trip || trip.residentId !== input.residentId) throw notFound('返程登记', input.tripId)
  if (!trip.live) {
    throw new AppError('RULE_VIOLATION', '这条返程登记已作废，不能再为它开始观察。', {
      tripId: input.tripId,
      issues: [{ path: 'tripId', message: '返程登记已作废' }]
    })
  }
  return input.tripId
}

export function startEpisode(tx: Tx, session: Session, input: StartInput, settings: MonitoringSettings, today: string, at: string): number {
  const resident = liveResident(tx, session, input.residentId)
  const open = openEpisodeOf(tx, input.residentId)
  if (open) {
    throw new AppError('CONFLICT', `${resident.name} 正在${EPISODE_KIND_LABELS[open.kind]}中（至 ${open.endDate}），请先解除或调整原观察。`, {
      episodeId: open.id,
      issues: [{ path: 'kind', message: '已在观察中' }]
    })
  }
  const startDate = input.startDate ?? today
  if (startDate > today) {
    throw new AppError('BAD_ARGS', `观察开始日期 ${startDate} 晚于今天，请核对。`, { issues: [{ path: 'startDate', message: '开始日期不能晚于今天' }] })
  }
  const tripId = tripOfStart(tx, input, startDate)
  const days = daysFor(settings, input.kind)
  const endDate = endDateOf(startDate, days)
  const worker = input.worker || (resident.gridId === null ? '' : defaultWorkerOf(tx, resident.gridId))
  const id = insertEpisode(tx, { residentId: input.residentId, tripId, gridId: resident.gridId, worker, kind: input.kind, startDate, days, endDate }, at)
  insertEvent(tx, {
    episodeId: id,
    at,
    actor: session.actor,
    kind: 'start',
    from: '',
    to: `${EPISODE_KIND_LABELS[input.kind]} ${periodText(days, startDate, endDate)}`,
    reason: ''
  })
  return id
}

/** Extending or shortening keeps the start and records the old period in the history. */
export function changeDuration(tx: Tx, session: Session, episodeId: number, days: number, reason: string, at: string): EpisodeRecord {
  const episode = liveEpisode(tx, session, episodeId)
  assertOpen(episode, '调整观察期')
  if (days === episode.days) {
    throw new AppError('RULE_VIOLATION', `观察期已经是 ${days} 天，没有变化。`, { issues: [{ path: 'days', message: '天数没有变化' }] })
  }
  const endDate = endDateOf(episode.startDate, days)
  setDuration(tx, episodeId, days, endDate, at)
  insertEvent(tx, {
    episodeId,
    at,
    actor: session.actor,
    kind: 'duration',
    from: periodText(episode.days, episode.startDate, episode.endDate),
    to: periodText(days, episode.startDate, endDate),
    reason
  })
  return episode
}

export function closeEpisode(
  tx: Tx,
  session: Session,
  input: { episodeId: number; status: ClosingStatus; date?: string | undefined; reason: string },
  today: string,
  at: string
): EpisodeRecord {
  const episode = liveEpisode(tx, session, input.episodeId)
  assertOpen(episode, input.status === 'released' ? '重复解除' : `标记为${EPISODE_STATUS_LABELS[input.status]}`)
  const date = input.date ?? today
  if (date > today) throw new AppError('BAD_ARGS', `日期 ${date} 晚于今天，请核对。`, { issues: [{ path: 'date', message: '日期不能晚于今天' }] })
  if (date < episode.startDate) {
    throw new AppError('BAD_ARGS', `日期 ${date} 早于观察开始日期 ${episode.startDate}，请核对。`, {
      issues: [{ path: 'date', message: '日期早于观察开始日期' }]
    })
  }
  if (input.status === 'released' && date < episode.endDate && input.reason === '') {
    throw new AppError('BAD_ARGS', `${episode.name} 的观察期到 ${episode.endDate} 才满，提前解除请填写原因。`, {
      issues: [{ path: 'reason', message: '提前解除请填写原因' }]
    })
  }
  setStatus(tx, episode.id, input.status, date, input.reason, at)
  insertEvent(tx, { episodeId: episode.id, at, actor: session.actor, kind: 'status', from: episode.status, to: input.status, reason: input.reason })
  return episode
}

export function changeWorker(tx: Tx, session: Session, episodeId: number, worker: string, at: string): EpisodeRecord {
  const episode = liveEpisode(tx, session, episodeId)
  assertOpen(episode, '更换责任网格员')
  setWorker(tx, episodeId, worker, at)
  insertEvent(tx, { episodeId, at, actor: session.actor, kind: 'worker', from: episode.worker, to: worker, reason: '' })
  return episode
}

/** Saves the day's check (morning and evening on one row) and refreshes the red flag. */
export function saveCheck(
  tx: Tx,
  session: Session,
  args: MonitoringCheck,
  threshold: number,
  today: string,
  at: string
): { episode: EpisodeRecord; day: string; abnormal: boolean; fever: boolean } {
  const episode = liveEpisode(tx, session, args.episodeId)
  assertOpen(episode, '登记体温')
  const day = args.day ?? today
  if (day > today) throw new AppError('BAD_ARGS', `不能登记 ${day} 的体温：还没有到这一天。`, { issues: [{ path: 'day', message: '日期晚于今天' }] })
  if (day < episode.startDate) {
    throw new AppError('BAD_ARGS', `${day} 早于 ${episode.name} 的观察开始日期 ${episode.startDate}。`, {
      issues: [{ path: 'day', message: '早于观察开始日期' }]
    })
  }
  const verdict = checkVerdict(args, threshold)
  upsertCheck(tx, {
    episodeId: episode.id,
    day,
    morning: args.morning === null ? null : toTenths(args.morning),
    evening: args.evening === null ? null : toTenths(args.evening),
    symptoms: [...new Set(args.symptoms)].join(','),
    outcome: verdict.outcome,
    abnormal: verdict.abnormal ? 1 : 0,
    threshold: toTenths(threshold),
    note: args.note,
    checkedBy: session.actor,
    checkedAt: at
  })
  refreshFlag(tx, episode.id)
  return { episode, day, abnormal: verdict.abnormal, fever: verdict.fever }
}

/** Households kept at home by an open 居家观察 / 居家隔离, with the kind and the last end date. */
export function keptHomeOf(db: Db, householdIds: readonly number[]): Map<number, { kind: EpisodeKind; endDate: string }> {
  const out = new Map<number, { kind: EpisodeKind; endDate: string }>()
  for (const row of keptHomeRows(db, [...new Set(householdIds)])) {
    const seen = out.get(row.householdId)
    if (!seen || row.endDate > seen.endDate) out.set(row.householdId, { kind: row.kind, endDate: row.endDate })
  }
  return out
}
