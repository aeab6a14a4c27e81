import type { SuppliesApi } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { localIsoDate } from '../../../shared/domain/dates'
import type { LedgerDoc } from '../../../shared/contract'
import type { AuditNote, Handlers } from '../context'
import { runExport } from '../excel/export/engine'
import { closeCampaignRow, insertCampaign, listCampaigns } from './campaigns.repo'
import { checklist, receiveForHousehold, requireCampaign, toCampaignView } from './campaigns.service'
import { describeDoc, itemView, requireItem, stampOf, toItemView, toLine } from './ledger.service'
import { suppliesExport } from './supplies.export'
import { listItems } from './stock.repo'
import { countLines, pageLines } from './supplies.repo'
import { batchViews, byCategory, count, issue, loss, monthlySummary, receive, reverse, saveItem, stocktake } from './supplies.service'

const docNote = (summary: (doc: LedgerDoc) => string): AuditNote<LedgerDoc> => ({ summary, record: (doc) => `supply:${doc.refNo}` })

export const suppliesHandlers = {
  'supplies.items': (args, ctx) => listItems(ctx.store, localIsoDate(ctx.now()), args.category).map(toItemView).sort(byCategory),

  'supplies.saveItem': (args, ctx) => {
    const id = ctx.write(
      {
        summary: `${args.id ? '修改' : '新建'}物资 ${args.name}${args.spec ? ` ${args.spec}` : ''}（${args.unit}）`,
        record: (newId: number) => `supply_item:${newId}`
      },
      (tx) => saveItem(tx, args, ctx.now().toISOString())
    )
    return itemView(ctx.store, id, localIsoDate(ctx.now()))
  },

  'supplies.receive': (args, ctx) =>
    ctx.write(
      docNote((doc) => `入库 ${describeDoc(doc)}${doc.warnings.length ? `（${doc.warnings.join('')}）` : ''}`),
      (tx) => receive(tx, stampOf(ctx.now(), ctx.session.actor), args)
    ),

  'supplies.issue': (args, ctx) =>
    ctx.write(
      docNote((doc) => `出库 ${describeDoc(doc)}，发往 ${doc.lines[0]?.counterpartName ?? args.counterpartName}`),
      (tx) => issue(tx, stampOf(ctx.now(), ctx.session.actor), args)
    ),

  'supplies.count': (args, ctx) =>
    ctx.write(
      docNote((doc) => `盘点 ${describeDoc(doc)}`),
      (tx) => count(tx, stampOf(ctx.now(), ctx.session.actor), args)
    ),

  'supplies.stocktake': (args, ctx) =>
    ctx.write(
      docNote((doc) => `盘点 ${describeDoc(doc)}（${doc.lines.length} 个批次）`),
      (tx) => stocktake(tx, stampOf(ctx.now(), ctx.session.actor), args)
    ),

  'supplies.loss': (args, ctx) =>
    ctx.write(
      docNote((doc) => `报损 ${describeDoc(doc)}：${args.reason}`),
      (tx) => loss(tx, stampOf(ctx.now(), ctx.session.actor), args)
    ),

  'supplies.reverse': (args, ctx) =>
    ctx.write(
      docNote((doc) => `冲正 ${args.refNo}：${describeDoc(doc)}，原因：${args.reason}`),
      (tx) => reverse(tx, stampOf(ctx.now(), ctx.session.actor), args)
    ),

  'supplies.ledger': (args, ctx) => {
    const page = args.page ?? 1
    const pageSize = args.pageSize ?? 50
    return {
      rows: pageLines(ctx.store, args, pageSize, (page - 1) * pageSize).map(toLine),
      total: countLines(ctx.store, args),
      page,
      pageSize
    }
  },

  'supplies.batches': (args, ctx) => batchViews(ctx.store, args.itemId ?? null, localIsoDate(ctx.now()), args.withinDays ?? 30, args.itemId === undefined),

  'supplies.monthly': (args, ctx) => monthlySummary(ctx.store, args.month, localIsoDate(ctx.now())),

  'supplies.exportMonthly': (args, ctx) => runExport(ctx, suppliesExport, args),

  'supplies.campaigns': (_args, ctx) => listCampaigns(ctx.store).map(toCampaignView),

  'supplies.createCampaign': (args, ctx) => {
    const item = requireItem(ctx.store, args.itemId)
    const id = ctx.write(
      { summary: `新建发放活动“${args.name}”：每户 ${args.perHousehold} ${item.unit}${item.name}`, record: (newId: number) => `supply_campaign:${newId}` },
      (tx) => insertCampaign(tx, { ...args, at: ctx.now().toISOString(), by: ctx.session.actor })
    )
    return toCampaignView(requireCampaign(ctx.store, id))
  },

  'supplies.closeCampaign': (args, ctx) => {
    const campaign = requireCampaign(ctx.store, args.id)
    if (campaign.closed_at !== null) throw new AppError('CONFLICT', `发放活动“${campaign.name}”已经结束。`)
    ctx.write({ summary: `结束发放活动“${campaign.name}”（已领 ${campaign.received} 户）`, record: `supply_campaign:${campaign.id}` }, (tx) =>
      closeCampaignRow(tx, campaign.id, ctx.now().toISOString())
    )
    return toCampaignView(requireCampaign(ctx.store, campaign.id))
  },

  'supplies.checklist': (args, ctx) => checklist(ctx.store, args),

  'supplies.campaignReceive': (args, ctx) =>
    ctx.write(
      docNote((doc) => `发放领取 ${describeDoc(doc)}，${doc.lines[0]?.counterpartName ?? ''} 由 ${args.collectedBy} 领取`),
      (tx) => receiveForHousehold(tx, stampOf(ctx.now(), ctx.session.actor), args)
    )
} satisfies Handlers<SuppliesApi>
