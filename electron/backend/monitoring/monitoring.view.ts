import type { CheckView, EpisodeEventView, EpisodeView, ReturneePerson } from '../../../shared/contract'
import { maskId, maskPhone } from '../../../shared/domain/mask'
import { isFlagged } from '../../../shared/domain/observation'
import { CLOSING_STATUSES, EPISODE_STATUS_LABELS, SYMPTOMS } from '../../../shared/schemas/monitoring'
import type { EpisodeStatus, Symptom } from '../../../shared/schemas/monitoring'
import { phonesOf } from '../residents/residents.view'
import type { CheckRecord, EpisodeRecord, EventRecord, PersonRecord } from './monitoring.repo'

export function toPerson(r: PersonRecord & { gridId: number | null; gridName: string | null }): ReturneePerson {
  return {
    residentId: r.residentId,
    name: r.name,
    idMasked: maskId(r.idNumber),
    phoneMasked: maskPhone(phonesOf(r)[0]),
    address: r.address,
    gridId: r.gridId,
    gridName: r.gridName ?? ''
  }
}

/**
 * Written out field by field rather than `{ ...toPerson(r), id, ... }`: V8 in Node 20 builds a
 * new chain of hidden classes for every object made by a leading spread plus more properties,
 * and 50 rows of that a call kept the young generation full of survivors (scavenges of 20-40 ms
 * in the worklists' slowest calls).
 */
export function toEpisodeView(r: EpisodeRecord): EpisodeView {
  return {
    residentId: r.residentId,
    name: r.name,
    idMasked: maskId(r.idNumber),
    phoneMasked: maskPhone(phonesOf(r)[0]),
    address: r.address,
    gridId: r.gridId,
    gridName: r.gridName ?? '',
    id: r.id,
    tripId: r.tripId,
    worker: r.worker,
    kind: r.kind,
    startDate: r.startDate,
    days: r.days,
    endDate: r.endDate,
    status: r.status,
    statusDate: r.statusDate,
    statusReason: r.statusReason,
    abnormal: isFlagged(r),
    lastCheckDay: r.lastCheckDay
  }
}

const tenths = (t: number | null) => (t === null ? null : t / 10)

export function toCheckView(c: CheckRecord): CheckView {
  const stored = new Set(c.symptoms.split(','))
  return {
    id: c.id,
    episodeId: c.episodeId,
    day: c.day,
    morning: tenths(c.morning),
    evening: tenths(c.evening),
    symptoms: SYMPTOMS.filter((s): s is Symptom => stored.has(s)),
    outcome: c.outcome,
    abnormal: c.abnormal === 1,
    threshold: c.threshold / 10,
    note: c.note,
    checkedBy: c.checkedBy,
    checkedAt: c.checkedAt
  }
}

function isStatus(value: string): value is EpisodeStatus {
  return value === 'observing' || (CLOSING_STATUSES as readonly string[]).includes(value)
}

export function toEventView(e: EventRecord): EpisodeEventView {
  const label = (v: string) => (isStatus(v) ? EPISODE_STATUS_LABELS[v] : v)
  const text =
    e.kind === 'start'
      ? `开始观察：${e.toValue}`
      : e.kind === 'status'
        ? `${label(e.fromValue)} → ${label(e.toValue)}`
        : e.kind === 'duration'
          ? `观察期 ${e.fromValue} → ${e.toValue}`
          : `责任网格员 ${e.fromValue || '（无）'} → ${e.toValue}`
  return { at: e.at, actor: e.actor, kind: e.kind, text, reason: e.reason }
}
