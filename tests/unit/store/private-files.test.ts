import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createBackend } from '../../../electron/backend/backend'
import { DATABASE_FILE, JOURNAL_FILE } from '../../../electron/backend/store/store'
import { makeId, resident } from '../register/fixtures'
import { fixedClock, tempDir } from '../support/temp'

const clock = fixedClock()
const mode = (file: string) => fs.statSync(file).mode & 0o777
const open = (dataDir: string) => createBackend({ dataDir, appVersion: '9.9.9', now: clock.now, sleep: clock.sleep, store: { idleSnapshotMs: 0 } })

describe.runIf(process.platform !== 'win32')('the data folder is readable by this user only (issue 20)', () => {
  it('a new folder is 0700 and every file the store writes is 0600', async () => {
    const dir = path.join(tempDir(), '数据')
    const backend = await open(dir)
    expect((await backend.call('residents.create', resident({ name: '王芳', idNumber: makeId('19800101', '123') }))).ok).toBe(true)
    expect(mode(path.join(dir, JOURNAL_FILE))).toBe(0o600)
    await backend.close() // snapshots
    expect(mode(dir)).toBe(0o700)
    const files = fs.readdirSync(dir)
    expect(files).toContain(DATABASE_FILE)
    for (const name of files) expect([name, mode(path.join(dir, name))]).toEqual([name, 0o600])
  })

  it('a folder left open by an older version (0755, files 0644) is tightened at the next start', async () => {
    const dir = path.join(tempDir(), '旧数据')
    const first = await open(dir)
    await first.close()
    fs.chmodSync(dir, 0o755)
    for (const name of fs.readdirSync(dir)) fs.chmodSync(path.join(dir, name), 0o644)
    const again = await open(dir)
    expect(mode(dir)).toBe(0o700)
    for (const name of fs.readdirSync(dir)) expect([name, mode(path.join(dir, name))]).toEqual([name, 0o600])
    await again.close()
  })
})
