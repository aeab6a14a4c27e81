import type {
  BatchesArgs,
  CampaignCreate,
  CampaignReceive,
  ChecklistArgs,
  CountArgs,
  CounterpartKind,
  IssueArgs,
  ItemsArgs,
  ItemSave,
  LedgerKind,
  LedgerListArgs,
  LossArgs,
  MonthArgs,
  ReceiveArgs,
  ReceiveSource,
  ReverseArgs,
  StocktakeArgs,
  SupplyCategory
} from '../schemas/supplies'
import {
  batchesArgs,
  campaignCreateArgs,
  campaignIdArgs,
  campaignReceiveArgs,
  checklistArgs,
  countArgs,
  issueArgs,
  itemsArgs,
  itemSaveArgs,
  ledgerListArgs,
  lossArgs,
  monthArgs,
  receiveArgs,
  reverseArgs,
  stocktakeArgs
} from '../schemas/supplies'
import type { ExpiryStatus } from '../domain/supplies'
import type { EmptyArgs } from '../schemas/system'
import { emptyArgs } from '../schemas/system'
import type { ExportedFile, Page } from './audit'
import { defineModule, type MethodTable } from './types'

export interface SupplyItemView {
  id: number
  name: string
  category: SupplyCategory
  spec: string
  unit: string
  warningLevel: number
  hasBatches: boolean
  /** Everything on the shelf: usable + expired. */
  stock: number
  /** Stock that may be handed out: batches not past their expiry (isExpired in shared/domain/supplies.ts). */
  usable: number
  /** Stock in batches past their expiry: kept apart, waiting for 报损. */
  expired: number
  /** Usable stock at or below the warning level. */
  low: boolean
  /** Earliest expiry among batches still in stock, or null. */
  nextExpiry: string | null
  notes: string
  lines: number
  /** What the edit form sends back as expectedUpdatedAt (stale writes, issue 24). */
  updatedAt: string
}

export interface LedgerLine {
  id: number
  refNo: string
  itemId: number
  itemName: string
  unit: string
  batchNo: string | null
  expiryDate: string | null
  kind: LedgerKind
  /** Signed change of stock. */
  quantity: number
  balanceBefore: number
  balanceAfter: number
  at: string
  day: string
  actor: string
  source: ReceiveSource | null
  counterpartKind: CounterpartKind | null
  counterpartName: string
  receiver: string
  counted: number | null
  reason: string
  note: string
  /** 出库 to a checkpoint: the checkpoint picked. */
  checkpointId: number | null
  /** Set on a reversing line: the line it cancels. */
  reversesId: number | null
  /** Set when a later line cancelled this one. */
  reversedBy: number | null
}

/** One booking: the lines written under one reference number (an issue may span batches). */
export interface LedgerDoc {
  refNo: string
  lines: LedgerLine[]
  stock: number
  /** What the clerk should know about the booking (a batch received expired or expiring soon). */
  warnings: string[]
}

export interface BatchView {
  id: number
  itemId: number
  itemName: string
  unit: string
  batchNo: string
  expiryDate: string
  stock: number
  status: ExpiryStatus
  daysLeft: number
}

export interface MonthlyRow {
  itemId: number
  name: string
  category: SupplyCategory
  spec: string
  unit: string
  opening: number
  received: number
  issued: number
  /** Net 盘点 adjustment (+ found more, − found less). */
  adjusted: number
  lost: number
  closing: number
  /** The closing stock split by THE rule, as of `asOf`: usable + expired = closing. */
  closingUsable: number
  closingExpired: number
}

export interface MonthlySummary {
  month: string
  /** The day the usable/expired split is reckoned on: the month's last day, or today for the month running. */
  asOf: string
  rows: MonthlyRow[]
}

export interface CampaignView {
  id: number
  name: string
  itemId: number
  itemName: string
  unit: string
  perHousehold: number
  notes: string
  closed: boolean
  received: number
  createdAt: string
}

export interface ChecklistRow {
  householdId: number
  address: string
  compound: string
  building: string
  unit: string
  room: string
  received: boolean
  collectedBy: string
  at: string | null
  refNo: string | null
}

export interface Checklist {
  campaign: CampaignView
  buildings: { compound: string; building: string; households: number; received: number }[]
  rows: ChecklistRow[]
}

export type SuppliesApi = {
  'supplies.items': (args: ItemsArgs) => Promise<SupplyItemView[]>
  'supplies.saveItem': (args: ItemSave) => Promise<SupplyItemView>
  'supplies.receive': (args: ReceiveArgs) => Promise<LedgerDoc>
  'supplies.issue': (args: IssueArgs) => Promise<LedgerDoc>
  'supplies.count': (args: CountArgs) => Promise<LedgerDoc>
  'supplies.stocktake': (args: StocktakeArgs) => Promise<LedgerDoc>
  'supplies.loss': (args: LossArgs) => Promise<LedgerDoc>
  'supplies.reverse': (args: ReverseArgs) => Promise<LedgerDoc>
  'supplies.ledger': (args: LedgerListArgs) => Promise<Page<LedgerLine>>
  'supplies.batches': (args: BatchesArgs) => Promise<BatchView[]>
  'supplies.monthly': (args: MonthArgs) => Promise<MonthlySummary>
  'supplies.exportMonthly': (args: MonthArgs) => Promise<ExportedFile>
  'supplies.campaigns': (args: EmptyArgs) => Promise<CampaignView[]>
  'supplies.createCampaign': (args: CampaignCreate) => Promise<CampaignView>
  'supplies.closeCampaign': (args: { id: number }) => Promise<CampaignView>
  'supplies.checklist': (args: ChecklistArgs) => Promise<Checklist>
  'supplies.campaignReceive': (args: CampaignReceive) => Promise<LedgerDoc>
}

export const suppliesMethods = {
  'supplies.items': { args: itemsArgs, kind: 'query', permission: 'supplies.view', title: '查看物资库存' },
  'supplies.saveItem': { args: itemSaveArgs, kind: 'mutation', permission: 'supplies.edit', title: '保存物资' },
  'supplies.receive': { args: receiveArgs, kind: 'mutation', permission: 'supplies.edit', title: '物资入库' },
  'supplies.issue': { args: issueArgs, kind: 'mutation', permission: 'supplies.edit', title: '物资出库' },
  'supplies.count': { args: countArgs, kind: 'mutation', permission: 'supplies.edit', title: '物资盘点' },
  'supplies.stocktake': { args: stocktakeArgs, kind: 'mutation', permission: 'supplies.edit', title: '按批次盘点' },
  'supplies.loss': { args: lossArgs, kind: 'mutation', permission: 'supplies.edit', title: '物资报损' },
  'supplies.reverse': { args: reverseArgs, kind: 'mutation', permission: 'supplies.edit', title: '冲正物资单据' },
  'supplies.ledger': { args: ledgerListArgs, kind: 'query', permission: 'supplies.view', title: '查看物资台账' },
  'supplies.batches': { args: batchesArgs, kind: 'query', permission: 'supplies.view', title: '查看物资批次' },
  'supplies.monthly': { args: monthArgs, kind: 'query', permission: 'supplies.view', title: '查看物资月报' },
  // A mutation (the export is written to the audit trail), so only roles that may change records export.
  'supplies.exportMonthly': { args: monthArgs, kind: 'export', permission: 'supplies.view', title: '导出物资台账' },
  'supplies.campaigns': { args: emptyArgs, kind: 'query', permission: 'supplies.view', title: '查看发放活动' },
  'supplies.createCampaign': { args: campaignCreateArgs, kind: 'mutation', permission: 'supplies.edit', title: '新建发放活动' },
  'supplies.closeCampaign': { args: campaignIdArgs, kind: 'mutation', permission: 'supplies.edit', title: '结束发放活动' },
  'supplies.checklist': { args: checklistArgs, kind: 'query', permission: 'supplies.view', title: '查看发放清单' },
  'supplies.campaignReceive': { args: campaignReceiveArgs, kind: 'mutation', permission: 'supplies.edit', title: '住户领取物资' }
} satisfies MethodTable<SuppliesApi>

export const suppliesModule = defineModule<SuppliesApi>({
  name: 'supplies',
  methods: suppliesMethods,
  grants: { 'supplies.view': ['staff', 'readonly'], 'supplies.edit': ['staff'] },
  pages: [{ path: '/supplies', name: 'supplies', title: '物资', permission: 'supplies.view', group: 'supplies' }]
})
