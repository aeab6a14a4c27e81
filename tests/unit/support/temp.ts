import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const perTest: string[] = []
const perFile: string[] = []

/**
 * A fresh temporary folder, removed after the test, or after the whole file when a suite
 * shares one backend across its tests (opened in beforeAll).
 */
export function tempDir(prefix = 'shouwang-test-', lifetime: 'test' | 'file' = 'test'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  ;(lifetime === 'test' ? perTest : perFile).push(dir)
  return dir
}

/** After each test (registered by setup.ts, which runs for every file). */
export function removeTestDirs(): void {
  for (const dir of perTest.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
}

/** After each file (registered by setup.ts). */
export function removeFileDirs(): void {
  for (const dir of perFile.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
}

/** A clock that only moves when told: tests never depend on the real time. */
export function fixedClock(iso = '2026-02-03T08:00:00.000Z') {
  let current = new Date(iso).getTime()
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current += ms
    },
    /**
     * Virtual waiting for the backend (paced logins): the clock jumps to the wake-up time
     * instead of the test sleeping; waits running side by side end at the latest of them.
     */
    async sleep(ms: number) {
      const wake = current + ms
      await Promise.resolve()
      if (current < wake) current = wake
    }
  }
}
