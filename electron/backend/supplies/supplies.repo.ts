import type { CounterpartKind, LedgerKind, ReceiveSource, SupplyCategory } from '../../../shared/schemas/supplies'
import type { Row, SqlValue, Store, Tx } from '../store/store'

export type Reader = Pick<Store, 'all' | 'get'> | Tx

export interface ItemRow {
  id: number
  name: string
  category: SupplyCategory
  spec: string
  unit: string
  warning_level: number
  has_batches: number
  stock: number
  notes: string
  updated_at: string
  next_expiry: string | null
  lines: number
}

export const ITEM_SELECT = `SELECT i.id, i.name, i.category, i.spec, i.unit, i.warning_level, i.has_batches, i.stock, i.notes, i.updated_at,
    (SELECT MIN(b.expiry_date) FROM supply_batches b WHERE b.item_id = i.id AND b.stock > 0) AS next_expiry,
    (SELECT COALESCE(SUM(t.lines), 0) FROM supply_month_totals t WHERE t.item_id = i.id) AS lines
  FROM supply_items i`

export function getItem(db: Reader, id: number): ItemRow | undefined {
  return db.get<ItemRow & Row>(`${ITEM_SELECT} WHERE i.id = ?`, [id])
}

export function findItemByName(db: Reader, name: string, spec: string): { id: number } | undefined {
  return db.get<{ id: number } & Row>('SELECT id FROM supply_items WHERE name = ? AND spec = ?', [name, spec])
}

export interface ItemFields {
  name: string
  category: SupplyCategory
  spec: string
  unit: string
  warningLevel: number
  hasBatches: boolean
  notes: string
}

export function insertItem(tx: Tx, f: ItemFields, at: string): number {
  return tx.run(
    `INSERT INTO supply_items (name, category, spec, unit, warning_level, has_batches, stock, notes, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
    [f.name, f.category, f.spec, f.unit, f.warningLevel, f.hasBatches ? 1 : 0, f.notes, at, at]
  ).lastInsertRowid
}

export function updateItem(tx: Tx, id: number, f: ItemFields, at: string): void {
  tx.run(
    `UPDATE supply_items SET name = ?, category = ?, spec = ?, unit = ?, warning_level = ?, has_batches = ?, notes = ?, updated_at = ?
     WHERE id = ?`,
    [f.name, f.category, f.spec, f.unit, f.warningLevel, f.hasBatches ? 1 : 0, f.notes, at, id]
  )
}

export interface BatchRow {
  id: number
  item_id: number
  batch_no: string
  expiry_date: string
  stock: number
}

export function getBatch(db: Reader, id: number): BatchRow | undefined {
  return db.get<BatchRow & Row>('SELECT id, item_id, batch_no, expiry_date, stock FROM supply_batches WHERE id = ?', [id])
}

export function findBatch(db: Reader, itemId: number, batchNo: string): BatchRow | undefined {
  return db.get<BatchRow & Row>('SELECT id, item_id, batch_no, expiry_date, stock FROM supply_batches WHERE item_id = ? AND batch_no = ?', [itemId, batchNo])
}

export function insertBatch(tx: Tx, itemId: number, batchNo: string, expiryDate: string, at: string): number {
  return tx.run('INSERT INTO supply_batches (item_id, batch_no, expiry_date, stock, created_at) VALUES (?, ?, ?, 0, ?)', [itemId, batchNo, expiryDate, at])
    .lastInsertRowid
}

/** Batches holding stock, earliest expiry first (FEFO), then oldest. */
export function batchesInStock(db: Reader, itemId: number): BatchRow[] {
  return db.all<BatchRow & Row>(
    `SELECT id, item_id, batch_no, expiry_date, stock FROM supply_batches
     WHERE item_id = ? AND stock > 0 ORDER BY expiry_date, id`,
    [itemId]
  )
}

export interface BatchListRow extends BatchRow {
  item_name: string
  unit: string
}

export function listBatches(db: Reader, itemId: number | null, expiringBy: string | null): BatchListRow[] {
  // expiry_date <= a day ahead covers the expired (EXPIRED_BATCH) and the soon-expiring alike.
  const where = ['b.stock > 0']
  const params: SqlValue[] = []
  if (itemId !== null) {
    where.push('b.item_id = ?')
    params.push(itemId)
  }
  if (expiringBy !== null) {
    where.push('b.expiry_date <= ?')
    params.push(expiringBy)
  }
  return db.all<BatchListRow & Row>(
    `SELECT b.id, b.item_id, b.batch_no, b.expiry_date, b.stock, i.name AS item_name, i.unit
     FROM supply_batches b JOIN supply_items i ON i.id = b.item_id
     WHERE ${where.join(' AND ')} ORDER BY b.expiry_date, b.id`,
    params
  )
}

export interface NewLine {
  refNo: string
  itemId: number
  batchId: number | null
  kind: LedgerKind
  quantity: number
  balanceBefore: number
  balanceAfter: number
  at: string
  day: string
  actor: string
  source?: ReceiveSource | null
  counterpartKind?: CounterpartKind | null
  counterpartName?: string
  receiver?: string
  householdId?: number | null
  campaignId?: number | null
  disinfectionLogId?: number | null
  checkpointId?: number | null
  counted?: number | null
  reason?: string
  note?: string
  reversesId?: number | null
}

/** Appends one ledger line and moves the cached stocks and the month's totals with it. */
export function insertLine(tx: Tx, l: NewLine): number {
  const id = tx.run(
    `INSERT INTO supply_ledger (ref_no, item_id, batch_id, kind, quantity, balance_before, balance_after, at, day, actor, source,
       counterpart_kind, counterpart_name, receiver, household_id, campaign_id, disinfection_log_id, counted, reason, note, reverses_id,
       checkpoint_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      l.refNo,
      l.itemId,
      l.batchId,
      l.kind,
      l.quantity,
      l.balanceBefore,
      l.balanceAfter,
      l.at,
      l.day,
      l.actor,
      l.source ?? null,
      l.counterpartKind ?? null,
      l.counterpartName ?? '',
      l.receiver ?? '',
      l.householdId ?? null,
      l.campaignId ?? null,
      l.disinfectionLogId ?? null,
      l.counted ?? null,
      l.reason ?? '',
      l.note ?? '',
      l.reversesId ?? null,
      l.checkpointId ?? null
    ]
  ).lastInsertRowid
  tx.run('UPDATE supply_items SET stock = ? WHERE id = ?', [l.balanceAfter, l.itemId])
  if (l.batchId !== null) tx.run('UPDATE supply_batches SET stock = stock + ? WHERE id = ?', [l.quantity, l.batchId])
  const column = { in: 'qty_in', out: 'qty_out', count: 'qty_count', loss: 'qty_loss' }[l.kind]
  tx.run(
    `INSERT INTO supply_month_totals (item_id, month, ${column}, lines) VALUES (?, ?, ?, 1)
     ON CONFLICT (item_id, month) DO UPDATE SET ${column} = ${column} + excluded.${column}, lines = lines + 1`,
    [l.itemId, l.day.slice(0, 7), l.quantity]
  )
  return id
}

/** The last reference number of a prefix and day ('CK20260203-'), to number the next one. */
export function lastRefNo(db: Reader, prefix: string): string | null {
  return (
    db.get<{ ref_no: string } & Row>('SELECT ref_no FROM supply_ledger WHERE ref_no >= ? AND ref_no < ? ORDER BY ref_no DESC LIMIT 1', [prefix, `${prefix}~`])
      ?.ref_no ?? null
  )
}

export interface LineRow {
  id: number
  ref_no: string
  item_id: number
  item_name: string
  unit: string
  batch_id: number | null
  batch_no: string | null
  expiry_date: string | null
  kind: LedgerKind
  quantity: number
  balance_before: number
  balance_after: number
  at: string
  day: string
  actor: string
  source: ReceiveSource | null
  counterpart_kind: CounterpartKind | null
  counterpart_name: string
  receiver: string
  household_id: number | null
  campaign_id: number | null
  checkpoint_id: number | null
  counted: number | null
  reason: string
  note: string
  reverses_id: number | null
  reversed_by: number | null
}

const LINE_SELECT = `SELECT l.id, l.ref_no, l.item_id, i.name AS item_name, i.unit, l.batch_id, b.batch_no, b.expiry_date, l.kind,
    l.quantity, l.balance_before, l.balance_after, l.at, l.day, l.actor, l.source, l.counterpart_kind, l.counterpart_name,
    l.receiver, l.household_id, l.campaign_id, l.checkpoint_id, l.counted, l.reason, l.note, l.reverses_id,
    (SELECT r.id FROM supply_ledger r WHERE r.reverses_id = l.id) AS reversed_by
  FROM supply_ledger l
  JOIN supply_items i ON i.id = l.item_id
  LEFT JOIN supply_batches b ON b.id = l.batch_id`

export function linesByRef(db: Reader, refNo: string): LineRow[] {
  return db.all<LineRow & Row>(`${LINE_SELECT} WHERE l.ref_no = ? ORDER BY l.id`, [refNo])
}

export interface LedgerQuery {
  itemId?: number
  kind?: LedgerKind
  from?: string
  to?: string
  counterpart?: string
}

function ledgerWhere(q: LedgerQuery): { sql: string; params: SqlValue[] } {
  const clauses: string[] = []
  const params: SqlValue[] = []
  const add = (clause: string, value: SqlValue | undefined) => {
    if (value === undefined || value === '') return
    clauses.push(clause)
    params.push(value)
  }
  add('l.item_id = ?', q.itemId)
  add('l.kind = ?', q.kind)
  add('l.day >= ?', q.from)
  add('l.day <= ?', q.to)
  if (q.counterpart) {
    const like = `%${q.counterpart.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
    clauses.push("(l.counterpart_name LIKE ? ESCAPE '\\' OR l.receiver LIKE ? ESCAPE '\\' OR l.ref_no = ?)")
    params.push(like, like, q.counterpart)
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params }
}

export function pageLines(db: Reader, q: LedgerQuery, limit: number, offset: number, order: 'asc' | 'desc' = 'desc'): LineRow[] {
  const { sql, params } = ledgerWhere(q)
  return db.all<LineRow & Row>(`${LINE_SELECT} ${sql} ORDER BY l.id ${order === 'asc' ? 'ASC' : 'DESC'} LIMIT ? OFFSET ?`, [...params, limit, offset])
}

export function countLines(db: Reader, q: LedgerQuery): number {
  const { sql, params } = ledgerWhere(q)
  return Number(db.get<{ n: number } & Row>(`SELECT COUNT(*) AS n FROM supply_ledger l ${sql}`, params)?.n ?? 0)
}
