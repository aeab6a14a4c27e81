import type { RecycleKind } from '../../../shared/schemas/recycle'
import type { Db, SqlPart } from '../kit/db'

export interface BinnedRecord {
  kind: RecycleKind
  id: number
  name: string
  idNumber: string | null
  address: string | null
  members: number
  gridId: number | null
  deletedAt: string
  deletedBy: string
  reason: string
}

// People binned together with their household come back with it, so only the household is listed.
const BIN = `SELECT 'resident' AS kind, r.id, r.name, r.id_number AS idNumber, h.address, 0 AS members, r.grid_id AS gridId,
    r.deleted_at AS deletedAt, r.deleted_by AS deletedBy, r.delete_reason AS reason
   FROM residents r LEFT JOIN households h ON h.id = r.household_id
  WHERE r.deleted_at IS NOT NULL AND r.deleted_with_household IS NULL AND ? IN ('all', 'resident') AND {rscope}
  UNION ALL
  SELECT 'household' AS kind, h.id, '' AS name, NULL AS idNumber, h.address,
    (SELECT COUNT(*) FROM residents m WHERE m.deleted_with_household = h.id) AS members, h.grid_id AS gridId,
    h.deleted_at AS deletedAt, h.deleted_by AS deletedBy, h.delete_reason AS reason
   FROM households h
  WHERE h.deleted_at IS NOT NULL AND ? IN ('all', 'household') AND {hscope}`

function binSql(kind: RecycleKind | 'all', rscope: SqlPart, hscope: SqlPart): SqlPart {
  return {
    sql: BIN.replace('{rscope}', rscope.sql).replace('{hscope}', hscope.sql),
    params: [kind, ...rscope.params, kind, ...hscope.params]
  }
}

export function listBin(db: Db, kind: RecycleKind | 'all', rscope: SqlPart, hscope: SqlPart, limit: number, offset: number): BinnedRecord[] {
  const bin = binSql(kind, rscope, hscope)
  return db.all<BinnedRecord>(`SELECT * FROM (${bin.sql}) ORDER BY deletedAt DESC, kind, id DESC LIMIT ? OFFSET ?`, [...bin.params, limit, offset])
}

export function countBin(db: Db, kind: RecycleKind | 'all', rscope: SqlPart, hscope: SqlPart): number {
  const bin = binSql(kind, rscope, hscope)
  return Number(db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM (${bin.sql})`, bin.params)?.n ?? 0)
}

/**
 * The tables that still refer to a record, found by the schema's own foreign keys, so a table a later
 * domain adds is covered without being named here. Identifiers come from the schema, never a caller.
 */
export function referencesTo(db: Db, target: 'residents' | 'households', id: number): { table: string; rows: number }[] {
  const keys = db.all<{ tbl: string; col: string }>(
    `SELECT m.name AS tbl, k."from" AS col FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) k
      WHERE m.type = 'table' AND k."table" = ? ORDER BY m.name`,
    [target]
  )
  const found: { table: string; rows: number }[] = []
  for (const key of keys) {
    const rows = db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "${key.tbl}" WHERE "${key.col}" = ?`, [id])?.n ?? 0
    if (rows > 0) found.push({ table: key.tbl, rows })
  }
  return found
}
