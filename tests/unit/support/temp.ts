import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach } from 'vitest'

const made: string[] = []

/** A fresh temporary folder, removed after the test. */
export function tempDir(prefix = 'shouwang-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  made.push(dir)
  return dir
}

afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

/** A clock that only moves when told: tests never depend on the real time. */
export function fixedClock(iso = '2026-02-03T08:00:00.000Z') {
  let current = new Date(iso).getTime()
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current += ms
    }
  }
}
