/**
 * Crash-harness child for sealing in place (issue 20): opens a plain data folder with a data key
 * (which seals it), then goes on writing batches like store-child. "OPENING" is printed just before
 * the open, so the parent's kill lands inside the sealing; "ACK n" only after a batch is durable.
 */
import fs from 'node:fs'
import { Store } from '../../electron/backend/store/store'
import { CRASH_MIGRATIONS, partsOf } from './crash-schema'

const [dir, keyHex, firstBatchText] = process.argv.slice(2)
if (!dir || !keyHex || !firstBatchText) throw new Error('usage: seal-child <dir> <keyHex> <firstBatch>')

fs.writeSync(1, 'OPENING\n')
const store = await Store.open({ dir, migrations: CRASH_MIGRATIONS, dataKey: { bytes: Buffer.from(keyHex, 'hex') }, idleSnapshotMs: 15, journalMaxRecords: 40 })
fs.writeSync(1, 'SEALED\n')

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
  if (current % 7 === 0) setTimeout(writeOne, 1)
  else setImmediate(writeOne)
}
writeOne()
