import type { Row, Store } from '../store/store'

const TABLE_NAME = /^[A-Za-z][A-Za-z0-9_]*$/

/** Table names cannot be bound as parameters; only names read from sqlite_master reach here. */
export function countRows(store: Store, table: string): number {
  if (!TABLE_NAME.test(table)) throw new Error(`bad table name ${table}`)
  return Number(store.get<{ n: number } & Row>(`SELECT COUNT(*) AS n FROM "${table}"`)?.n ?? 0)
}
