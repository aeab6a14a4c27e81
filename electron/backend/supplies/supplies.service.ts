import type { BatchView, LedgerDoc, MonthlySummary } from '../../../shared/contract/supplies'
import { addDays, daysBetween } from '../../../shared/domain/dates'
import { expiryStatus, splitStock } from '../../../shared/domain/supplies'
import type { StockSplit } from '../../../shared/domain/supplies'
import { AppError } from '../../../shared/errors'
import type { CountArgs, IssueArgs, ItemSave, LossArgs, ReceiveArgs, ReverseArgs, StocktakeArgs } from '../../../shared/schemas/supplies'
import { RECEIVE_SOURCE_LABELS, SUPPLY_CATEGORIES } from '../../../shared/schemas/supplies'
import type { SupplyCategory } from '../../../shared/schemas/supplies'
import type { Tx } from '../store/store'
import { liveCheckpoint } from '../checkpoints/checkpoints.service'
import type { Stamp } from './ledger.service'
import { bookIssue, bookLine, docOf, nextRefNo, REF_PREFIX, requireBatchOf, requireItem } from './ledger.service'
import type { Reader } from './supplies.repo'
import { monthlyTotals, stockAsOf } from './stock.repo'
import { findBatch, findItemByName, getBatch, insertBatch, insertItem, linesByRef, listBatches, updateItem } from './supplies.repo'
import { deleteReceiptByRef } from './campaigns.repo'
import { assertFresh, laterThan } from '../kit/stale'

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
  assertFresh(item.updated_at, args.expectedUpdatedAt, '这种物资的信息')
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
  updateItem(tx, item.id, fields, laterThan(at, item.updated_at))
  return item.id
}

export function receive(tx: Tx, stamp: Stamp, args: ReceiveArgs): LedgerDoc {
  const item = requireItem(tx, args.itemId)
  if (args.source === 'donation' && !args.counterpartName) {
    throw new AppError('BAD_ARGS', '捐赠入库请填写捐赠方。', { issues: [{ path: 'counterpartName', message: '请填写捐赠方' }] })
  }
  let batchId: number | null = null
  const warnings: string[] = []
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
    warnings.push(...receiptWarnings(item.name, args.batchNo, args.expiryDate, stamp.day, args.confirmExpired === true))
    batchId = existing?.id ?? insertBatch(tx, item.id, args.batchNo, args.expiryDate, stamp.at)
  }
  const refNo = nextRefNo(tx, REF_PREFIX.in, stamp.day)
  bookLine(tx, stamp, refNo, 'in', item.id, batchId, args.quantity, {
    source: args.source,
    counterpartName: args.counterpartName || RECEIVE_SOURCE_LABELS[args.source],
    note: args.note
  })
  return docOf(tx, refNo, warnings)
}

/**
 * An expired batch is received only when the clerk confirmed it (it goes to 已过期, never to usable
 * stock); one expiring within EXPIRY_WARNING_DAYS is received with a warning.
 */
function receiptWarnings(name: string, batchNo: string, expiryDate: string, today: string, confirmed: boolean): string[] {
  const status = expiryStatus(expiryDate, today)
  if (status === 'expired') {
    if (!confirmed) {
      throw new AppError(
        'RULE_VIOLATION',
        `批号 ${batchNo} 已于 ${expiryDate} 过期。过期物资不能发放；如确需登记入库（例如等待报损），请勾选“确认登记已过期批次”。`,
        {
          expired: true,
          issues: [{ path: 'confirmExpired', message: '该批次已过期，请确认' }]
        }
      )
    }
    return [`批号 ${batchNo} 已过期（有效期至 ${expiryDate}），已记入“已过期”库存，不计入可用库存，请尽快报损。`]
  }
  if (status === 'soon') {
    const days = daysBetween(today, expiryDate)
    return [`批号 ${batchNo} 的${name}将于 ${expiryDate} 到期（还有 ${days} 天），请优先发放。`]
  }
  return []
}

/** 出库: to a checkpoint picked from the list (its own name is written), or to a typed counterpart. */
export function issue(tx: Tx, stamp: Stamp, args: IssueArgs): LedgerDoc {
  const checkpoint = args.counterpartKind === 'checkpoint' && args.checkpointId !== undefined ? liveCheckpoint(tx, args.checkpointId) : null
  const refNo = bookIssue(tx, stamp, args.itemId, args.quantity, {
    counterpartKind: args.counterpartKind,
    counterpartName: checkpoint ? checkpoint.name : args.counterpartName,
    checkpointId: checkpoint?.id ?? null,
    receiver: args.receiver,
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

/**
 * 盘点 of several batches in one step: one reference number, one adjustment line per batch counted
 * (a zero line where the count agreed); all or nothing, in the caller's transaction.
 */
export function stocktake(tx: Tx, stamp: Stamp, args: StocktakeArgs): LedgerDoc {
  const item = requireItem(tx, args.itemId)
  if (item.has_batches !== 1) {
    throw new AppError('RULE_VIOLATION', `“${item.name}”不分批次，请直接填写实盘数量盘点。`, { issues: [{ path: 'counts', message: '该物资不分批次' }] })
  }
  const seen = new Set<number>()
  const batches = args.counts.map((c, index) => {
    const batch = getBatch(tx, c.batchId)
    if (!batch || batch.item_id !== item.id) {
      throw new AppError('NOT_FOUND', `第 ${index + 1} 行的批次不属于“${item.name}”。`, {
        issues: [{ path: `counts.${index}.batchId`, message: '批次不存在' }]
      })
    }
    if (seen.has(batch.id)) {
      throw new AppError('BAD_ARGS', `批号 ${batch.batch_no} 填了两次，请只保留一行。`, { issues: [{ path: `counts.${index}.batchId`, message: '批次重复' }] })
    }
    seen.add(batch.id)
    return { batch, counted: c.counted }
  })
  const refNo = nextRefNo(tx, REF_PREFIX.count, stamp.day)
  for (const { batch, counted } of batches) {
    bookLine(tx, stamp, refNo, 'count', item.id, batch.id, counted - batch.stock, { counted, note: args.note })
  }
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
      checkpointId: line.checkpoint_id,
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
  return listBatches(db, itemId, onlyExpiring ? soon : null).map((b): BatchView => ({
    id: b.id,
    itemId: b.item_id,
    itemName: b.item_name,
    unit: b.unit,
    batchNo: b.batch_no,
    expiryDate: b.expiry_date,
    stock: b.stock,
    status: expiryStatus(b.expiry_date, today, withinDays),
    daysLeft: daysBetween(today, b.expiry_date)
  }))
}

/**
 * Each item's stock at the end of `day`, usable and expired apart by THE rule: the one place other
 * domains (the daily report) read usable stock from, for today or any past day.
 */
export function stockSplitOn(db: Reader, day: string): Map<number, StockSplit> {
  return new Map(stockAsOf(db, day).map((r) => [r.item_id, splitStock(Number(r.stock), Number(r.expired))]))
}

/** The day a month's closing is split on: its last day, or today while the month runs. */
export function monthAsOf(month: string, today: string): string {
  const [y, m] = month.split('-').map(Number)
  const last = new Date(Date.UTC(y ?? 1970, m ?? 1, 0)).toISOString().slice(0, 10)
  return last < today ? last : today
}

/** Opening + in − out ± count − loss = closing, for every item with a line by the end of the month. */
export function monthlySummary(db: Reader, month: string, today: string): MonthlySummary {
  const asOf = monthAsOf(month, today)
  const split = stockSplitOn(db, asOf)
  const rows = monthlyTotals(db, month).map((r) => {
    const opening = Number(r.opening)
    const received = Number(r.qty_in)
    const issued = 0 - Number(r.qty_out)
    const adjusted = Number(r.qty_count)
    const lost = 0 - Number(r.qty_loss)
    const closing = opening + received - issued + adjusted - lost
    const closingExpired = split.get(r.id)?.expired ?? 0
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
      closing,
      closingUsable: closing - closingExpired,
      closingExpired
    }
  })
  return { month, asOf, rows: rows.sort(byCategory) }
}
