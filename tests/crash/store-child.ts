/**
 * Crash-harness child: writes numbered batches through the real Store until it is killed.
 * Each batch is one transaction of five rows (every fifth: 4,500, journaled in parts) plus a counter update; "ACK n" is printed only
 * after transaction() returned, i.e. after the journal record was fdatasync'ed.
 */
import fs from 'node:fs'
import { Store } from '../../electron/backend/store/store'
import { CRASH_MIGRATIONS, writeBatchesForever } from './crash-schema'

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

writeBatchesForever(store, Number(firstBatchText))
