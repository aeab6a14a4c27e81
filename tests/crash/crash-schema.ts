import type { Migration } from '../../electron/backend/store/migrate'

export const CRASH_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'crash_harness',
    sql: `CREATE TABLE parts (batch INTEGER NOT NULL, part INTEGER NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (batch, part));
          CREATE TABLE counter (id INTEGER PRIMARY KEY, batches INTEGER NOT NULL, last_batch INTEGER NOT NULL);
          INSERT INTO counter (id, batches, last_batch) VALUES (1, 0, 0);`
  }
]

/** Every fifth batch is large enough to be journaled in parts, so kills land mid-part too. */
export function partsOf(batch: number): number {
  return batch % 5 === 0 ? 4500 : 5
}
