import type { KeyGroup, PersonType } from '../../../shared/schemas/register'
import type { Db, SqlPart } from '../register/register.repo'
import type { SqlValue } from '../store/store'
import { RESIDENT_COLUMNS, RESIDENT_JOINS } from './residents.repo'
import type { ResidentRecord } from './residents.repo'

/**
 * What the search box asked for, already classified by the service. Every kind is an
 * index range (prefix on a key column) except the address, a contains-match over the
 * far smaller households table.
 */
export type SearchHits =
  | { kind: 'pinyin'; prefix: string }
  | { kind: 'digits'; reversed: string; phone: boolean }
  | { kind: 'text'; prefix: string; contains: string }
  | { kind: 'address'; contains: string }

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

export function likeContains(text: string): string {
  return `%${text.replace(/[!%_]/g, (ch) => `!${ch}`)}%`
}

const ADDRESS_HITS = "SELECT r2.id FROM households h2 JOIN residents r2 ON r2.household_id = h2.id WHERE h2.search_text LIKE ? ESCAPE '!'"

/** The ids matching the search box, as a UNION of indexed lookups. */
export function hitsSql(hits: SearchHits): SqlPart {
  switch (hits.kind) {
    case 'pinyin':
      return {
        sql: `SELECT id FROM residents WHERE name_initials >= ? AND name_initials < ?
              UNION SELECT id FROM residents WHERE name_pinyin >= ? AND name_pinyin < ?`,
        params: [hits.prefix, hits.prefix + TOP, hits.prefix, hits.prefix + TOP]
      }
    case 'digits': {
      const id: SqlPart = { sql: 'SELECT id FROM residents WHERE id_rev >= ? AND id_rev < ?', params: [hits.reversed, hits.reversed + TOP] }
      if (!hits.phone) return id
      return {
        sql: `${id.sql} UNION SELECT resident_id FROM resident_phones WHERE digits_rev >= ? AND digits_rev < ?`,
        params: [...id.params, hits.reversed, hits.reversed + TOP]
      }
    }
    case 'text':
      return {
        sql: `SELECT id FROM residents WHERE name >= ? AND name < ? UNION ${ADDRESS_HITS}`,
        params: [hits.prefix, hits.prefix + TOP, likeContains(hits.contains)]
      }
    case 'address':
      return { sql: ADDRESS_HITS, params: [likeContains(hits.contains)] }
  }
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
    const conditions = [f.compound !== undefined ? 'c.name = ?' : '', f.building !== undefined ? 'b.name = ?' : ''].filter(Boolean)
    const values = [f.compound, f.building].filter((v): v is string => v !== undefined)
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

export function findResidents(db: Db, f: ResidentFilter, limit: number, offset: number): ResidentRecord[] {
  const where = whereSql(f)
  if (f.hits) {
    const hits = hitsSql(f.hits)
    return db.all<ResidentRecord>(
      `WITH hits(id) AS (${hits.sql})
       SELECT ${RESIDENT_COLUMNS} FROM hits JOIN residents r ON r.id = hits.id ${RESIDENT_JOINS}
        WHERE ${where.sql} ORDER BY r.sort_key, r.id LIMIT ? OFFSET ?`,
      [...hits.params, ...where.params, limit, offset]
    )
  }
  return db.all<ResidentRecord>(
    `SELECT ${RESIDENT_COLUMNS} FROM residents r ${RESIDENT_JOINS}
      WHERE ${where.sql} ORDER BY r.sort_key, r.id LIMIT ? OFFSET ?`,
    [...where.params, limit, offset]
  )
}

export function countResidents(db: Db, f: ResidentFilter): number {
  const where = whereSql(f)
  if (f.hits) {
    const hits = hitsSql(f.hits)
    return Number(
      db.get<{ n: number }>(`WITH hits(id) AS (${hits.sql}) SELECT COUNT(*) AS n FROM hits JOIN residents r ON r.id = hits.id WHERE ${where.sql}`, [
        ...hits.params,
        ...where.params
      ])?.n ?? 0
    )
  }
  return Number(db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM residents r WHERE ${where.sql}`, where.params)?.n ?? 0)
}
