import type { GateEntryView, GateResidentHit, PassCheck } from '../../../shared/contract'
import { addDays, localIsoDate } from '../../../shared/domain/dates'
import { DEFAULT_FEVER_THRESHOLD, GATE_ACTION_LABELS, isFever, toTenths } from '../../../shared/domain/gate'
import { maskPhone } from '../../../shared/domain/mask'
import { parsePhone } from '../../../shared/domain/phone'
import { parsePlate } from '../../../shared/domain/plate'
import type { DigitReach } from '../../../shared/domain/digit-search'
import type { GateRegister } from '../../../shared/schemas/gate'
import { AppError } from '../../../shared/errors'
import { findPassByNumber } from '../checkpoints/checkpoints.repo'
import type { PassRecord } from '../checkpoints/checkpoints.repo'
import { toPassView } from '../checkpoints/checkpoints.handlers'
import type { Session } from '../context'
import type { Db } from '../register/register.repo'
import { findResidentPage } from '../residents/residents-query.repo'
import { residentFilter } from '../residents/residents.search'
import { phonesOf } from '../residents/residents.view'
import { loadSettings } from '../settings/settings.service'
import type { Store } from '../store/store'
import type { GateEntryRecord, GateEntryWrite } from './gate.repo'
import { lastOutOnPass, memberNames, residentForGate } from './gate.repo'

/** The office's fever threshold (设置, shared with the daily health checks), or 37.3 ℃ until one is set. */
export function feverThreshold(store: Store): number {
  return loadSettings(store).temperatureThreshold ?? DEFAULT_FEVER_THRESHOLD
}

export function toEntryView(r: GateEntryRecord): GateEntryView {
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
    reason: r.reason,
    plate: r.plate,
    temperature: r.temperature_tenths / 10,
    abnormal: r.abnormal === 1,
    action: r.action,
    passNumber: r.pass_number ?? '',
    warning: r.warning,
    registeredBy: r.registered_by
  }
}

/** '幸福里小区 3栋 2单元 301' -> '幸福里小区 3栋': a gate needs the building, not the door. */
function buildingOf(address: string | null): string {
  return (address ?? '').split(' ').slice(0, 2).join(' ')
}

/** The gate look-up: the register's own search (name, pinyin, ID/phone tail), every grid, no numbers. */
export function searchForGate(db: Db, q: string, now: Date, reach: DigitReach): GateResidentHit[] {
  // Every grid, but the digits the caller may type (a gate volunteer: last 4 of an ID or mobile only).
  const everyone: Session = { accountId: null, actor: '', permissions: 'all', gridScope: 'all' }
  const { records } = findResidentPage(db, residentFilter(db, { q }, everyone, now, reach), 8, 0)
  return records.map((r) => ({ id: r.id, name: r.name, building: buildingOf(r.address), phone: maskPhone(phonesOf(r)[0]) }))
}

/** A pass's rule: one person out every N days. Warns (does not block) when one more would break it. */
export function checkPass(db: Db, pass: PassRecord, today: string): PassCheck {
  const since = addDays(today, -(pass.every_days - 1))
  const last = lastOutOnPass(db, pass.id, since) ?? null
  const rule = pass.every_days === 1 ? '每天 1 人次' : `每 ${pass.every_days} 天 1 人次`
  const warning = pass.revoked_at
    ? `出入证 ${pass.number} 已收回，不能使用`
    : last
      ? `该户出入证规定${rule}外出，${last.name} 已于 ${last.at.slice(0, 10)} 外出过`
      : ''
  return { pass: toPassView(pass), members: memberNames(db, pass.household_id), lastOut: last, warning }
}

export function findPass(db: Db, number: string): PassRecord {
  const pass = findPassByNumber(db, number.trim())
  if (!pass) throw new AppError('NOT_FOUND', `没有编号为 ${number} 的出入证，请核对。`, { issues: [{ path: 'passNumber', message: '出入证号不存在' }] })
  return pass
}

/**
 * Turns what the volunteer typed into an entry. Fever cannot be simply waved through (the
 * volunteer must turn back, observe or send to hospital); unusual plates and broken pass
 * rules are kept as warnings on the entry, not refusals: the queue at the gate must move.
 */
export function buildEntry(
  store: Store,
  args: GateRegister,
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
  let reason = args.reason
  if (args.who === 'resident') {
    const resident = args.residentId === null ? undefined : residentForGate(store, args.residentId)
    if (!resident) throw new AppError('NOT_FOUND', '名单中找不到这位居民，可能已被删除。', { issues: [{ path: 'residentId', message: '居民不存在' }] })
    name = resident.name
    phone = phonesOf(resident)[0] ?? ''
    reason = reason || (resident.address ?? '')
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
  let passId: number | null = null
  if (args.passNumber !== '') {
    const pass = findPass(store, args.passNumber)
    const status = checkPass(store, pass, localIsoDate(at))
    if (args.direction === 'out' && status.warning) warnings.push(status.warning)
    passId = pass.id
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
      pass_id: passId,
      warning: warnings.join('；'),
      registered_by: registeredBy
    }
  }
}
