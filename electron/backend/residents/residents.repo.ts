import type { IdDocType, Sex } from '../../../shared/domain'
import type { PersonType, Relation } from '../../../shared/schemas/register'
import type { Db } from '../kit/db'
import type { Tx } from '../store/store'

/** A resident as stored, with the household address and grid name joined in. */
export interface ResidentRecord {
  id: number
  householdId: number | null
  gridId: number | null
  name: string
  idType: IdDocType
  idNumber: string | null
  sex: Sex | null
  birthDate: string | null
  phones: string
  relation: Relation | null
  personType: PersonType
  notes: string
  createdAt: string
  updatedAt: string
  deletedAt: string | null
  deletedWithHousehold: number | null
  address: string | null
  gridName: string | null
  tags: string | null
  householderId: number | null
  householderName: string | null
}

export const RESIDENT_COLUMNS = `r.id, r.household_id AS householdId, r.grid_id AS gridId, r.name, r.id_type AS idType,
  r.id_number AS idNumber, r.sex, r.birth_date AS birthDate, r.phones, r.relation, r.person_type AS personType, r.notes,
  r.created_at AS createdAt, r.updated_at AS updatedAt, r.deleted_at AS deletedAt,
  r.deleted_with_household AS deletedWithHousehold, h.address, g.name AS gridName,
  (SELECT group_concat(t.tag) FROM resident_tags t WHERE t.resident_id = r.id) AS tags,
  h.householder_id AS householderId, (SELECT hr.name FROM residents hr WHERE hr.id = h.householder_id) AS householderName`

/** What a list export prints of a resident: the list columns without the bookkeeping or the 户主's name. */
export type ResidentExportRecord = Pick<
  ResidentRecord,
  'id' | 'name' | 'sex' | 'birthDate' | 'idType' | 'idNumber' | 'phones' | 'relation' | 'personType' | 'notes' | 'address' | 'gridName' | 'tags'
>

export const RESIDENT_EXPORT_COLUMNS = `r.id, r.name, r.sex, r.birth_date AS birthDate, r.id_type AS idType, r.id_number AS idNumber,
  r.phones, r.relation, r.person_type AS personType, r.notes, h.address, g.name AS gridName,
  (SELECT group_concat(t.tag) FROM resident_tags t WHERE t.resident_id = r.id) AS tags`

export const RESIDENT_JOINS = 'LEFT JOIN households h ON h.id = r.household_id LEFT JOIN grids g ON g.id = r.grid_id'

export function getResident(db: Db, id: number): ResidentRecord | undefined {
  return db.get<ResidentRecord>(`SELECT ${RESIDENT_COLUMNS} FROM residents r ${RESIDENT_JOINS} WHERE r.id = ?`, [id])
}

export function membersOf(db: Db, householdId: number): ResidentRecord[] {
  return db.all<ResidentRecord>(
    `SELECT ${RESIDENT_COLUMNS} FROM residents r ${RESIDENT_JOINS}
      WHERE r.household_id = ? AND r.deleted_at IS NULL
      ORDER BY r.id = h.householder_id DESC, r.id`,
    [householdId]
  )
}

export function findByDocument(
  db: Db,
  idType: IdDocType,
  idNumber: string
): { id: number; name: string; gridId: number | null; deletedAt: string | null } | undefined {
  return db.get('SELECT id, name, grid_id AS gridId, deleted_at AS deletedAt FROM residents WHERE id_type = ? AND id_number = ?', [idType, idNumber])
}

/** What the service writes: every search key is computed before it reaches SQL. */
export interface ResidentWrite {
  householdId: number | null
  gridId: number | null
  sortKey: string
  name: string
  initials: string
  pinyin: string
  idType: IdDocType
  idNumber: string | null
  idRev: string | null
  sex: Sex | null
  birthDate: string | null
  phones: { phone: string; digitsRev: string }[]
  tags: string[]
  relation: Relation | null
  personType: PersonType
  notes: string
}

function writeChildren(tx: Tx, id: number, w: ResidentWrite, fresh = false): void {
  // A new resident has no phones or tags to clear (a bulk import inserts tens of thousands).
  if (!fresh) tx.run('DELETE FROM resident_phones WHERE resident_id = ?', [id])
  w.phones.forEach((p, position) => {
    tx.run('INSERT INTO resident_phones (resident_id, position, phone, digits_rev) VALUES (?, ?, ?, ?)', [id, position, p.phone, p.digitsRev])
  })
  if (!fresh) tx.run('DELETE FROM resident_tags WHERE resident_id = ?', [id])
  for (const tag of w.tags) tx.run('INSERT INTO resident_tags (resident_id, tag) VALUES (?, ?)', [id, tag])
}

export function insertResident(tx: Tx, w: ResidentWrite, at: string): number {
  const id = tx.run(
    `INSERT INTO residents (household_id, grid_id, sort_key, name, name_initials, name_pinyin, id_type, id_number, id_rev,
       sex, birth_date, phones, relation, person_type, notes, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      w.householdId,
      w.gridId,
      w.sortKey,
      w.name,
      w.initials,
      w.pinyin,
      w.idType,
      w.idNumber,
      w.idRev,
      w.sex,
      w.birthDate,
      JSON.stringify(w.phones.map((p) => p.phone)),
      w.relation,
      w.personType,
      w.notes,
      at,
      at
    ]
  ).lastInsertRowid
  writeChildren(tx, id, w, true)
  return id
}

/** Household placement is not changed here (see moveResident). */
export function updateResident(tx: Tx, id: number, w: Omit<ResidentWrite, 'householdId' | 'gridId' | 'sortKey'>, at: string): void {
  tx.run(
    `UPDATE residents SET name = ?, name_initials = ?, name_pinyin = ?, id_type = ?, id_number = ?, id_rev = ?, sex = ?,
       birth_date = ?, phones = ?, relation = ?, person_type = ?, notes = ?, updated_at = ? WHERE id = ?`,
    [
      w.name,
      w.initials,
      w.pinyin,
      w.idType,
      w.idNumber,
      w.idRev,
      w.sex,
      w.birthDate,
      JSON.stringify(w.phones.map((p) => p.phone)),
      w.relation,
      w.personType,
      w.notes,
      at,
      id
    ]
  )
  writeChildren(tx, id, { ...w, householdId: null, gridId: null, sortKey: '' })
}

export function placeResident(
  tx: Tx,
  id: number,
  p: { householdId: number | null; gridId: number | null; sortKey: string; relation: Relation | null },
  at: string
): void {
  tx.run('UPDATE residents SET household_id = ?, grid_id = ?, sort_key = ?, relation = ?, updated_at = ? WHERE id = ?', [
    p.householdId,
    p.gridId,
    p.sortKey,
    p.relation,
    at,
    id
  ])
}

export function setRelation(tx: Tx, id: number, relation: Relation | null): void {
  tx.run('UPDATE residents SET relation = ? WHERE id = ?', [relation, id])
}

export function softDeleteResident(tx: Tx, id: number, at: string, by: string, reason: string, withHousehold: number | null): void {
  tx.run('UPDATE residents SET deleted_at = ?, deleted_by = ?, delete_reason = ?, deleted_with_household = ? WHERE id = ?', [at, by, reason, withHousehold, id])
}

export function undeleteResident(tx: Tx, id: number): void {
  tx.run('UPDATE residents SET deleted_at = NULL, deleted_by = NULL, delete_reason = NULL, deleted_with_household = NULL WHERE id = ?', [id])
}

export function fullNumbers(db: Db, id: number): { idNumber: string | null; phones: string } | undefined {
  return db.get('SELECT id_number AS idNumber, phones FROM residents WHERE id = ?', [id])
}

/** Gone for good: phones, tags, and every reference to the person. */
export function purgeResident(tx: Tx, id: number): void {
  tx.run('DELETE FROM resident_phones WHERE resident_id = ?', [id])
  tx.run('DELETE FROM resident_tags WHERE resident_id = ?', [id])
  tx.run('UPDATE grid_staff SET resident_id = NULL WHERE resident_id = ?', [id])
  tx.run('UPDATE households SET householder_id = NULL WHERE householder_id = ?', [id])
  tx.run('DELETE FROM residents WHERE id = ?', [id])
}

/**
 * Indexes behind the register's searches and lists that no lookup made while an import writes
 * reads (those go by id, household, building and document). Adding tens of thousands of people
 * into each of them costs more than building them again in one sorted pass.
 */
const SEARCH_INDEXES = [
  'residents_id_rev',
  'residents_name',
  'residents_initials_name',
  'residents_pinyin',
  'residents_live_sort',
  'residents_grid_sort',
  'residents_birth',
  'resident_phones_rev'
]

export function countResidents(db: Db): number {
  return db.get<{ n: number }>('SELECT COUNT(*) AS n FROM residents')?.n ?? 0
}

/**
 * Drops the search indexes inside the transaction and returns what rebuilds them from their
 * own stored definitions. A failure before the rebuild rolls the drop back with everything else.
 */
export function deferSearchIndexes(tx: Tx): () => void {
  const indexes = tx.all<{ name: string; sql: string }>(
    `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN (${SEARCH_INDEXES.map(() => '?').join(', ')})`,
    SEARCH_INDEXES
  )
  // The names come from SEARCH_INDEXES above, never from input.
  for (const index of indexes) tx.run(`DROP INDEX ${index.name}`)
  return () => {
    for (const index of indexes) tx.run(index.sql)
  }
}
