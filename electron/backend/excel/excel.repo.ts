import { buildingKey, compoundKey, roomPlaceKey } from '../../../shared/domain/address'
import type { Db } from '../kit/db'
import type { Tx } from '../store/store'

// Households of one building under any spelling; where spellings split before the keys existed,
// those in a building with a grid come first (as findBuilding chooses), then the oldest.
const BUILDING_HOUSEHOLDS = `FROM households h JOIN buildings b ON b.id = h.building_id JOIN compounds c ON c.id = b.compound_id
  WHERE c.key = ? AND b.key = ? AND h.deleted_at IS NULL`
const BUILDING_ORDER = 'ORDER BY b.grid_id IS NULL, h.id'

/** The live household at this address however it is spelled (the one an import places people in). */
export function findHouseholdAt(db: Db, a: { compound: string; building: string; unit: string; room: string }): number | undefined {
  return db.get<{ id: number }>(`SELECT h.id ${BUILDING_HOUSEHOLDS} AND h.room_key = ? ${BUILDING_ORDER} LIMIT 1`, [
    compoundKey(a.compound),
    buildingKey(a.building),
    roomPlaceKey(a.unit, a.room)
  ])?.id
}

/** A household as an import places people in it. */
export interface HouseholdPlacementRow {
  id: number
  unit: string
  room: string
  /** Entrance and room as one key ('2|501'): 501室 and 501 are one place. */
  roomKey: string
  gridId: number | null
  addressKey: string
}

const PLACEMENT_COLUMNS = 'h.id, h.unit, h.room, h.room_key AS roomKey, h.grid_id AS gridId, h.address_key AS addressKey'

/** The live households of one building, in findHouseholdAt's order: an import resolves its addresses a building at a time. */
export function householdsInBuilding(db: Db, a: { compound: string; building: string }): HouseholdPlacementRow[] {
  return db.all<HouseholdPlacementRow>(`SELECT ${PLACEMENT_COLUMNS} ${BUILDING_HOUSEHOLDS} ${BUILDING_ORDER}`, [
    compoundKey(a.compound),
    buildingKey(a.building)
  ])
}

export function householderOf(db: Db, householdId: number): number | null {
  return db.get<{ id: number | null }>('SELECT householder_id AS id FROM households WHERE id = ?', [householdId])?.id ?? null
}

export interface MappingRow {
  id: number
  target: string
  name: string
  signature: string
  headers: string
  mapping: string
  createdAt: string
}

const MAPPING_COLUMNS = 'id, target, name, signature, headers, mapping, created_at AS createdAt'

export function listMappings(db: Db, target: string): MappingRow[] {
  return db.all<MappingRow>(`SELECT ${MAPPING_COLUMNS} FROM excel_mappings WHERE target = ? ORDER BY updated_at DESC, id DESC`, [target])
}

export function mappingBySignature(db: Db, target: string, signature: string): MappingRow | undefined {
  return db.get<MappingRow>(`SELECT ${MAPPING_COLUMNS} FROM excel_mappings WHERE target = ? AND signature = ? ORDER BY updated_at DESC, id DESC LIMIT 1`, [
    target,
    signature
  ])
}

export function getMapping(db: Db, id: number): MappingRow | undefined {
  return db.get<MappingRow>(`SELECT ${MAPPING_COLUMNS} FROM excel_mappings WHERE id = ?`, [id])
}

/** A name is one mapping per target: saving it again replaces it. */
export function saveMapping(tx: Tx, m: { target: string; name: string; signature: string; headers: string; mapping: string; by: string }, at: string): number {
  const existing = tx.get<{ id: number }>('SELECT id FROM excel_mappings WHERE target = ? AND name = ?', [m.target, m.name])
  if (existing) {
    tx.run('UPDATE excel_mappings SET signature = ?, headers = ?, mapping = ?, updated_at = ?, created_by = ? WHERE id = ?', [
      m.signature,
      m.headers,
      m.mapping,
      at,
      m.by,
      existing.id
    ])
    return existing.id
  }
  return tx.run('INSERT INTO excel_mappings (target, name, signature, headers, mapping, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
    m.target,
    m.name,
    m.signature,
    m.headers,
    m.mapping,
    m.by,
    at,
    at
  ]).lastInsertRowid
}

export function deleteMapping(tx: Tx, id: number): number {
  return tx.run('DELETE FROM excel_mappings WHERE id = ?', [id]).changes
}

export interface TemplateRow {
  id: number
  name: string
  list: string
  fileName: string
  sheetName: string
  headerStart: number
  headerEnd: number
  headers: string
  mapping: string
}

const TEMPLATE_COLUMNS = `id, name, list, file_name AS fileName, sheet_name AS sheetName, header_start AS headerStart,
  header_end AS headerEnd, headers, mapping`

export function listTemplates(db: Db): TemplateRow[] {
  return db.all<TemplateRow>(`SELECT ${TEMPLATE_COLUMNS} FROM excel_templates ORDER BY id`)
}

export function getTemplate(db: Db, id: number): (TemplateRow & { file: Uint8Array }) | undefined {
  return db.get(`SELECT ${TEMPLATE_COLUMNS}, file FROM excel_templates WHERE id = ?`, [id])
}

export function insertTemplate(tx: Tx, t: Omit<TemplateRow, 'id'> & { file: Uint8Array; by: string }, at: string): number {
  return tx.run(
    `INSERT INTO excel_templates (name, list, file_name, file, sheet_name, header_start, header_end, headers, mapping, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [t.name, t.list, t.fileName, t.file, t.sheetName, t.headerStart, t.headerEnd, t.headers, t.mapping, t.by, at]
  ).lastInsertRowid
}

export function deleteTemplate(tx: Tx, id: number): number {
  return tx.run('DELETE FROM excel_templates WHERE id = ?', [id]).changes
}
