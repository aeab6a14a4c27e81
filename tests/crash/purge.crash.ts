import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../electron/backend/audit/audit.service'
import { createBackend } from '../../electron/backend/backend'
import { readKeyFile, slotOf, unwrapKey, userSlotId } from '../../electron/backend/keys/key-file'
import { killHard, randomBetween, run } from './spawn'

const ROUNDS = 6
const TRIPS = 30
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shouwang-purge-crash-'))
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

const EPIDEMIC_TABLES = ['returnee_trips', 'returnee_companions', 'observation_episodes', 'observation_events'] as const

function folderHolds(dir: string, text: string): boolean {
  const needle = Buffer.from(text)
  return fs.readdirSync(dir).some((name) => {
    const file = path.join(dir, name)
    return fs.statSync(file).isFile() && fs.readFileSync(file).includes(needle)
  })
}

describe('crash safety of a purge: SIGKILL at random moments of 到期清理', () => {
  it(`the next start opens the data either before or after the purge, never in between, over ${ROUNDS} kills`, async () => {
    const outcomes = { before: 0, after: 0 }
    for (let round = 0; round < ROUNDS; round++) {
      const dataDir = path.join(root, `data-${round}`)
      const child = run(process.execPath, ['--import', 'tsx', path.join(__dirname, 'purge-child.ts'), dataDir, String(TRIPS)])
      await child.waitFor(/^PURGING$/, 120_000)
      // From "before the call arrived" to "after the answer": the purge's transaction, VACUUM and snapshot lie between.
      await new Promise((resolve) => setTimeout(resolve, randomBetween(20, 300)))
      await killHard(child)
      const answered = child.lines.some((line) => line.startsWith('PURGED '))

      // The next start: opens, replays, and finishes a compaction the kill interrupted. The folder is
      // encrypted at rest (the child ran the app's worker): the administrator's slot gives the key.
      const keys = readKeyFile(dataDir)
      const slot = keys ? slotOf(keys, userSlotId('admin')) : undefined
      const dataKey = slot ? unwrapKey(slot, 'Shouwang#2026') : null
      expect(dataKey, 'the key file opens with the administrator password').not.toBeNull()
      const backend = await createBackend({ dataDir, appVersion: 'crash', store: { idleSnapshotMs: 0, dataKey } })
      const count = (table: string) => Number(backend.store.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`)?.n)
      const counts = EPIDEMIC_TABLES.map(count)
      const purged = Number(backend.store.get<{ n: number }>("SELECT COUNT(*) AS n FROM audit_log WHERE method = 'retention.purge'")?.n)
      const before = [TRIPS, TRIPS * 3, TRIPS, TRIPS * 2]
      if (purged === 1) {
        expect(counts, 'after the purge: every old record gone').toEqual([0, 0, 0, 0])
        outcomes.after++
      } else {
        expect(answered, 'an answered purge is never lost').toBe(false)
        expect(counts, 'before the purge: every record there').toEqual(before)
        outcomes.before++
      }
      // Either way the register, today's gate entry and the audit chain are whole.
      expect(count('residents')).toBe(TRIPS)
      expect(count('gate_entries')).toBe(1)
      expect(verifyAuditChain(backend.store)).toMatchObject({ ok: true })
      await backend.close()
      if (purged === 1) {
        for (const value of ['同行0之1', `同行${TRIPS - 1}之3`]) expect(folderHolds(dataDir, value), value).toBe(false)
      }
    }
    console.log(`purge crash harness: ${ROUNDS} SIGKILLs, ${outcomes.before} opened before the purge, ${outcomes.after} after`)
  })
})
