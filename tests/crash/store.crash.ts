import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Store } from '../../electron/backend/store/store'
import { CRASH_MIGRATIONS, partsOf } from './crash-schema'
import { killHard, randomBetween, run } from './spawn'

const ROUNDS = 24
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shouwang-crash-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

interface Verified {
  batches: number
  maxBatch: number
}

/** Every acknowledged batch is whole; no batch is partial; the counter agrees with the rows. */
async function verify(acked: number[]): Promise<Verified> {
  const store = await Store.open({ dir, migrations: CRASH_MIGRATIONS, idleSnapshotMs: 0 })
  try {
    const perBatch = store.all<{ batch: number; parts: number }>('SELECT batch, COUNT(*) AS parts FROM parts GROUP BY batch ORDER BY batch')
    const present = new Map(perBatch.map((row) => [row.batch, row.parts]))
    const partial = perBatch.filter((row) => row.parts !== partsOf(row.batch))
    expect(partial, 'a batch was half-applied').toEqual([])
    const missing = acked.filter((batch) => present.get(batch) !== partsOf(batch))
    expect(missing, 'an acknowledged batch was lost').toEqual([])
    const counter = store.get<{ batches: number; last_batch: number }>('SELECT batches, last_batch FROM counter')
    expect(counter?.batches).toBe(perBatch.length)
    const maxBatch = perBatch.at(-1)?.batch ?? 0
    expect(counter?.last_batch).toBe(maxBatch)
    // Batches are written in order, so what survived is a prefix with no holes.
    expect(perBatch.map((row) => row.batch)).toEqual(Array.from({ length: perBatch.length }, (_, i) => i + 1))
    return { batches: perBatch.length, maxBatch }
  } finally {
    // Alternate: sometimes leave the journal for the next child to replay, sometimes snapshot.
    store.close({ snapshot: Math.random() < 0.5 })
  }
}

describe('crash safety: SIGKILL at random moments', () => {
  it(`keeps every acknowledged transaction whole over ${ROUNDS} kills`, async () => {
    const allAcked: number[] = []
    let next = 1
    for (let round = 1; round <= ROUNDS; round++) {
      const child = run(process.execPath, ['--import', 'tsx', path.join(__dirname, 'store-child.ts'), dir, String(next)])
      await child.waitFor(/^READY$/)
      // From the first acknowledged write on, so a machine slowed by other work still kills mid-stream
      // (with fdatasync slowed, a fixed wait after READY could end before any write is acknowledged).
      await child.waitFor(/^ACK /)
      await new Promise((resolve) => setTimeout(resolve, randomBetween(5, 700)))
      await killHard(child)
      const acked = child.lines.filter((line) => line.startsWith('ACK ')).map((line) => Number(line.slice(4)))
      allAcked.push(...acked)
      const { maxBatch } = await verify(allAcked)
      expect(maxBatch).toBeGreaterThanOrEqual(acked.at(-1) ?? 0)
      next = maxBatch + 1
    }
    expect(allAcked.length, 'the harness made progress').toBeGreaterThan(ROUNDS)
    console.log(`crash harness: ${ROUNDS} SIGKILLs, ${allAcked.length} acknowledged transactions, all present and whole`)
    const leftovers = fs.readdirSync(dir).filter((file) => file.endsWith('.tmp'))
    // A kill during a snapshot may leave a temp file; it is never read and is overwritten next time.
    expect(leftovers.every((file) => file === 'shouwang.db.tmp')).toBe(true)
  })
})
