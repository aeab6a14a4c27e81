import fs from 'node:fs'
import type { Migration } from '../../electron/backend/store/migrate'
import type { Store } from '../../electron/backend/store/store'

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

/**
 * Writes numbered batches from `first` until the process is killed: each batch one transaction,
 * "ACK n" printed only after transaction() returned (the record fdatasync'ed). Yields now and then
 * so timers (idle snapshots) get their turn, as in the real app.
 */
export function writeBatchesForever(store: Store, first: number): void {
  let batch = first
  const writeOne = () => {
    const current = batch
    store.transaction((tx) => {
      for (let part = 0; part < partsOf(current); part++) {
        tx.run('INSERT INTO parts (batch, part, payload) VALUES (?, ?, ?)', [current, part, `批次${current}-${part}-`.padEnd(120, '数')])
      }
      tx.run('UPDATE counter SET batches = batches + 1, last_batch = ? WHERE id = 1', [current])
    })
    fs.writeSync(1, `ACK ${current}\n`)
    batch += 1
    if (current % 7 === 0) setTimeout(writeOne, 1)
    else setImmediate(writeOne)
  }
  writeOne()
}
