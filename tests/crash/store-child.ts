/**
 * Crash-harness child: writes numbered batches through the real Store until it is killed.
 * Each batch is one transaction of five rows (every fifth: 4,500, journaled in parts) plus a counter update; "ACK n" is printed only
 * after transaction() returned, i.e. after the journal record was fdatasync'ed.
 */
import fs from 'node:fs'
import { Store } from '../../electron/backend/store/store'
import { CRASH_MIGRATIONS, partsOf } from './crash-schema'

const [dir, firstBatchText] = process.argv.slice(2)
if (!dir || !firstBatchText) throw new Error('usage: store-child <dir> <firstBatch>')

const store = await Store.open({
  dir,
  migrations: CRASH_MIGRATIONS,
  // Small limits so that kills also land in the middle of snapshots.
  journalMaxRecords: 40,
  idleSnapshotMs: 15
})
fs.writeSync(1, 'READY\n')

let batch = Number(firstBatchText)
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
  // Yield now and then so timers (idle snapshots) get their turn, as in the real app.
  if (current % 7 === 0) setTimeout(writeOne, 1)
  else setImmediate(writeOne)
}
writeOne()
