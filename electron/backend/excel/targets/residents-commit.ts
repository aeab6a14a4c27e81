import { KEY_GROUPS } from '../../../../shared/schemas/register'
import { countResidents, deferSearchIndexes, getResident } from '../../residents/residents.repo'
import type { ResidentRecord } from '../../residents/residents.repo'
import { insertCheckedResident, moveResidentRecord, updateResidentRecord } from '../../residents/residents.service'
import { phonesOf } from '../../residents/residents.view'
import type { Tx } from '../../store/store'
import { householderOf } from '../excel.repo'
import { HouseholdBook } from './household-book'
import type { ResidentFields, ResidentImport } from './residents'
import type { CheckContext, CheckedRow, CommitCounts } from './types'

type CommitContext = CheckContext & { at: string; progress: (done: number) => void }

/** Below this many new people the search indexes are kept up as rows go in. */
const BULK_ROWS = 2000

function storedFields(r: ResidentRecord): ResidentFields {
  const stored = new Set((r.tags ?? '').split(','))
  return {
    name: r.name,
    idType: r.idType,
    idNumber: r.idNumber ?? '',
    sex: r.sex,
    birthDate: r.birthDate,
    phones: phonesOf(r),
    tags: KEY_GROUPS.filter((t) => stored.has(t)),
    personType: r.personType,
    relation: r.relation,
    notes: r.notes
  }
}

const isEmpty = (v: unknown) => v === null || v === '' || (Array.isArray(v) && v.length === 0)

/** fillEmpty: only what the register lacks; overwrite: everything the file filled in. */
function merge(current: ResidentFields, v: ResidentImport, overwrite: boolean): ResidentFields {
  const merged: Record<string, unknown> = { ...current }
  for (const f of v.given) {
    if (f === 'address' || f === 'idNumber' || f === 'idType') continue
    if (overwrite || isEmpty(current[f])) merged[f] = v.fields[f]
  }
  return merged as ResidentFields
}

/** Updates one matched person; false when nothing would change. */
function updateOne(tx: Tx, ctx: CommitContext, v: ResidentImport, householdId: number | null): boolean {
  const id = v.existingId as number
  const before = getResident(tx, id)
  if (!before) return false
  const overwrite = ctx.onExisting === 'overwrite'
  const current = storedFields(before)
  const merged = merge(current, v, overwrite)
  const moves = householdId !== null && householdId !== before.householdId && (overwrite || before.householdId === null)
  const home = moves ? householdId : before.householdId
  // One 户主 per household: a head the household already has elsewhere keeps its place.
  if (merged.relation === 'head' && home !== null) {
    const head = householderOf(tx, home)
    if (head !== null && head !== id) merged.relation = moves ? null : current.relation
  }
  if (!moves && JSON.stringify(merged) === JSON.stringify(current)) return false
  if (moves) moveResidentRecord(tx, ctx.session, { id, householdId, relation: merged.relation }, ctx.at)
  updateResidentRecord(tx, ctx.session, id, { ...merged, idNumber: undefined }, ctx.today, ctx.at)
  return true
}

/** Writes the checked rows inside the import's one transaction; any failure rolls it all back. */
export function commitResidents(tx: Tx, rows: CheckedRow<ResidentImport>[], ctx: CommitContext): CommitCounts {
  const counts: CommitCounts = { created: 0, updated: 0, skipped: 0 }
  const households = new HouseholdBook(tx, ctx.session, ctx.at)
  const adding = rows.reduce((n, row) => (row.status === 'new' ? n + 1 : n), 0)
  // A first big import (more new people than the register holds) builds the search indexes once at the end.
  const rebuildIndexes = adding >= BULK_ROWS && adding >= countResidents(tx) ? deferSearchIndexes(tx) : null
  let done = 0
  for (const row of rows) {
    if (++done % 1000 === 0) ctx.progress(done)
    const v = row.value
    if (!v || (row.status !== 'new' && row.status !== 'update')) {
      if (row.status === 'skipped' || row.status === 'unchanged') counts.skipped++
      continue
    }
    const placement = v.address ? households.place(v.address) : null
    if (row.status === 'new') {
      // The row check ran in this transaction: the document is free, the address in scope, the 户主 settled.
      insertCheckedResident(tx, { ...v.fields, relation: placement ? v.fields.relation : null }, placement, ctx.at)
      counts.created++
    } else if (updateOne(tx, ctx, v, placement?.householdId ?? null)) counts.updated++
    else counts.skipped++
  }
  rebuildIndexes?.()
  ctx.progress(done)
  return counts
}
