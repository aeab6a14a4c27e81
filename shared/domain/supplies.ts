/** Vocabulary of supply stock (物资台账): codes stored, zh-CN labels shown. */
import { addDays } from './dates'

export const SUPPLY_CATEGORIES = ['protective', 'disinfectant', 'testing', 'living', 'medicine'] as const
export type SupplyCategory = (typeof SUPPLY_CATEGORIES)[number]
export const SUPPLY_CATEGORY_LABELS: Record<SupplyCategory, string> = {
  protective: '防护用品',
  disinfectant: '消杀用品',
  testing: '检测设备',
  living: '生活物资',
  medicine: '药品'
}

export const LEDGER_KINDS = ['in', 'out', 'count', 'loss'] as const
export type LedgerKind = (typeof LEDGER_KINDS)[number]
/** A ledger line's kind as a list shows it. */
export const LEDGER_KIND_LABELS: Record<LedgerKind, string> = { in: '入库', out: '出库', count: '盘点调整', loss: '报损' }
/** The same kinds as actions a clerk takes (物资盘点, 确认盘点, 已盘点). */
export const LEDGER_ACTION_LABELS: Record<LedgerKind, string> = { in: '入库', out: '出库', count: '盘点', loss: '报损' }

export const RECEIVE_SOURCES = ['allocated', 'purchase', 'donation', 'transfer'] as const
export type ReceiveSource = (typeof RECEIVE_SOURCES)[number]
export const RECEIVE_SOURCE_LABELS: Record<ReceiveSource, string> = {
  allocated: '街道下拨',
  purchase: '采购',
  donation: '捐赠',
  transfer: '调拨'
}

export const COUNTERPART_KINDS = ['checkpoint', 'volunteer', 'household', 'other'] as const
export type CounterpartKind = (typeof COUNTERPART_KINDS)[number]
export const COUNTERPART_KIND_LABELS: Record<CounterpartKind, string> = {
  checkpoint: '卡口',
  volunteer: '志愿者',
  household: '住户',
  other: '其他'
}

/**
 * Usable vs expired: THE rule, used by every total (stock tab, item drawer, monthly report, exports,
 * home alerts, the daily report). A batch is usable through its expiry day and expired from the day
 * after. Items kept without batches have no expiry: all their stock is usable. The SQL form of the
 * same comparison is EXPIRED_BATCH in electron/backend/supplies/supplies.repo.ts.
 */
export function isExpired(expiryDate: string, day: string): boolean {
  return expiryDate < day
}

/** A batch within this many days of its expiry is 即将到期: warned on receipt, listed on the home page. */
export const EXPIRY_WARNING_DAYS = 30

export type ExpiryStatus = 'expired' | 'soon' | 'ok'

/** 'soon' when the last usable day falls within EXPIRY_WARNING_DAYS (or the given days) from `day`. */
export function expiryStatus(expiryDate: string, day: string, withinDays = EXPIRY_WARNING_DAYS): ExpiryStatus {
  if (isExpired(expiryDate, day)) return 'expired'
  return expiryDate <= addDays(day, withinDays) ? 'soon' : 'ok'
}

/** Usable = stock − expired; both shown apart so an expired batch is never counted as stock to hand out. */
export interface StockSplit {
  stock: number
  usable: number
  expired: number
}

export function splitStock(stock: number, expired: number): StockSplit {
  return { stock, usable: stock - expired, expired }
}
