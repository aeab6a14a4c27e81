import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import type { BatchView, CampaignView, Checklist, LedgerDoc, LedgerLine, MonthlySummary, SupplyItemView } from '../../../shared/contract'
import type {
  CampaignCreate,
  CountArgs,
  IssueArgs,
  ItemSave,
  LedgerKind,
  LedgerListArgs,
  LossArgs,
  ReceiveArgs,
  StocktakeArgs,
  SupplyCategory
} from '../../../shared/schemas/supplies'
import { call } from '../api'
import { saveBytes } from '../utils/download'

export interface LedgerFilter {
  itemId: number | null
  kind: LedgerKind | ''
  range: [string, string] | null
  counterpart: string
}

export const useSuppliesStore = defineStore('supplies', () => {
  const items = ref<SupplyItemView[]>([])
  const expiring = ref<BatchView[]>([])
  const loading = ref(false)
  const lines = ref<LedgerLine[]>([])
  const total = ref(0)
  const page = ref(1)
  const pageSize = ref(50)
  const filter = reactive<LedgerFilter>({ itemId: null, kind: '', range: null, counterpart: '' })
  const campaigns = ref<CampaignView[]>([])

  async function loadStock(): Promise<void> {
    loading.value = true
    try {
      ;[items.value, expiring.value] = await Promise.all([call('supplies.items', {}), call('supplies.batches', {})])
    } finally {
      loading.value = false
    }
  }

  function ledgerArgs(): LedgerListArgs {
    return {
      itemId: filter.itemId ?? undefined,
      kind: filter.kind || undefined,
      from: filter.range?.[0],
      to: filter.range?.[1],
      counterpart: filter.counterpart.trim() || undefined,
      page: page.value,
      pageSize: pageSize.value
    }
  }

  async function loadLedger(): Promise<void> {
    loading.value = true
    try {
      const result = await call('supplies.ledger', ledgerArgs())
      lines.value = result.rows
      total.value = result.total
    } finally {
      loading.value = false
    }
  }

  /** After a booking: stock and ledger both change. */
  async function after<T>(work: Promise<T>): Promise<T> {
    const result = await work
    await Promise.all([loadStock(), loadLedger()])
    return result
  }

  const saveItem = (args: ItemSave) => after(call('supplies.saveItem', args))
  const receive = (args: ReceiveArgs): Promise<LedgerDoc> => after(call('supplies.receive', args))
  const issue = (args: IssueArgs): Promise<LedgerDoc> => after(call('supplies.issue', args))
  const count = (args: CountArgs): Promise<LedgerDoc> => after(call('supplies.count', args))
  const stocktake = (args: StocktakeArgs): Promise<LedgerDoc> => after(call('supplies.stocktake', args))
  const loss = (args: LossArgs): Promise<LedgerDoc> => after(call('supplies.loss', args))
  const reverse = (refNo: string, reason: string): Promise<LedgerDoc> => after(call('supplies.reverse', { refNo, reason }))

  /** Items of one category, e.g. 消杀用品 for the agent picker of 消杀. */
  function itemsOf(category: SupplyCategory): Promise<SupplyItemView[]> {
    return call('supplies.items', { category })
  }

  function batchesOf(itemId: number): Promise<BatchView[]> {
    return call('supplies.batches', { itemId })
  }

  function monthly(month: string): Promise<MonthlySummary> {
    return call('supplies.monthly', { month })
  }

  async function exportMonthly(month: string): Promise<void> {
    const file = await call('supplies.exportMonthly', { month })
    saveBytes(file.fileName, file.bytes)
  }

  async function loadCampaigns(): Promise<void> {
    campaigns.value = await call('supplies.campaigns', {})
  }

  async function createCampaign(args: CampaignCreate): Promise<CampaignView> {
    const created = await call('supplies.createCampaign', args)
    await loadCampaigns()
    return created
  }

  async function closeCampaign(id: number): Promise<void> {
    await call('supplies.closeCampaign', { id })
    await loadCampaigns()
  }

  function checklist(campaignId: number, compound?: string, building?: string): Promise<Checklist> {
    return call('supplies.checklist', { campaignId, compound, building })
  }

  const campaignReceive = (campaignId: number, householdId: number, collectedBy: string) =>
    after(call('supplies.campaignReceive', { campaignId, householdId, collectedBy }))

  return {
    items,
    expiring,
    loading,
    lines,
    total,
    page,
    pageSize,
    filter,
    campaigns,
    loadStock,
    loadLedger,
    saveItem,
    receive,
    issue,
    count,
    stocktake,
    itemsOf,
    loss,
    reverse,
    batchesOf,
    monthly,
    exportMonthly,
    loadCampaigns,
    createCampaign,
    closeCampaign,
    checklist,
    campaignReceive
  }
})
