import type { GateEntryView, GateResidentHit, PassCheck } from '../../../shared/contract'
import { addDays, localIsoDate } from '../../../shared/domain/dates'
import { GATE_ACTION_LABELS } from '../../../shared/domain/gate'
import { DEFAULT_FEVER_THRESHOLD, isFever, toTenths } from '../../../shared/domain/temperature'
import { maskPhone } from '../../../shared/domain/mask'
import { parsePhone } from '../../../shared/domain/phone'
import { parsePlate } from '../../../shared/domain/plate'
import type { DigitReach } from '../../../shared/domain/digit-search'
import type { GateRegister } from '../../../shared/schemas/gate'
import { AppError } from '../../../shared/errors'
import type { PassRecord } from '../checkpoints/checkpoints.repo'
import type { Session } from '../context'
import type { Db } from '../kit/db'
import { findResidentPage } from '../residents/residents-query.repo'
import type { SearchHits } from '../residents/residents-query.repo'
import { residentFilter } from '../residents/residents.search'
import { phonesOf } from '../residents/residents.view'
import { loadSettings } from '../settings/settings.service'
import type { Store } from '../store/store'
import type { GateEntryRecord, GateEntryWrite } from './gate.repo'
import { findPassByNumber, livePassOfHousehold } from '../checkpoints/checkpoints.repo'
import { correctionNotes } from './gate-correct'
import { buildingsOfHouseholds, lastOutDayOnPass, residentForGate } from './gate.repo'

/** The office's fever threshold (设置, shared with the daily health checks), or 37.3 ℃ until one is set. */
export function feverThreshold(store: Store): number {
  return loadSettings(store).temperatureThreshold ?? DEFAULT_FEVER_THRESHOLD
}

/**
 * Who an entry view is for. The gate screen (gate.register, gate.recent) gets what a volunteer
 * needs: a resident's compound and building, never the unit or the room. The office's day view
 * and the 出入登记表 (gate.view) get the household's address.
 */
export type EntryAudience = 'gate' | 'office'

/** '幸福里小区 3栋'. */
function buildingLabel(place: { compound: string | null; building: string | null } | undefined): string {
  return [place?.compound ?? '', place?.building ?? ''].filter((part) => part !== '').join(' ')
}

function entryReason(r: GateEntryRecord, audience: EntryAudience): string {
  if (r.who !== 'resident') return r.reason
  if (audience === 'gate') return buildingLabel({ compound: r.compound_name, building: r.building_name })
  // Entries registered before the address stopped being copied into the entry kept it as their reason.
  const typed = r.reason === r.household_address ? '' : r.reason
  return typed || (r.household_address ?? '')
}

export function toEntryView(r: GateEntryRecord, audience: EntryAudience, correction = ''): GateEntryView {
  return {
    id: r.id,
    at: r.at,
    day: r.day,
    checkpointId: r.checkpoint_id,
    checkpointName: r.checkpoint_name,
    direction: r.direction,
    who: r.who,
    name: r.name,
    phone: maskPhone(r.phone),
    reason: entryReason(r, audience),
    plate: r.plate,
    temperature: r.temperature_tenths / 10,
    abnormal: r.abnormal === 1,
    action: r.action,
    passNumber: r.pass_number ?? '',
    warning: r.warning,
    registeredBy: r.registered_by,
    corrected: r.corrected_at !== null,
    correction
  }
}

/** A page of entries as views, each corrected one with its 已更正 note (one query for the page). */
export function entryViews(db: Db, records: GateEntryRecord[], audience: EntryAudience): GateEntryView[] {
  const notes = correctionNotes(db, records)
  return records.map((r) => toEntryView(r, audience, notes.get(r.id) ?? ''))
}

/**
 * The gate's search matches people, never addresses: the register's search also finds '501' or
 * '5栋2单元' in the address, which would tell the gate who lives behind a door without showing it.
 * Null: nothing the gate may search by.
 */
function withoutAddress(hits: SearchHits | undefined): SearchHits | undefined | null {
  if (!hits || hits.kind === 'pinyin') return hits
  if (hits.kind === 'address') return null
  return { ...hits, contains: null }
}

/** The gate look-up: the register's own search (name, pinyin, ID/phone tail), every grid, no numbers, no rooms. */
export function searchForGate(db: Db, q: string, now: Date, reach: DigitReach): GateResidentHit[] {
  // Every grid, but the digits the caller may type (a gate volunteer: last 4 of an ID or mobile only).
  const everyone: Session = { accountId: null, actor: '', permissions: 'all', gridScope: 'all' }
  const filter = residentFilter(db, { q }, everyone, now, reach)
  const hits = withoutAddress(filter.hits)
  if (hits === null) return []
  const { records } = findResidentPage(db, { ...filter, hits }, 8, 0)
  const places = buildingsOfHouseholds(
    db,
    records.flatMap((r) => (r.householdId === null ? [] : [r.householdId]))
  )
  return records.map((r) => ({
    id: r.id,
    name: r.name,
    building: buildingLabel(r.householdId === null ? undefined : places.get(r.householdId)),
    phone: maskPhone(phonesOf(r)[0])
  }))
}

/**
 * A pass's rule: one person out every N days. Answers with what the gate decides on: the
 * household's building, the rule, whether someone of the household went out within it and
 * from which day it allows the next; not who lives there, nor who went out.
 * Warns (does not block) when one more would break the rule.
 */
export function checkPass(db: Db, pass: PassRecord, today: string): PassCheck {
  const since = addDays(today, -(pass.every_days - 1))
  const lastDay = lastOutDayOnPass(db, pass.id, since) ?? null
  const rule = pass.every_days === 1 ? '每天 1 人次' : `每 ${pass.every_days} 天 1 人次`
  const nextAllowed = lastDay === null ? today : addDays(lastDay, pass.every_days)
  const revoked = pass.revoked_at !== null
  const warning = revoked
    ? `出入证 ${pass.number} 已收回，不能使用`
    : lastDay !== null
      ? `该户出入证规定${rule}外出，本周期内已有人外出，${nextAllowed} 起可再外出`
      : ''
  return {
    number: pass.number,
    building: buildingLabel(buildingsOfHouseholds(db, [pass.household_id]).get(pass.household_id)),
    everyDays: pass.every_days,
    rule,
    revoked,
    wentOut: lastDay !== null,
    nextAllowed,
    warning
  }
}

/**
 * Turns what the volunteer typed into an entry. Fever cannot be simply waved through (the
 * volunteer must turn back, observe or send to hospital); unusual plates and broken pass
 * rules are kept as warnings on the entry, not refusals: the queue at the gate must move.
 */
export function buildEntry(
  store: Store,
  args: GateRegister,
  /** The pass typed with the entry, already found (and throttled) by the caller. */
  pass: PassRecord | null,
  at: Date,
  registeredBy: string
): { write: GateEntryWrite; fever: boolean } {
  const threshold = feverThreshold(store)
  const fever = isFever(args.temperature, threshold)
  if (fever && args.action === 'pass') {
    throw new AppError('RULE_VIOLATION', `体温 ${args.temperature}℃ 达到 ${threshold}℃，不能直接放行，请选择劝返、留观或送医。`, {
      issues: [{ path: 'action', message: '体温异常，不能放行' }]
    })
  }
  const warnings: string[] = []
  let name = args.name
  let phone = args.phone
  const reason = args.reason
  let householdPass = pass
  if (args.who === 'resident') {
    const resident = args.residentId === null ? undefined : residentForGate(store, args.residentId)
    if (!resident) throw new AppError('NOT_FOUND', '名单中找不到这位居民，可能已被删除。', { issues: [{ path: 'residentId', message: '居民不存在' }] })
    name = resident.name
    phone = phonesOf(resident)[0] ?? ''
    // The rule binds the household, not the card: a resident whose household holds a pass is
    // checked (and the entry counted on the pass) whether or not the number was typed (issue 17).
    if (!householdPass && resident.household_id !== null) {
      const live = livePassOfHousehold(store, resident.household_id)
      householdPass = live ? (findPassByNumber(store, live.number) ?? null) : null
    }
    // The household's address is not copied into the entry: views read it from the resident
    // (the office the address, the gate only the building), so no gate answer holds a room.
  } else if (phone !== '') {
    const parsed = parsePhone(phone)
    if (!parsed.ok) throw new AppError('BAD_ARGS', parsed.message, { issues: [{ path: 'phone', message: parsed.message }] })
    phone = parsed.phone
  }
  let plate = ''
  if (args.plate !== '') {
    const parsed = parsePlate(args.plate)
    if (!parsed.ok) throw new AppError('BAD_ARGS', parsed.message, { issues: [{ path: 'plate', message: parsed.message }] })
    plate = parsed.plate
    if (parsed.warning) warnings.push(parsed.warning)
  }
  if (name === '') name = plate
  if (householdPass) {
    const status = checkPass(store, householdPass, localIsoDate(at))
    if (args.direction === 'out' && status.warning) warnings.push(status.warning)
  }
  if (fever) warnings.unshift(`体温异常，已${GATE_ACTION_LABELS[args.action]}`)
  return {
    fever,
    write: {
      checkpoint_id: args.checkpointId,
      at: at.toISOString(),
      day: localIsoDate(at),
      direction: args.direction,
      who: args.who,
      resident_id: args.who === 'resident' ? args.residentId : null,
      name,
      phone,
      reason,
      plate,
      temperature_tenths: toTenths(args.temperature),
      abnormal: fever ? 1 : 0,
      action: args.action,
      pass_id: householdPass?.id ?? null,
      warning: warnings.join('；'),
      registered_by: registeredBy
    }
  }
}
