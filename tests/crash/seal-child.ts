/**
 * Crash-harness child for sealing in place (issue 20): opens a plain data folder with a data key
 * (which seals it), then goes on writing batches like store-child. "OPENING" is printed just before
 * the open, so the parent's kill lands inside the sealing; "ACK n" only after a batch is durable.
 */
import fs from 'node:fs'
import { Store } from '../../electron/backend/store/store'
import { CRASH_MIGRATIONS, writeBatchesForever } from './crash-schema'

const [dir, keyHex, firstBatchText] = process.argv.slice(2)
if (!dir || !keyHex || !firstBatchText) throw new Error('usage: seal-child <dir> <keyHex> <firstBatch>')

fs.writeSync(1, 'OPENING\n')
const store = await Store.open({ dir, migrations: CRASH_MIGRATIONS, dataKey: { bytes: Buffer.from(keyHex, 'hex') }, idleSnapshotMs: 15, journalMaxRecords: 40 })
fs.writeSync(1, 'SEALED\n')

writeBatchesForever(store, Number(firstBatchText))
