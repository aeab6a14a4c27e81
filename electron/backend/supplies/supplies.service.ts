import type { BatchView, LedgerDoc, MonthlySummary } from '../../../shared/contract/supplies'
import { addDays, daysBetween } from '../../../shared/domain/dates'
import { AppError } from '../../../shared/errors'
import type { CountArgs, ItemSave, LossArgs, ReceiveArgs, ReverseArgs } from '../../../shared/schemas/supplies'
import { RECEIVE_SOURCE_LABELS, SUPPLY_CATEGORIES } from '../../../shared/schemas/supplies'
import type { SupplyCategory } from '../../../shared/schemas/supplies'
import type { Tx } from '../store/store'
import type { Stamp } from './ledger.service'
import { bookLine, docOf, nextRefNo, REF_PREFIX, requireBatchOf, requireItem } from './ledger.service'
import type { Reader } from './supplies.repo'
import { findBatch, findItemByName, insertBatch, insertItem, linesByRef, listBatches, monthlyTotals, updateItem } from './supplies.repo'
import { deleteReceiptByRef } from './campaigns.repo'

/** The order the street office's forms use: 防护用品, 消杀用品, 检测设备, 生活物资, 药品; then by name. */
export function byCategory<T extends { category: SupplyCategory; name: string }>(a: T, b: T): number {
  return SUPPLY_CATEGORIES.indexOf(a.category) - SUPPLY_CATEGORIES.indexOf(b.category) || a.name.localeCompare(b.name, 'zh-CN')
}

export function saveItem(tx: Tx, args: ItemSave, at: string): number {
  const same = findItemByName(tx, args.name, args.spec)
  if (same && same.id !== args.id) {
    throw new AppError('CONFLICT', `已有同名同规格的物资“${args.name}${args.spec ? ` ${args.spec}` : ''}”。`, {
      issues: [{ path: 'name', message: '物资已存在' }]
    })
  }
  const fields = { ...args, spec: args.spec, notes: args.notes }
  if (args.id === undefined) return insertItem(tx, fields, at)
  const item = requireItem(tx, args.id)
  // The ledger's quantities are in the item's unit and its lines name batches: neither may change under it.
  if (item.lines > 0 && item.unit !== args.unit) {
    throw new AppError('RULE_VIOLATION', `“${item.name}”已有出入库记录，不能修改计量单位（${item.unit}）。`, {
      issues: [{ path: 'unit', message: '已有记录，不能修改' }]
    })
  }
  if (item.lines > 0 && (item.has_batches === 1) !== args.hasBatches) {
    throw new AppError('RULE_VIOLATION', `“${item.name}”已有出入库记录，不能修改是否按批次管理。`, {
      issues: [{ path: 'hasBatches', message: '已有记录，不能修改' }]
    })
  }
  updateItem(tx, item.id, fields, at)
  return item.id
}

export function receive(tx: Tx, stamp: Stamp, args: ReceiveArgs): LedgerDoc {
  const item = requireItem(tx, args.itemId)
  if (args.source === 'donation' && !args.counterpartName) {
    throw new AppError('BAD_ARGS', '捐赠入库请填写捐赠方。', { issues: [{ path: 'counterpartName', message: '请填写捐赠方' }] })
  }
  let batchId: number | null = null
  if (item.has_batches === 1) {
    if (!args.batchNo || !args.expiryDate) {
      throw new AppError('BAD_ARGS', `“${item.name}”按批次管理，请填写批号和有效期。`, {
        issues: [{ path: args.batchNo ? 'expiryDate' : 'batchNo', message: '请填写批号和有效期' }]
      })
    }
    const existing = findBatch(tx, item.id, args.batchNo)
    if (existing && existing.expiry_date !== args.expiryDate) {
      throw new AppError('CONFLICT', `批号 ${args.batchNo} 已登记的有效期是 ${existing.expiry_date}，与本次填写的不同，请核对。`, {
        issues: [{ path: 'expiryDate', message: '与已登记的有效期不同' }]
      })
    }
    batchId = existing?.id ?? insertBatch(tx, item.id, args.batchNo, args.expiryDate, stamp.at)
  }
  const refNo = nextRefNo(tx, REF_PREFIX.in, stamp.day)
  bookLine(tx, stamp, refNo, 'in', item.id, batchId, args.quantity, {
    source: args.source,
    counterpartName: args.counterpartName || RECEIVE_SOURCE_LABELS[args.source],
    note: args.note
  })
  return docOf(tx, refNo)
}

/** 盘点: the counted quantity becomes an adjustment line of the difference (a zero line records a count that agreed). */
export function count(tx: Tx, stamp: Stamp, args: CountArgs): LedgerDoc {
  const item = requireItem(tx, args.itemId)
  const batch = requireBatchOf(tx, item, args.batchId)
  const held = batch ? batch.stock : item.stock
  const refNo = nextRefNo(tx, REF_PREFIX.count, stamp.day)
  bookLine(tx, stamp, refNo, 'count', item.id, batch?.id ?? null, args.counted - held, { counted: args.counted, note: args.note })
  return docOf(tx, refNo)
}

export function loss(tx: Tx, stamp: Stamp, args: LossArgs): LedgerDoc {
  const item = requireItem(tx, args.itemId)
  const batch = requireBatchOf(tx, item, args.batchId)
  const refNo = nextRefNo(tx, REF_PREFIX.loss, stamp.day)
  bookLine(tx, stamp, refNo, 'loss', item.id, batch?.id ?? null, -args.quantity, { reason: args.reason })
  return docOf(tx, refNo)
}

/** Cancels every line of a booking with a line of the opposite sign; the original stays as it was. */
export function reverse(tx: Tx, stamp: Stamp, args: ReverseArgs): LedgerDoc {
  const lines = linesByRef(tx, args.refNo)
  if (lines.length === 0) throw new AppError('NOT_FOUND', `找不到单号 ${args.refNo}。`, { issues: [{ path: 'refNo', message: '单号不存在' }] })
  if (lines.some((line) => line.reverses_id !== null)) {
    throw new AppError('RULE_VIOLATION', `${args.refNo} 本身是冲正单，不能再冲正。如需恢复，请重新登记。`)
  }
  const done = lines.find((line) => line.reversed_by !== null)
  if (done) throw new AppError('CONFLICT', `${args.refNo} 已经冲正过，不能重复冲正。`)
  const refNo = nextRefNo(tx, REF_PREFIX.reversal, stamp.day)
  for (const line of lines) {
    bookLine(tx, stamp, refNo, line.kind, line.item_id, line.batch_id, -line.quantity, {
      source: line.source,
      counterpartKind: line.counterpart_kind,
      counterpartName: line.counterpart_name,
      receiver: line.receiver,
      householdId: line.household_id,
      campaignId: line.campaign_id,
      reason: args.reason,
      note: `冲正 ${args.refNo}`,
      reversesId: line.id
    })
  }
  // A household whose issue was cancelled has not received: it may collect again.
  if (lines.some((line) => line.campaign_id !== null)) deleteReceiptByRef(tx, args.refNo)
  return docOf(tx, refNo)
}

export function batchViews(db: Reader, itemId: number | null, today: string, withinDays: number, onlyExpiring: boolean): BatchView[] {
  const soon = addDays(today, withinDays)
  return listBatches(db, itemId, onlyExpiring ? soon : null).map((b) => ({
    id: b.id,
    itemId: b.item_id,
    itemName: b.item_name,
    unit: b.unit,
    batchNo: b.batch_no,
    expiryDate: b.expiry_date,
    stock: b.stock,
    status: b.expiry_date < today ? 'expired' : b.expiry_date <= soon ? 'soon' : 'ok',
    daysLeft: daysBetween(today, b.expiry_date)
  }))
}

/** Opening + in − out ± count − loss = closing, for every item with a line by the end of the month. */
export function monthlySummary(db: Reader, month: string): MonthlySummary {
  const rows = monthlyTotals(db, month).map((r) => {
    const opening = Number(r.opening)
    const received = Number(r.qty_in)
    const issued = 0 - Number(r.qty_out)
    const adjusted = Number(r.qty_count)
    const lost = 0 - Number(r.qty_loss)
    return {
      itemId: r.id,
      name: r.name,
      category: r.category,
      spec: r.spec,
      unit: r.unit,
      opening,
      received,
      issued,
      adjusted,
      lost,
      closing: opening + received - issued + adjusted - lost
    }
  })
  return { month, rows: rows.sort(byCategory) }
}
