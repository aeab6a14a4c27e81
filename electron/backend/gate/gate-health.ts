import type { GateEntryHealth } from '../../../shared/contract'
import { localIsoDate } from '../../../shared/domain/dates'
import { GATE_ACTION_LABELS } from '../../../shared/domain/gate'
import { formatTemperature, toTenths } from '../../../shared/domain/temperature'
import { AppError } from '../../../shared/errors'
import { EPISODE_KIND_LABELS } from '../../../shared/schemas/monitoring'
import type { Session } from '../context'
import { checkOn, getEpisode, openEpisodeOf, refreshFlag, upsertCheck } from '../monitoring/monitoring.repo'
import type { CheckRecord, CheckWrite } from '../monitoring/monitoring.repo'
import { closeEpisode } from '../monitoring/monitoring.service'
import type { Db } from '../kit/db'
import type { Tx } from '../store/store'
import { deleteCheck, linkEntryToCheck } from './gate-health.repo'
import type { GateEntryRecord } from './gate.repo'

/**
 * A gate fever of a registered resident is a health event of that person (issue 16). Every gate
 * fever is already listed by person (gate-health.repo.ts: detail page, the day's 异常, counts);
 * when the person is under observation it is also the day's check of their episode: the gate's
 * reading in the morning or evening slot (by the hour), outcome 异常, the checkpoint in the note.
 * The check row as it was is kept on the entry so a 更正 can take the fever back.
 */
export function recordGateFever(tx: Tx, entry: GateEntryRecord, threshold: number): number | null {
  if (entry.resident_id === null || entry.abnormal !== 1) return null
  const open = openEpisodeOf(tx, entry.resident_id)
  if (!open) return null
  const at = new Date(entry.at)
  const day = localIsoDate(at)
  const before = checkOn(tx, open.id, day) ?? null
  const slot = at.getHours() < 12 ? 'morning' : 'evening'
  const reading = entry.temperature_tenths
  const keep = (value: number | null | undefined): number | null => value ?? null
  const morning = slot === 'morning' ? Math.max(keep(before?.morning) ?? 0, reading) : keep(before?.morning)
  const evening = slot === 'evening' ? Math.max(keep(before?.evening) ?? 0, reading) : keep(before?.evening)
  const said = `卡口（${entry.checkpoint_name}）测得 ${formatTemperature(reading)}，${GATE_ACTION_LABELS[entry.action]}`
  upsertCheck(tx, {
    episodeId: open.id,
    day,
    morning,
    evening,
    symptoms: before?.symptoms ?? '',
    outcome: 'abnormal',
    abnormal: 1,
    threshold: toTenths(threshold),
    note: before?.note ? `${before.note}；${said}` : said,
    checkedBy: entry.registered_by,
    checkedAt: entry.at
  })
  refreshFlag(tx, open.id)
  linkEntryToCheck(tx, entry.id, open.id, JSON.stringify(before))
  return open.id
}

const asWrite = (c: CheckRecord): CheckWrite => ({
  episodeId: c.episodeId,
  day: c.day,
  morning: c.morning,
  evening: c.evening,
  symptoms: c.symptoms,
  outcome: c.outcome,
  abnormal: c.abnormal,
  threshold: c.threshold,
  note: c.note,
  checkedBy: c.checkedBy,
  checkedAt: c.checkedAt
})

/**
 * Takes a gate fever back out of the episode's check (a 更正 of the temperature, the direction or
 * the disposition re-records it). Only while the check is still the one the gate wrote: once a
 * grid worker has saved that day's check since, it is theirs, and the 更正 waits for them.
 */
export function unrecordGateFever(tx: Tx, entry: GateEntryRecord): void {
  if (entry.episode_id === null) return
  const day = localIsoDate(new Date(entry.at))
  const now = checkOn(tx, entry.episode_id, day)
  if (now && now.checkedAt !== entry.at) {
    throw new AppError('CONFLICT', `${entry.name} 当天的观察体温在卡口登记后已由网格员更新，请先在“健康监测”中核对该记录，再由社区工作人员更正。`, {
      episodeId: entry.episode_id
    })
  }
  const before = entry.check_before === null ? null : (JSON.parse(entry.check_before) as CheckRecord | null)
  if (before) upsertCheck(tx, asWrite(before))
  else deleteCheck(tx, entry.episode_id, day)
  refreshFlag(tx, entry.episode_id)
  linkEntryToCheck(tx, entry.id, null, null)
}

/** What the gate screen hears back about a resident's fever: was it recorded to an open episode. */
export function healthOf(db: Db, entry: GateEntryRecord): GateEntryHealth | null {
  if (entry.episode_id === null) return null
  const episode = getEpisode(db, entry.episode_id)
  if (!episode) return null
  return { episodeId: episode.id, kind: EPISODE_KIND_LABELS[episode.kind], open: episode.status === 'observing' }
}

/**
 * 送医 of a resident under observation, confirmed at the gate: the episode closes as 转送医院 on
 * the entry's day, with the gate's reading as the reason. Only for today's entry that sent them.
 */
export function closeAsHospital(tx: Tx, session: Session, entry: GateEntryRecord, today: string, at: string): { name: string } {
  if (entry.action !== 'hospital' || entry.abnormal !== 1 || entry.resident_id === null || entry.day !== today) {
    throw new AppError('RULE_VIOLATION', '只有当天体温异常并已送医的居民登记，才能把其观察记录标记为转送医院。')
  }
  if (entry.episode_id === null) throw new AppError('RULE_VIOLATION', `${entry.name} 没有正在进行的观察记录。`)
  const reason = `卡口（${entry.checkpoint_name}）体温 ${formatTemperature(entry.temperature_tenths)}，送医`
  closeEpisode(tx, session, { episodeId: entry.episode_id, status: 'hospital', date: today, reason }, today, at)
  return { name: entry.name }
}
