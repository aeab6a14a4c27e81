/**
 * Stock figures: usable and expired apart. THE expired rule in SQL lives here (EXPIRED_BATCH), next
 * to every query that totals stock, so the rule has one place in the backend (its twin in TypeScript
 * is isExpired in shared/domain/supplies.ts).
 */
import type { SupplyCategory } from '../../../shared/schemas/supplies'
import type { Row, SqlValue } from '../store/store'
import type { ItemRow, Reader } from './supplies.repo'
import { ITEM_SELECT } from './supplies.repo'

/**
 * THE expired rule in SQL, the twin of isExpired in shared/domain/supplies.ts: batch `b` is expired
 * when its expiry day is before the day bound to the ?. Every usable/expired total is built on it
 * (items, batches, the monthly report, exports, the home page, the daily report through stockAsOf).
 */
export const EXPIRED_BATCH = 'b.expiry_date < ?'

/** Expired stock of item `i` now (cached batch stocks); one ? parameter: today. */
const EXPIRED_NOW = `(SELECT COALESCE(SUM(b.stock), 0) FROM supply_batches b WHERE b.item_id = i.id AND b.stock > 0 AND ${EXPIRED_BATCH})`

export interface ItemStockRow extends ItemRow {
  expired: number
}

const ITEM_STOCK_SELECT = ITEM_SELECT.replace(' FROM supply_items i', `, ${EXPIRED_NOW} AS expired FROM supply_items i`)

/** Items with their expired stock as of `today` (usable = stock − expired). */
export function listItems(db: Reader, today: string, category?: SupplyCategory): ItemStockRow[] {
  const where = category ? 'WHERE i.category = ?' : ''
  const params: SqlValue[] = category ? [today, category] : [today]
  return db.all<ItemStockRow & Row>(`${ITEM_STOCK_SELECT} ${where} ORDER BY i.category, i.name, i.spec`, params)
}

export function getItemStock(db: Reader, id: number, today: string): ItemStockRow | undefined {
  return db.get<ItemStockRow & Row>(`${ITEM_STOCK_SELECT} WHERE i.id = ?`, [today, id])
}

export interface StockAsOfRow {
  item_id: number
  stock: number
  expired: number
}

/**
 * Each item's stock and expired stock at the end of `day`, from the ledger by the lines' own days
 * (a past day's figures are the same whenever asked). Expired uses EXPIRED_BATCH with `day`.
 */
export function stockAsOf(db: Reader, day: string): StockAsOfRow[] {
  const month = day.slice(0, 7)
  // Grouped passes over one month's lines (the day index) and over expired batches' lines, not a
  // sum per item over every line the item ever had. CROSS JOIN keeps batches the outer loop: left to
  // itself the planner walked every ledger line up to the day (0.4–0.6 s at 200,000 lines).
  return db.all<StockAsOfRow & Row>(
    `WITH before AS (
       SELECT t.item_id, SUM(t.qty_in + t.qty_out + t.qty_count + t.qty_loss) AS n FROM supply_month_totals t WHERE t.month < ? GROUP BY t.item_id
     ), this_month AS (
       SELECT l.item_id, SUM(l.quantity) AS n FROM supply_ledger l WHERE l.day >= ? AND l.day <= ? GROUP BY l.item_id
     ), gone AS (
       SELECT b.item_id, SUM(l.quantity) AS n FROM supply_batches b CROSS JOIN supply_ledger l ON l.batch_id = b.id
       WHERE ${EXPIRED_BATCH} AND l.day <= ? GROUP BY b.item_id
     )
     SELECT i.id AS item_id, COALESCE(before.n, 0) + COALESCE(this_month.n, 0) AS stock, COALESCE(gone.n, 0) AS expired
     FROM supply_items i
     LEFT JOIN before ON before.item_id = i.id
     LEFT JOIN this_month ON this_month.item_id = i.id
     LEFT JOIN gone ON gone.item_id = i.id
     ORDER BY i.id`,
    [month, `${month}-01`, day, day, day]
  )
}

export interface MonthlyDbRow {
  id: number
  name: string
  category: SupplyCategory
  spec: string
  unit: string
  opening: number
  qty_in: number
  qty_out: number
  qty_count: number
  qty_loss: number
}

/** Opening = every month before, plus this month's totals by kind, from the per-month totals. */
export function monthlyTotals(db: Reader, month: string): MonthlyDbRow[] {
  return db.all<MonthlyDbRow & Row>(
    `SELECT i.id, i.name, i.category, i.spec, i.unit,
       SUM(CASE WHEN t.month < ? THEN t.qty_in + t.qty_out + t.qty_count + t.qty_loss ELSE 0 END) AS opening,
       SUM(CASE WHEN t.month = ? THEN t.qty_in ELSE 0 END) AS qty_in,
       SUM(CASE WHEN t.month = ? THEN t.qty_out ELSE 0 END) AS qty_out,
       SUM(CASE WHEN t.month = ? THEN t.qty_count ELSE 0 END) AS qty_count,
       SUM(CASE WHEN t.month = ? THEN t.qty_loss ELSE 0 END) AS qty_loss
     FROM supply_items i JOIN supply_month_totals t ON t.item_id = i.id AND t.month <= ?
     GROUP BY i.id ORDER BY i.category, i.name, i.spec`,
    [month, month, month, month, month, month]
  )
}
