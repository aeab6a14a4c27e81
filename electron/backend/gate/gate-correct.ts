import { localIsoDate } from '../../../shared/domain/dates'
import { GATE_ACTION_LABELS, GATE_DIRECTION_LABELS, GATE_WHO_LABELS } from '../../../shared/domain/gate'
import { formatTemperature, isFever, toTenths } from '../../../shared/domain/temperature'
import { maskPhone } from '../../../shared/domain/mask'
import { parsePhone } from '../../../shared/domain/phone'
import { parsePlate } from '../../../shared/domain/plate'
import type { GateCorrect } from '../../../shared/schemas/gate'
import { AppError } from '../../../shared/errors'
import type { Session } from '../context'
import type { Db } from '../kit/db'
import type { Tx } from '../store/store'
import { CORRECTABLE_KEYS, applyCorrection, correctionsOf, insertCorrection } from './gate-correct.repo'
import type { CorrectableValues } from './gate-correct.repo'
import { recordGateFever, unrecordGateFever } from './gate-health'
import { getEntry } from './gate.repo'
import type { GateEntryRecord } from './gate.repo'

const FEVER_NOTE = /^体温异常，已(放行|劝返|留观|送医)(；)?/

/** Staff (出入记录) correct any entry of the day; the gate only those of the checkpoint it works at. */
const mayCorrectAnywhere = (session: Session) => session.permissions === 'all' || session.permissions.has('gate.view')

function fieldIssue(path: string, message: string): AppError {
  return new AppError('BAD_ARGS', message, { issues: [{ path, message }] })
}

/** The entry as it will read after the 更正, checked like a new entry (fever, phone, plate). */
function correctedValues(entry: GateEntryRecord, args: GateCorrect, threshold: number): { values: CorrectableValues; plateWarning: string } {
  if ((entry.who === 'resident') !== (args.who === 'resident')) {
    throw fieldIssue(
      'who',
      entry.who === 'resident'
        ? '居民登记不能改成其他类别；如登记错了人，请重新登记一条并把本条更正说明。'
        : '访客、车辆或快递外卖不能改成居民，请重新登记这位居民。'
    )
  }
  if (isFever(args.temperature, threshold) && args.action === 'pass') {
    throw new AppError('RULE_VIOLATION', `体温 ${args.temperature}℃ 达到 ${threshold}℃，不能放行，请选择劝返、留观或送医。`, {
      issues: [{ path: 'action', message: '体温异常，不能放行' }]
    })
  }
  // A resident's name and phone come from the register, their address from the household.
  if (entry.who === 'resident') {
    return {
      values: { ...pick(entry), direction: args.direction, temperature_tenths: toTenths(args.temperature), action: args.action },
      plateWarning: ''
    }
  }
  let phone = ''
  // Views show the phone masked; the same masked text sent back means "unchanged".
  if (args.phone !== '' && args.phone === maskPhone(entry.phone)) phone = entry.phone
  else if (args.phone !== '') {
    const parsed = parsePhone(args.phone)
    if (!parsed.ok) throw fieldIssue('phone', parsed.message)
    phone = parsed.phone
  }
  let plate = ''
  let plateWarning = ''
  if (args.plate !== '') {
    const parsed = parsePlate(args.plate)
    if (!parsed.ok) throw fieldIssue('plate', parsed.message)
    plate = parsed.plate
    plateWarning = parsed.warning ?? ''
  }
  if (args.who === 'vehicle' && plate === '') throw fieldIssue('plate', '请填写车牌')
  const name = args.name || plate
  if (name === '') throw fieldIssue('name', '请填写姓名')
  return {
    values: {
      direction: args.direction,
      who: args.who,
      name,
      phone,
      reason: args.reason,
      plate,
      temperature_tenths: toTenths(args.temperature),
      action: args.action
    },
    plateWarning
  }
}

function pick(r: GateEntryRecord): CorrectableValues {
  return {
    direction: r.direction,
    who: r.who,
    name: r.name,
    phone: r.phone,
    reason: r.reason,
    plate: r.plate,
    temperature_tenths: r.temperature_tenths,
    action: r.action
  }
}

/**
 * 更正 of a wrong entry (issue 17): the same day only, by the checkpoint it was registered at or
 * by staff, with a reason; the entry then carries the corrected values and corrected_at, and the
 * replaced values are kept in gate_corrections (the original is the first correction's before).
 * A resident's gate fever follows: taken out of their episode's check, and recorded again when
 * the corrected entry is still (or now) a fever.
 */
export function correctEntry(tx: Tx, session: Session, args: GateCorrect, threshold: number, now: Date): { entry: GateEntryRecord; summary: string } {
  const entry = getEntry(tx, args.entryId)
  const notFound = new AppError('NOT_FOUND', '找不到这条登记。', { entryId: args.entryId })
  if (!entry) throw notFound
  if (!mayCorrectAnywhere(session) && entry.checkpoint_id !== args.checkpointId) throw notFound
  const today = localIsoDate(now)
  if (entry.day !== today) {
    throw new AppError('RULE_VIOLATION', `只能更正当天的登记，这条是 ${entry.day} 的，已不能更正。`, {
      issues: [{ path: 'entryId', message: '不是当天的登记' }]
    })
  }
  const { values, plateWarning } = correctedValues(entry, args, threshold)
  const was = pick(entry)
  const changed = CORRECTABLE_KEYS.filter((key) => values[key] !== was[key])
  if (changed.length === 0) throw new AppError('BAD_ARGS', '没有改动任何内容，不需要更正。', { issues: [{ path: 'note', message: '没有改动' }] })
  const fever = isFever(values.temperature_tenths / 10, threshold)
  const others = entry.warning.replace(FEVER_NOTE, '')
  const kept = values.plate !== was.plate ? others.split('；').filter((w) => w !== '' && !w.includes('车牌')) : others.split('；').filter((w) => w !== '')
  const warnings = [...(fever ? [`体温异常，已${GATE_ACTION_LABELS[values.action]}`] : []), ...kept, ...(plateWarning ? [plateWarning] : [])]
  const at = now.toISOString()
  unrecordGateFever(tx, entry)
  insertCorrection(tx, {
    entryId: entry.id,
    at,
    actor: session.actor,
    reason: args.note,
    before: Object.fromEntries(changed.map((key) => [key, was[key]])),
    after: Object.fromEntries(changed.map((key) => [key, values[key]]))
  })
  applyCorrection(tx, entry.id, values, fever ? 1 : 0, warnings.join('；'), at)
  const applied = getEntry(tx, entry.id)
  if (!applied) throw new AppError('INTERNAL', '更正后读取失败。')
  recordGateFever(tx, applied, threshold)
  const corrected = getEntry(tx, entry.id) ?? applied
  const summary = `更正出入登记：${entry.name} ${entry.at.slice(0, 10)} ${changed.map((key) => describeChange(key, was, values)).join('，')}；原因：${args.note}`
  return { entry: corrected, summary }
}

const LABELS: Record<keyof CorrectableValues, string> = {
  direction: '进/出',
  who: '类别',
  name: '姓名',
  phone: '电话',
  reason: '事由',
  plate: '车牌',
  temperature_tenths: '体温',
  action: '处置'
}

function shown(key: keyof CorrectableValues, v: Partial<CorrectableValues>): string {
  const value = v[key]
  if (value === undefined) return ''
  if (key === 'direction') return GATE_DIRECTION_LABELS[v.direction ?? 'in']
  if (key === 'who') return GATE_WHO_LABELS[v.who ?? 'visitor']
  if (key === 'action') return GATE_ACTION_LABELS[v.action ?? 'pass']
  if (key === 'temperature_tenths') return formatTemperature(Number(value))
  if (key === 'phone') return value === '' ? '（空）' : maskPhone(String(value))
  return value === '' ? '（空）' : String(value)
}

function describeChange(key: keyof CorrectableValues, before: Partial<CorrectableValues>, after: Partial<CorrectableValues>): string {
  return `${LABELS[key]} ${shown(key, before)} → ${shown(key, after)}`
}

/**
 * '已更正：体温 38.1℃ → 36.1℃；原因：录错（李值守）' for each corrected entry of a page: the
 * original value of every field any correction touched, the entry's value now, the last reason.
 */
export function correctionNotes(db: Db, records: GateEntryRecord[]): Map<number, string> {
  const ids = records.filter((r) => r.corrected_at !== null).map((r) => r.id)
  const byEntry = new Map<number, { original: Partial<CorrectableValues>; reason: string; actor: string }>()
  for (const c of correctionsOf(db, ids)) {
    const note = byEntry.get(c.entry_id) ?? { original: {}, reason: '', actor: '' }
    const before = JSON.parse(c.before) as Partial<CorrectableValues>
    for (const key of CORRECTABLE_KEYS) if (before[key] !== undefined && !(key in note.original)) Object.assign(note.original, { [key]: before[key] })
    note.reason = c.reason
    note.actor = c.actor
    byEntry.set(c.entry_id, note)
  }
  const notes = new Map<number, string>()
  for (const r of records) {
    const note = byEntry.get(r.id)
    if (!note) continue
    const now = pick(r)
    const changes = CORRECTABLE_KEYS.filter((key) => key in note.original && note.original[key] !== now[key]).map((key) =>
      describeChange(key, note.original, now)
    )
    notes.set(r.id, `已更正：${changes.join('，') || '改回原值'}；原因：${note.reason}（${note.actor}）`)
  }
  return notes
}
