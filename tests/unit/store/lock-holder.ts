/**
 * Child process for the lock tests: opens a real Store on the folder it is given, says
 * "HOLDING <pid>" and keeps it open until it is killed (the lock alone keeps no program alive).
 */
import fs from 'node:fs'
import { Store } from '../../../electron/backend/store/store'

const [dir] = process.argv.slice(2)
if (!dir) throw new Error('usage: lock-holder <dir>')

await Store.open({ dir, migrations: [], idleSnapshotMs: 0 })
fs.writeSync(1, `HOLDING ${process.pid}\n`)
setInterval(() => undefined, 60_000)
