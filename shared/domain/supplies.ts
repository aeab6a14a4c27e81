/** Vocabulary of supply stock (物资台账): codes stored, zh-CN labels shown. */

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
