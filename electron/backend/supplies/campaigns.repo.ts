import { buildingKey, compoundKey } from '../../../shared/domain/address'
import type { Row, SqlValue, Tx } from '../store/store'
import type { Reader } from './supplies.repo'

export interface CampaignRow {
  id: number
  name: string
  item_id: number
  item_name: string
  unit: string
  per_household: number
  notes: string
  closed_at: string | null
  created_at: string
  received: number
}

const CAMPAIGN_SELECT = `SELECT c.id, c.name, c.item_id, i.name AS item_name, i.unit, c.per_household, c.notes, c.closed_at, c.created_at,
    (SELECT COUNT(*) FROM supply_campaign_receipts r WHERE r.campaign_id = c.id) AS received
  FROM supply_campaigns c JOIN supply_items i ON i.id = c.item_id`

export function listCampaigns(db: Reader): CampaignRow[] {
  return db.all<CampaignRow & Row>(`${CAMPAIGN_SELECT} ORDER BY c.closed_at IS NOT NULL, c.id DESC`)
}

export function getCampaign(db: Reader, id: number): CampaignRow | undefined {
  return db.get<CampaignRow & Row>(`${CAMPAIGN_SELECT} WHERE c.id = ?`, [id])
}

export function insertCampaign(tx: Tx, c: { name: string; itemId: number; perHousehold: number; notes: string; at: string; by: string }): number {
  return tx.run('INSERT INTO supply_campaigns (name, item_id, per_household, notes, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)', [
    c.name,
    c.itemId,
    c.perHousehold,
    c.notes,
    c.at,
    c.by
  ]).lastInsertRowid
}

export function closeCampaignRow(tx: Tx, id: number, at: string): void {
  tx.run('UPDATE supply_campaigns SET closed_at = ? WHERE id = ?', [at, id])
}

export interface ReceiptRow {
  collected_by: string
  ref_no: string
  at: string
}

export function getReceipt(db: Reader, campaignId: number, householdId: number): ReceiptRow | undefined {
  return db.get<ReceiptRow & Row>('SELECT collected_by, ref_no, at FROM supply_campaign_receipts WHERE campaign_id = ? AND household_id = ?', [
    campaignId,
    householdId
  ])
}

export function insertReceipt(tx: Tx, r: { campaignId: number; householdId: number; collectedBy: string; refNo: string; at: string; actor: string }): void {
  tx.run('INSERT INTO supply_campaign_receipts (campaign_id, household_id, collected_by, ref_no, at, actor) VALUES (?, ?, ?, ?, ?, ?)', [
    r.campaignId,
    r.householdId,
    r.collectedBy,
    r.refNo,
    r.at,
    r.actor
  ])
}

export function deleteReceiptByRef(tx: Tx, refNo: string): void {
  tx.run('DELETE FROM supply_campaign_receipts WHERE ref_no = ?', [refNo])
}

export interface HouseholdAddress {
  id: number
  compound: string
  building: string
  unit: string
  room: string
  address: string
}

/** The register's households (read only; the register owns them). */
export function getLiveHousehold(db: Reader, id: number): HouseholdAddress | undefined {
  return db.get<HouseholdAddress & Row>(
    `SELECT h.id, c.name AS compound, b.name AS building, h.unit, h.room, h.address
     FROM households h JOIN buildings b ON b.id = h.building_id JOIN compounds c ON c.id = b.compound_id
     WHERE h.id = ? AND h.deleted_at IS NULL`,
    [id]
  )
}

export interface ChecklistDbRow extends HouseholdAddress {
  collected_by: string | null
  at: string | null
  ref_no: string | null
}

export function checklistRows(db: Reader, campaignId: number, compound: string, building: string): ChecklistDbRow[] {
  return db.all<ChecklistDbRow & Row>(
    `SELECT h.id, c.name AS compound, b.name AS building, h.unit, h.room, h.address, r.collected_by, r.at, r.ref_no
     FROM households h JOIN buildings b ON b.id = h.building_id JOIN compounds c ON c.id = b.compound_id
     LEFT JOIN supply_campaign_receipts r ON r.campaign_id = ? AND r.household_id = h.id
     WHERE h.deleted_at IS NULL AND c.key = ? AND b.key = ?
     ORDER BY h.address_key, h.id`,
    [campaignId, compoundKey(compound), buildingKey(building)] as SqlValue[]
  )
}

export interface BuildingCount {
  compound: string
  building: string
  households: number
  received: number
}

export function buildingCounts(db: Reader, campaignId: number): BuildingCount[] {
  return db.all<BuildingCount & Row>(
    `SELECT c.name AS compound, b.name AS building, COUNT(h.id) AS households, COUNT(r.household_id) AS received
     FROM households h JOIN buildings b ON b.id = h.building_id JOIN compounds c ON c.id = b.compound_id
     LEFT JOIN supply_campaign_receipts r ON r.campaign_id = ? AND r.household_id = h.id
     WHERE h.deleted_at IS NULL
     GROUP BY c.id, b.id ORDER BY c.sort_key, b.sort_key`,
    [campaignId]
  )
}
