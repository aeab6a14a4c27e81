import fs from 'node:fs'
import path from 'node:path'
import { isSealed, seal } from './cipher'
import type { DataKey } from './cipher'
import { PRIVATE_FILE } from './private-files'
import { syncDirectory } from './snapshot'

/** Copies the journal keeps aside (a torn tail, a salvaged original): they hold records too. */
const KEPT_COPY = /^shouwang\.journal\.(torn|damaged)-\d+$/

/**
 * After a folder's snapshot and journal are sealed: the copies kept aside from before are sealed as
 * well (each through a temp file and a rename, so a crash leaves the plain or the sealed copy, never
 * neither), and leftover temp files of older writes are removed. Nothing readable stays behind.
 */
export function sealKeptCopies(dir: string, key: DataKey): void {
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name)
    if (name.endsWith('.tmp')) {
      fs.rmSync(file, { force: true })
      continue
    }
    if (!KEPT_COPY.test(name)) continue
    const bytes = fs.readFileSync(file)
    if (isSealed(bytes)) continue
    const temp = `${file}.tmp`
    const fd = fs.openSync(temp, 'w', PRIVATE_FILE)
    try {
      fs.writeSync(fd, seal(bytes, key, 'journal'))
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    fs.renameSync(temp, file)
  }
  syncDirectory(dir)
}
