import type { DaySheet, DisinfectionLogView, PlaceView } from '../../../shared/contract/disinfection'
import { AppError } from '../../../shared/errors'
import type { LogArgs, PlaceSave } from '../../../shared/schemas/disinfection'
import type { Store, Tx } from '../store/store'
import { SUPPLY_CATEGORY_LABELS } from '../../../shared/domain/supplies'
import { bookIssue, requireItem, stampOf } from '../supplies/ledger.service'
import type { LogRow, PlaceRow } from './disinfection.repo'
import { findPlaceByName, getPlace, gridExists, insertLog, insertPlace, listPlaces, pageLogs, setLogRef, updatePlace } from './disinfection.repo'
import { scheduleStatus, scheduleText, timesOnDay } from './schedule'

function scheduleOf(row: PlaceRow) {
  return { schedule: row.schedule, timesPerDay: row.times_per_day, intervalDays: row.interval_days, lastDoneAt: row.last_done_at, createdAt: row.created_at }
}

export function toPlaceView(row: PlaceRow, now: string): PlaceView {
  const status = scheduleStatus(scheduleOf(row), now)
  const active = row.active === 1
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    building: row.building,
    gridId: row.grid_id,
    gridName: row.grid_name ?? '',
    schedule: row.schedule,
    timesPerDay: row.times_per_day,
    intervalDays: row.interval_days,
    scheduleText: scheduleText({ schedule: row.schedule, timesPerDay: row.times_per_day, intervalDays: row.interval_days }),
    active,
    notes: row.notes,
    lastDoneAt: row.last_done_at,
    nextDueAt: status.nextDueAt,
    overdue: active && status.overdue,
    overdueText: active ? status.overdueText : ''
  }
}

export function toLogView(row: LogRow): DisinfectionLogView {
  return {
    id: row.id,
    placeId: row.place_id,
    placeName: row.place_name,
    placeKind: row.place_kind,
    building: row.building,
    doneAt: row.done_at,
    agent: row.agent,
    concentration: row.concentration,
    method: row.method,
    operator: row.operator,
    checker: row.checker,
    note: row.note,
    refNo: row.ref_no,
    recordedBy: row.recorded_by
  }
}

export function requirePlace(db: Store | Tx, id: number): PlaceRow {
  const row = getPlace(db, id)
  if (!row) throw new AppError('NOT_FOUND', '找不到这个消杀场所。', { issues: [{ path: 'placeId', message: '场所不存在' }] })
  return row
}

export function savePlace(tx: Tx, args: PlaceSave, nowLocal: string): number {
  const same = findPlaceByName(tx, args.name)
  if (same && same.id !== args.id) {
    throw new AppError('CONFLICT', `已有名为“${args.name}”的消杀场所。`, { issues: [{ path: 'name', message: '场所名称已存在' }] })
  }
  if (args.gridId !== null && !gridExists(tx, args.gridId)) {
    throw new AppError('NOT_FOUND', '找不到所选网格，可能已被撤销。', { issues: [{ path: 'gridId', message: '网格不存在' }] })
  }
  const { id, ...fields } = args
  if (id === undefined) return insertPlace(tx, fields, nowLocal)
  requirePlace(tx, id)
  updatePlace(tx, id, fields, nowLocal)
  return id
}

/** One disinfection done; the agent used may be booked out of stock in the same transaction. */
export function recordLog(tx: Tx, args: LogArgs, now: Date, nowLocal: string, actor: string): number {
  const place = requirePlace(tx, args.placeId)
  if (place.active !== 1) throw new AppError('RULE_VIOLATION', `“${place.name}”已停用，不能登记消杀。`)
  if (args.doneAt > nowLocal) {
    throw new AppError('BAD_ARGS', '消杀时间不能晚于现在。', { issues: [{ path: 'doneAt', message: '时间不能晚于现在' }] })
  }
  const id = insertLog(tx, { ...args, at: now.toISOString(), by: actor })
  if (args.stock) {
    // The agent used comes out of 消杀用品 only: masks or medicine booked as "used on a corridor" would be a wrong record.
    const item = requireItem(tx, args.stock.itemId)
    if (item.category !== 'disinfectant') {
      throw new AppError('RULE_VIOLATION', `“${item.name}”属于${SUPPLY_CATEGORY_LABELS[item.category]}，消杀只能领用消杀用品。`, {
        issues: [{ path: 'stock.itemId', message: '请选择消杀用品' }]
      })
    }
    const refNo = bookIssue(tx, stampOf(now, actor), args.stock.itemId, args.stock.quantity, {
      counterpartKind: 'other',
      counterpartName: `消杀：${place.name}`,
      receiver: args.operator,
      note: `${args.doneAt} ${args.agent} ${args.concentration}`.trim(),
      disinfectionLogId: id
    })
    setLogRef(tx, id, refNo)
  }
  return id
}

export function overdueViews(db: Store, nowLocal: string): PlaceView[] {
  return listPlaces(db)
    .map((row) => toPlaceView(row, nowLocal))
    .filter((p) => p.overdue)
}

export function daySheet(db: Store, date: string, nowLocal: string, communityName: string): DaySheet {
  const logs = pageLogs(db, { from: date, to: date }, 10_000, 0, 'asc').map(toLogView)
  const rows = listPlaces(db)
    .filter((row) => row.active === 1)
    .map((row) => {
      const done = logs.filter((log) => log.placeId === row.id)
      return { place: toPlaceView(row, nowLocal), times: Math.max(timesOnDay(scheduleOf(row), date), done.length), done }
    })
    .filter((r) => r.times > 0)
  return { date, communityName, rows }
}
