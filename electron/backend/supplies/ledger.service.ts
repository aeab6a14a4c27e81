import type { LedgerDoc, LedgerLine, SupplyItemView } from '../../../shared/contract/supplies'
import { localIsoDate } from '../../../shared/domain/dates'
import { isExpired, splitStock } from '../../../shared/domain/supplies'
import { AppError } from '../../../shared/errors'
import type { CounterpartKind } from '../../../shared/schemas/supplies'
import type { Tx } from '../store/store'
import type { BatchRow, ItemRow, LineRow, NewLine, Reader } from './supplies.repo'
import type { ItemStockRow } from './stock.repo'
import { getItemStock } from './stock.repo'
import { batchesInStock, getBatch, getItem, insertLine, lastRefNo, linesByRef } from './supplies.repo'

/** Reference-number prefixes: 入库, 出库, 盘点, 报损, 冲正. */
export const REF_PREFIX = { in: 'RK', out: 'CK', count: 'PD', loss: 'BS', reversal: 'CZ' } as const

export interface Stamp {
  at: string
  day: string
  actor: string
}

export function stampOf(now: Date, actor: string): Stamp {
  return { at: now.toISOString(), day: localIsoDate(now), actor }
}

/** 'CK20260203-0007': prefix, the office's local day, then a running number within that day. */
export function nextRefNo(db: Reader, prefix: string, day: string): string {
  const head = `${prefix}${day.replaceAll('-', '')}-`
  const last = lastRefNo(db, head)
  const n = last ? Number(last.slice(head.length)) + 1 : 1
  return `${head}${String(n).padStart(4, '0')}`
}

export function toItemView(row: ItemStockRow): SupplyItemView {
  const split = splitStock(row.stock, Number(row.expired))
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    spec: row.spec,
    unit: row.unit,
    warningLevel: row.warning_level,
    hasBatches: row.has_batches === 1,
    ...split,
    // Expired stock cannot be handed out, so it never hides a shortage.
    low: split.usable <= row.warning_level && row.warning_level > 0,
    nextExpiry: row.next_expiry,
    notes: row.notes,
    lines: Number(row.lines),
    updatedAt: row.updated_at
  }
}

export function toLine(row: LineRow): LedgerLine {
  return {
    id: row.id,
    refNo: row.ref_no,
    itemId: row.item_id,
    itemName: row.item_name,
    unit: row.unit,
    batchNo: row.batch_no,
    expiryDate: row.expiry_date,
    kind: row.kind,
    quantity: row.quantity,
    balanceBefore: row.balance_before,
    balanceAfter: row.balance_after,
    at: row.at,
    day: row.day,
    actor: row.actor,
    source: row.source,
    counterpartKind: row.counterpart_kind,
    counterpartName: row.counterpart_name,
    receiver: row.receiver,
    counted: row.counted,
    reason: row.reason,
    note: row.note,
    checkpointId: row.checkpoint_id,
    reversesId: row.reverses_id,
    reversedBy: row.reversed_by
  }
}

/** One item as the stock tab shows it, usable and expired apart as of `today`. */
export function itemView(db: Reader, id: number, today: string): SupplyItemView {
  const row = getItemStock(db, id, today)
  if (!row) throw new AppError('NOT_FOUND', '找不到这种物资，可能已被删除。', { issues: [{ path: 'itemId', message: '物资不存在' }] })
  return toItemView(row)
}

export function requireItem(db: Reader, id: number): ItemRow {
  const item = getItem(db, id)
  if (!item) throw new AppError('NOT_FOUND', '找不到这种物资，可能已被删除。', { issues: [{ path: 'itemId', message: '物资不存在' }] })
  return item
}

export function requireBatchOf(db: Reader, item: ItemRow, batchId: number | undefined): BatchRow | null {
  if (item.has_batches !== 1) return null
  if (batchId === undefined) {
    throw new AppError('BAD_ARGS', `“${item.name}”按批次管理，请选择批次。`, { issues: [{ path: 'batchId', message: '请选择批次' }] })
  }
  const batch = getBatch(db, batchId)
  if (!batch || batch.item_id !== item.id) {
    throw new AppError('NOT_FOUND', '找不到这个批次。', { issues: [{ path: 'batchId', message: '批次不存在' }] })
  }
  return batch
}

function shortage(item: ItemRow, wanted: number, available: number, extra = ''): AppError {
  return new AppError('RULE_VIOLATION', `库存不足：“${item.name}”现有可用 ${available} ${item.unit}，本次需要 ${wanted} ${item.unit}。${extra}`, {
    available,
    wanted,
    issues: [{ path: 'quantity', message: `最多 ${available} ${item.unit}` }]
  })
}

/** Line fields that are not about quantity: who and what the booking is for. */
export type LineExtras = Omit<NewLine, 'refNo' | 'itemId' | 'batchId' | 'kind' | 'quantity' | 'balanceBefore' | 'balanceAfter' | 'at' | 'day' | 'actor'>

/**
 * Appends one line: the balance before is the stock as it stands in this transaction, so the
 * lines of an item always chain (before = previous after) and stock is the sum of its lines.
 */
export function bookLine(
  tx: Tx,
  stamp: Stamp,
  refNo: string,
  kind: NewLine['kind'],
  itemId: number,
  batchId: number | null,
  quantity: number,
  extras: LineExtras = {}
): number {
  const item = requireItem(tx, itemId)
  const after = item.stock + quantity
  if (after < 0) throw shortage(item, -quantity, item.stock)
  if (batchId !== null) {
    const batch = getBatch(tx, batchId)
    if (!batch || batch.stock + quantity < 0) throw shortage(item, -quantity, batch?.stock ?? 0, `（批号 ${batch?.batch_no ?? ''}）`)
  }
  return insertLine(tx, { ...extras, refNo, itemId, batchId, kind, quantity, balanceBefore: item.stock, balanceAfter: after, ...stamp })
}

/**
 * Which batches an issue takes: the earliest expiry first (FEFO). Expired batches are never
 * handed out; they wait to be written off as 报损.
 */
export function planIssue(db: Reader, item: ItemRow, quantity: number, today: string): { batchId: number | null; quantity: number }[] {
  if (item.has_batches !== 1) {
    if (item.stock < quantity) throw shortage(item, quantity, item.stock)
    return [{ batchId: null, quantity }]
  }
  const batches = batchesInStock(db, item.id)
  const usable = batches.filter((b) => !isExpired(b.expiry_date, today))
  const expired = batches.filter((b) => isExpired(b.expiry_date, today)).reduce((sum, b) => sum + b.stock, 0)
  const available = usable.reduce((sum, b) => sum + b.stock, 0)
  if (available < quantity) {
    throw shortage(item, quantity, available, expired > 0 ? `另有已过期 ${expired} ${item.unit} 不能发放，请报损处理。` : '')
  }
  const plan: { batchId: number; quantity: number }[] = []
  let left = quantity
  for (const batch of usable) {
    if (left === 0) break
    const take = Math.min(left, batch.stock)
    plan.push({ batchId: batch.id, quantity: take })
    left -= take
  }
  return plan
}

export interface IssueTarget {
  counterpartKind: CounterpartKind
  counterpartName: string
  receiver: string
  note?: string
  householdId?: number | null
  campaignId?: number | null
  disinfectionLogId?: number | null
  checkpointId?: number | null
}

/** An 出库 under one reference number, one line per batch taken. */
export function bookIssue(tx: Tx, stamp: Stamp, itemId: number, quantity: number, target: IssueTarget): string {
  const item = requireItem(tx, itemId)
  const plan = planIssue(tx, item, quantity, stamp.day)
  const refNo = nextRefNo(tx, REF_PREFIX.out, stamp.day)
  for (const part of plan) bookLine(tx, stamp, refNo, 'out', itemId, part.batchId, -part.quantity, target)
  return refNo
}

export function docOf(db: Reader, refNo: string, warnings: string[] = []): LedgerDoc {
  const lines = linesByRef(db, refNo).map(toLine)
  const itemId = lines[0]?.itemId
  return { refNo, lines, stock: itemId === undefined ? 0 : requireItem(db, itemId).stock, warnings }
}

export function describeDoc(doc: LedgerDoc): string {
  const first = doc.lines[0]
  if (!first) return doc.refNo
  const total = doc.lines.reduce((sum, line) => sum + line.quantity, 0)
  const signed = total > 0 ? `+${total}` : String(total)
  return `${doc.refNo} ${first.itemName} ${signed} ${first.unit}，结存 ${doc.stock} ${first.unit}`
}
