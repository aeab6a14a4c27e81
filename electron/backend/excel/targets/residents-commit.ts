import type { AddressParts } from '../../../../shared/domain/excel-synonyms'
import { KEY_GROUPS } from '../../../../shared/schemas/register'
import type { Session } from '../../context'
import { createHousehold } from '../../households/households.service'
import { getResident } from '../../residents/residents.repo'
import type { ResidentRecord } from '../../residents/residents.repo'
import { createResident, moveResidentRecord, updateResidentRecord } from '../../residents/residents.service'
import { phonesOf } from '../../residents/residents.view'
import type { Tx } from '../../store/store'
import { findHouseholdAt, householderOf } from '../excel.repo'
import type { ResidentFields, ResidentImport } from './residents'
import type { CheckContext, CheckedRow, CommitCounts } from './types'

type CommitContext = CheckContext & { at: string; progress: (done: number) => void }

export function householdFor(tx: Tx, session: Session, address: AddressParts, at: string, cache: Map<string, number>): number {
  const key = [address.compound, address.building, address.unit, address.room].join('|')
  let id = cache.get(key)
  if (id === undefined) {
    id = findHouseholdAt(tx, address) ?? createHousehold(tx, session, { address, tenure: 'owned', notes: '' }, at)
    cache.set(key, id)
  }
  return id
}

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
  const households = new Map<string, number>()
  let done = 0
  for (const row of rows) {
    if (++done % 1000 === 0) ctx.progress(done)
    const v = row.value
    if (!v || (row.status !== 'new' && row.status !== 'update')) {
      if (row.status === 'skipped' || row.status === 'unchanged') counts.skipped++
      continue
    }
    const householdId = v.address ? householdFor(tx, ctx.session, v.address, ctx.at, households) : null
    if (row.status === 'new') {
      const relation = householdId === null ? null : v.fields.relation
      createResident(tx, ctx.session, { ...v.fields, relation, householdId }, ctx.today, ctx.at)
      counts.created++
    } else if (updateOne(tx, ctx, v, householdId)) counts.updated++
    else counts.skipped++
  }
  ctx.progress(done)
  return counts
}
