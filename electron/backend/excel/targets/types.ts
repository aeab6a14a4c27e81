import type { ImportField, ImportNotice, RowIssue, RowStatus } from '../../../../shared/contract/excel'
import type { ImportTargetKey, OnExisting } from '../../../../shared/schemas/excel'
import type { Session } from '../../context'
import type { Db } from '../../kit/db'
import type { Tx } from '../../store/store'
import type { RawCell } from '../cells'

/** One data row as a target reads it: cells by field, and where each field came from. */
export interface RowInput {
  /** Excel's row number. */
  row: number
  get(field: string): RawCell
  text(field: string): string
  /** Column letter of the field, for messages. */
  column(field: string): string | null
  has(field: string): boolean
}

export interface CheckContext {
  db: Db
  session: Session
  today: Date
  onExisting: OnExisting
  /** Per-run memory of a target (e.g. which households already got a 户主 in this file). */
  memo: Map<string, unknown>
}

export interface CheckedRow<V> {
  row: number
  status: RowStatus
  name: string
  errors: RowIssue[]
  warnings: RowIssue[]
  value: V | null
  /** Identity within the file (e.g. the canonical ID number), to report the same person twice. */
  key: string | null
}

export interface CommitCounts {
  created: number
  updated: number
  skipped: number
}

/**
 * What the engine needs from a domain to import into it: fields with Chinese names (the
 * synonyms live in shared/domain/excel-synonyms.ts under the same keys), a row check that
 * never writes, and a committer that runs inside the import's one transaction.
 */
export interface ImportTarget<V> {
  key: ImportTargetKey
  label: string
  fields: ImportField[]
  check(input: RowInput, ctx: CheckContext): CheckedRow<V>
  commit(tx: Tx, rows: CheckedRow<V>[], ctx: CheckContext & { at: string; progress: (done: number) => void }): CommitCounts
  /** Lines the check step shows above the rows (e.g. how many reported a fever); none when left out. */
  notices?(rows: CheckedRow<V>[]): ImportNotice[]
}
