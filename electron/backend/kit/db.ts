import type { SqlValue, Tx } from '../store/store'

/** Reads work the same on the store and inside a transaction. */
export type Db = Pick<Tx, 'all' | 'get'>

/** A fragment of SQL with its parameters, to be spliced into a repo's statement. */
export interface SqlPart {
  sql: string
  params: SqlValue[]
}
