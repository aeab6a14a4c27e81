import type { SavedMapping } from '../../../shared/contract/excel'
import { headerSignature } from '../../../shared/domain/excel-synonyms'
import { AppError } from '../../../shared/errors'
import type { ExcelSaveMappingArgs, ImportTargetKey } from '../../../shared/schemas/excel'
import type { Ctx } from '../context'
import type { Db } from '../kit/db'
import type { Tx } from '../store/store'
import { deleteMapping, getMapping, listMappings, saveMapping } from './excel.repo'
import type { MappingRow } from './excel.repo'
import { TARGETS } from './targets'

function toSaved(row: MappingRow): SavedMapping {
  return {
    id: row.id,
    target: row.target as ImportTargetKey,
    name: row.name,
    headers: JSON.parse(row.headers) as string[],
    mapping: JSON.parse(row.mapping) as (string | null)[],
    createdAt: row.createdAt
  }
}

export function mappings(db: Db, target: ImportTargetKey): SavedMapping[] {
  return listMappings(db, target).map(toSaved)
}

/** Saved by name; a file with the same headers gets it proposed next time. */
export function saveNamedMapping(args: ExcelSaveMappingArgs, ctx: Ctx): SavedMapping {
  const known = new Set(TARGETS[args.target].fields.map((f) => f.key))
  const mapping = args.mapping.map((f) => (f !== null && known.has(f) ? f : null))
  const id = ctx.write({ summary: `保存列对应方案“${args.name}”`, record: (newId: number) => `excel_mapping:${newId}` }, (tx: Tx) =>
    saveMapping(
      tx,
      {
        target: args.target,
        name: args.name,
        signature: headerSignature(args.headers),
        headers: JSON.stringify(args.headers),
        mapping: JSON.stringify(mapping),
        by: ctx.session.actor
      },
      ctx.now().toISOString()
    )
  )
  const row = getMapping(ctx.store, id)
  if (!row) throw new AppError('INTERNAL', '方案保存失败。')
  return toSaved(row)
}

export function removeMapping(id: number, ctx: Ctx): { id: number } {
  const row = getMapping(ctx.store, id)
  if (!row) throw new AppError('NOT_FOUND', '找不到这个方案，可能已被删除。')
  ctx.write({ summary: `删除列对应方案“${row.name}”`, record: `excel_mapping:${id}` }, (tx: Tx) => deleteMapping(tx, id))
  return { id }
}
