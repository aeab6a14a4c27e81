import type { CampaignView, Checklist, LedgerDoc } from '../../../shared/contract/supplies'
import { AppError } from '../../../shared/errors'
import type { CampaignReceive, ChecklistArgs } from '../../../shared/schemas/supplies'
import type { Tx } from '../store/store'
import type { CampaignRow } from './campaigns.repo'
import { buildingCounts, checklistRows, getCampaign, getLiveHousehold, getReceipt, insertReceipt } from './campaigns.repo'
import type { Stamp } from './ledger.service'
import { bookIssue, docOf } from './ledger.service'
import type { Reader } from './supplies.repo'

export function toCampaignView(row: CampaignRow): CampaignView {
  return {
    id: row.id,
    name: row.name,
    itemId: row.item_id,
    itemName: row.item_name,
    unit: row.unit,
    perHousehold: row.per_household,
    notes: row.notes,
    closed: row.closed_at !== null,
    received: Number(row.received),
    createdAt: row.created_at
  }
}

export function requireCampaign(db: Reader, id: number): CampaignRow {
  const row = getCampaign(db, id)
  if (!row) throw new AppError('NOT_FOUND', '找不到这个发放活动。', { issues: [{ path: 'campaignId', message: '发放活动不存在' }] })
  return row
}

export function checklist(db: Reader, args: ChecklistArgs): Checklist {
  const campaign = toCampaignView(requireCampaign(db, args.campaignId))
  const buildings = buildingCounts(db, args.campaignId).map((b) => ({ ...b, households: Number(b.households), received: Number(b.received) }))
  const rows =
    args.compound && args.building
      ? checklistRows(db, args.campaignId, args.compound, args.building).map((r) => ({
          householdId: r.id,
          address: r.address,
          compound: r.compound,
          building: r.building,
          unit: r.unit,
          room: r.room,
          received: r.ref_no !== null,
          collectedBy: r.collected_by ?? '',
          at: r.at,
          refNo: r.ref_no
        }))
      : []
  return { campaign, buildings, rows }
}

/** One household collects its share: the receipt and the 出库 are written together, or neither. */
export function receiveForHousehold(tx: Tx, stamp: Stamp, args: CampaignReceive): LedgerDoc {
  const campaign = requireCampaign(tx, args.campaignId)
  if (campaign.closed_at !== null) throw new AppError('RULE_VIOLATION', `发放活动“${campaign.name}”已结束，不能再登记领取。`)
  const household = getLiveHousehold(tx, args.householdId)
  if (!household) throw new AppError('NOT_FOUND', '找不到这户，可能已被删除。', { issues: [{ path: 'householdId', message: '住户不存在' }] })
  const earlier = getReceipt(tx, campaign.id, household.id)
  if (earlier) {
    throw new AppError(
      'CONFLICT',
      `${household.address} 已于 ${earlier.at.slice(0, 10)} 由 ${earlier.collected_by} 领取（单号 ${earlier.ref_no}），同一活动每户只能领取一次。`,
      { refNo: earlier.ref_no }
    )
  }
  const refNo = bookIssue(tx, stamp, campaign.item_id, campaign.per_household, {
    counterpartKind: 'household',
    counterpartName: household.address,
    receiver: args.collectedBy,
    note: campaign.name,
    householdId: household.id,
    campaignId: campaign.id
  })
  insertReceipt(tx, { campaignId: campaign.id, householdId: household.id, collectedBy: args.collectedBy, refNo, at: stamp.at, actor: stamp.actor })
  return docOf(tx, refNo)
}
