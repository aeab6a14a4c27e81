import { buildingKey, canonicalAddressText, compoundKey } from '../../../shared/domain/address'
import type { KeyGroup, PersonType } from '../../../shared/schemas/register'
import type { Db, SqlPart } from '../kit/db'
import type { SqlValue } from '../store/store'
import { RESIDENT_COLUMNS, RESIDENT_EXPORT_COLUMNS, RESIDENT_JOINS } from './residents.repo'
import type { ResidentExportRecord, ResidentRecord } from './residents.repo'

/**
 * What the search box asked for, already classified by the service. Every kind is an
 * index range (prefix on a key column) except the address, a contains-match over the
 * far smaller households table.
 */
export type SearchHits =
  | { kind: 'pinyin'; prefix: string }
  | { kind: 'digits'; id: NumberMatch | null; phone: NumberMatch | null; contains: string | null }
  | { kind: 'text'; prefix: string; contains: string | null }
  | { kind: 'address'; contains: string }

/**
 * Digits matched against the reversed ID or phone: a tail is an index range on the reversed
 * digits, a whole number an equality. masked: the caller cannot reveal, so only numbers whose
 * mask shows these digits are matched (mainland IDs, mobiles), never a landline or a foreign
 * document whose mask shows only two (see shared/domain/digit-search.ts).
 */
export interface NumberMatch {
  reversed: string
  exact: boolean
  masked: boolean
}

export interface ResidentFilter {
  hits?: SearchHits | undefined
  gridId?: number | undefined
  householdId?: number | undefined
  compound?: string | undefined
  building?: string | undefined
  personType?: PersonType | undefined
  keyGroup?: KeyGroup | 'any' | undefined
  bornOnOrBefore?: string | undefined
  bornAfter?: string | undefined
  scope: SqlPart
}

// Above every character SQLite's binary collation can meet, so [p, p + TOP) is "starts with p".
const TOP = String.fromCodePoint(0x10ffff)

/**
 * The search box's text as households.search_text holds addresses (shared/domain/address.ts
 * addressSearchText): '五号楼' looks for '5栋'. instr() is far cheaper than LIKE on Chinese text in sql.js.
 */
export function containsKey(text: string): string {
  return canonicalAddressText(text)
}

// Households are matched first (one short string each), then their members by index.
const ADDRESS_HITS = 'SELECT r2.id FROM residents r2 WHERE r2.household_id IN (SELECT h2.id FROM households h2 WHERE instr(h2.search_text, ?) > 0)'

/** The ids matching the search box, as a UNION of indexed lookups. */
export function hitsSql(hits: SearchHits): SqlPart {
  switch (hits.kind) {
    case 'pinyin':
      // One letter starts the initials exactly when it starts the full pinyin: one range is enough.
      if (hits.prefix.length === 1) {
        return { sql: 'SELECT id FROM residents WHERE name_initials >= ? AND name_initials < ?', params: [hits.prefix, hits.prefix + TOP] }
      }
      return {
        sql: `SELECT id FROM residents WHERE name_initials >= ? AND name_initials < ?
              UNION SELECT id FROM residents WHERE name_pinyin >= ? AND name_pinyin < ?`,
        params: [hits.prefix, hits.prefix + TOP, hits.prefix, hits.prefix + TOP]
      }
    case 'digits': {
      const parts: SqlPart[] = []
      if (hits.id) parts.push(numberSql('SELECT id FROM residents WHERE', 'id_rev', hits.id, " AND id_type = 'mainland'"))
      // A mobile's 11 digits reversed end in its leading 1; a landline's end in the 0 of its area code.
      if (hits.phone)
        parts.push(
          numberSql(
            'SELECT resident_id FROM resident_phones WHERE',
            'digits_rev',
            hits.phone,
            " AND length(digits_rev) = 11 AND substr(digits_rev, 11, 1) = '1'"
          )
        )
      // A room number ("1202") is typed the same way as the tail of a phone.
      if (hits.contains !== null) parts.push({ sql: ADDRESS_HITS, params: [containsKey(hits.contains)] })
      return { sql: parts.map((p) => p.sql).join(' UNION '), params: parts.flatMap((p) => p.params) }
    }
    case 'text': {
      const name: SqlPart = { sql: 'SELECT id FROM residents WHERE name >= ? AND name < ?', params: [hits.prefix, hits.prefix + TOP] }
      if (hits.contains === null) return name
      return { sql: `${name.sql} UNION ${ADDRESS_HITS}`, params: [...name.params, containsKey(hits.contains)] }
    }
    case 'address':
      return { sql: ADDRESS_HITS, params: [containsKey(hits.contains)] }
  }
}

function numberSql(select: string, column: string, match: NumberMatch, maskedOnly: string): SqlPart {
  const narrow = match.masked ? maskedOnly : ''
  if (match.exact) return { sql: `${select} ${column} = ?${narrow}`, params: [match.reversed] }
  return { sql: `${select} ${column} >= ? AND ${column} < ?${narrow}`, params: [match.reversed, match.reversed + TOP] }
}

function whereSql(f: ResidentFilter): SqlPart {
  const parts = ['r.deleted_at IS NULL', f.scope.sql]
  const params: SqlValue[] = [...f.scope.params]
  const add = (sql: string, ...values: SqlValue[]) => {
    parts.push(sql)
    params.push(...values)
  }
  if (f.gridId !== undefined) add('r.grid_id = ?', f.gridId)
  if (f.householdId !== undefined) add('r.household_id = ?', f.householdId)
  if (f.compound !== undefined || f.building !== undefined) {
    // By key: a building spelled two ways before the keys existed lists as one.
    const conditions = [f.compound !== undefined ? 'c.key = ?' : '', f.building !== undefined ? 'b.key = ?' : ''].filter(Boolean)
    const values = [f.compound === undefined ? undefined : compoundKey(f.compound), f.building === undefined ? undefined : buildingKey(f.building)].filter(
      (v): v is string => v !== undefined
    )
    add(
      `r.household_id IN (SELECT hh.id FROM households hh JOIN buildings b ON b.id = hh.building_id
         JOIN compounds c ON c.id = b.compound_id WHERE ${conditions.join(' AND ')})`,
      ...values
    )
  }
  if (f.personType !== undefined) add('r.person_type = ?', f.personType)
  if (f.keyGroup === 'any') add('EXISTS (SELECT 1 FROM resident_tags t WHERE t.resident_id = r.id)')
  else if (f.keyGroup !== undefined) add('EXISTS (SELECT 1 FROM resident_tags t WHERE t.resident_id = r.id AND t.tag = ?)', f.keyGroup)
  if (f.bornOnOrBefore !== undefined) add('r.birth_date <= ?', f.bornOnOrBefore)
  if (f.bornAfter !== undefined) add('r.birth_date > ?', f.bornAfter)
  return { sql: parts.join(' AND '), params }
}

/**
 * One page of residents and the total. With a search, the matching ids are found once,
 * filtered and ordered (ids only, cheap), and only the page's rows get their joins and
 * subqueries. CROSS JOIN keeps the hits as the outer loop so the planner cannot prefer
 * walking all 50,000 rows in list order.
 */
export function findResidentPage(db: Db, f: ResidentFilter, limit: number, offset: number): { records: ResidentRecord[]; total: number } {
  const where = whereSql(f)
  if (f.hits) {
    const ids = hitIds(db, f.hits, where)
    return { records: residentsByIds(db, ids.slice(offset, offset + limit)), total: ids.length }
  }
  const records = db.all<ResidentRecord>(
    `WITH page(id) AS (SELECT r.id FROM residents r WHERE ${where.sql} ORDER BY r.sort_key, r.id LIMIT ? OFFSET ?)
     SELECT ${RESIDENT_COLUMNS} FROM page CROSS JOIN residents r ON r.id = page.id ${RESIDENT_JOINS}
      ORDER BY r.sort_key, r.id`,
    [...where.params, limit, offset]
  )
  const total = Number(db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM residents r WHERE ${where.sql}`, where.params)?.n ?? 0)
  return { records, total }
}

/** The ids a search hits that pass the filter, in list order: ids only, cheap, before any join. */
function hitIds(db: Db, found: SearchHits, where: SqlPart): number[] {
  const hits = hitsSql(found)
  return db
    .all<{ id: number }>(
      `WITH hits(id) AS (${hits.sql})
       SELECT r.id FROM hits CROSS JOIN residents r ON r.id = hits.id WHERE ${where.sql} ORDER BY r.sort_key, r.id`,
      [...hits.params, ...where.params]
    )
    .map((row) => row.id)
}

function residentsByIds<R = ResidentRecord>(db: Db, ids: number[], columns = RESIDENT_COLUMNS): R[] {
  if (ids.length === 0) return []
  return db.all<R>(
    `SELECT ${columns} FROM json_each(?) page CROSS JOIN residents r ON r.id = page.value ${RESIDENT_JOINS}
      ORDER BY r.sort_key, r.id`,
    [JSON.stringify(ids)]
  )
}

/**
 * Every resident matching the filter in list order, a page at a time, for exports: each page
 * starts after the last one's (sort_key, id) instead of skipping an ever longer OFFSET, and
 * nothing is counted.
 */
export function* residentPages(db: Db, f: ResidentFilter, pageSize: number): Generator<ResidentExportRecord[]> {
  const where = whereSql(f)
  if (f.hits) {
    const ids = hitIds(db, f.hits, where)
    for (let i = 0; i < ids.length; i += pageSize) yield residentsByIds<ResidentExportRecord>(db, ids.slice(i, i + pageSize), RESIDENT_EXPORT_COLUMNS)
    return
  }
  let after: { sortKey: string; id: number } | null = null
  for (;;) {
    const keyset: SqlPart = after ? { sql: ' AND (r.sort_key, r.id) > (?, ?)', params: [after.sortKey, after.id] } : { sql: '', params: [] }
    const page = db.all<ResidentExportRecord & { sortKey: string }>(
      `SELECT ${RESIDENT_EXPORT_COLUMNS}, r.sort_key AS sortKey FROM residents r ${RESIDENT_JOINS}
        WHERE ${where.sql}${keyset.sql} ORDER BY r.sort_key, r.id LIMIT ?`,
      [...where.params, ...keyset.params, pageSize]
    )
    if (page.length > 0) yield page
    const last = page.at(-1)
    if (!last || page.length < pageSize) return
    after = { sortKey: last.sortKey, id: last.id }
  }
}
