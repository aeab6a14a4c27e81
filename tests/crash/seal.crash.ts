import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { newDataKey } from '../../electron/backend/store/cipher'
import { Store } from '../../electron/backend/store/store'
import { CRASH_MIGRATIONS, partsOf } from './crash-schema'
import { killHard, randomBetween, run } from './spawn'

const ROUNDS = 5
const PLAIN_BATCHES = 60
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shouwang-seal-crash-'))
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

/** A plain folder from before encryption: most batches in the snapshot, the newest in the journal. */
async function plainFolder(): Promise<string> {
  const dir = path.join(root, 'plain')
  const store = await Store.open({ dir, migrations: CRASH_MIGRATIONS, idleSnapshotMs: 0, journalMaxRecords: 1e9 })
  const write = (batch: number) =>
    store.transaction((tx) => {
      for (let part = 0; part < partsOf(batch); part++) {
        tx.run('INSERT INTO parts (batch, part, payload) VALUES (?, ?, ?)', [batch, part, `批次${batch}-${part}-`.padEnd(120, '数')])
      }
      tx.run('UPDATE counter SET batches = batches + 1, last_batch = ? WHERE id = 1', [batch])
    })
  for (let batch = 1; batch <= PLAIN_BATCHES - 20; batch++) write(batch)
  store.snapshot()
  for (let batch = PLAIN_BATCHES - 19; batch <= PLAIN_BATCHES; batch++) write(batch)
  store.close({ snapshot: false })
  return dir
}

describe('crash safety of sealing a plain folder in place (issue 20)', () => {
  it(`opens complete data after a SIGKILL at a random moment of the sealing, ${ROUNDS} times`, async () => {
    const plain = await plainFolder()
    let sealedRounds = 0
    // How long an open that seals takes on this machine: the kills are spread over it, so some land
    // before the sealed snapshot's rename, some between it and the emptied journal, some after.
    let openMs = 1000
    for (let round = 1; round <= ROUNDS; round++) {
      const dir = path.join(root, `round${round}`)
      fs.cpSync(plain, dir, { recursive: true })
      fs.rmSync(path.join(dir, 'shouwang.lock'), { force: true })
      const key = newDataKey()
      const child = run(process.execPath, ['--import', 'tsx', path.join(__dirname, 'seal-child.ts'), dir, key.bytes.toString('hex'), String(PLAIN_BATCHES + 1)])
      await child.waitFor(/^OPENING$/, 60_000)
      const opening = performance.now()
      if (round === 1) {
        await child.waitFor(/^SEALED$/, 120_000)
        openMs = performance.now() - opening
      } else {
        await new Promise((resolve) => setTimeout(resolve, randomBetween(0, openMs * 1.3)))
      }
      await killHard(child)
      if (child.lines.includes('SEALED')) sealedRounds += 1
      const acked = child.lines.filter((line) => line.startsWith('ACK ')).map((line) => Number(line.slice(4)))

      // Either before (plain, sealed now by this open) or after (sealed): never neither, nothing lost.
      const store = await Store.open({ dir, migrations: CRASH_MIGRATIONS, idleSnapshotMs: 0, dataKey: key })
      try {
        const perBatch = store.all<{ batch: number; parts: number }>('SELECT batch, COUNT(*) AS parts FROM parts GROUP BY batch ORDER BY batch')
        expect(
          perBatch.filter((row) => row.parts !== partsOf(row.batch)),
          `round ${round}: a half batch`
        ).toEqual([])
        const present = new Set(perBatch.map((row) => row.batch))
        const expected = [...Array.from({ length: PLAIN_BATCHES }, (_, i) => i + 1), ...acked]
        expect(
          expected.filter((batch) => !present.has(batch)),
          `round ${round}: lost batches`
        ).toEqual([])
      } finally {
        store.close()
      }
      for (const name of fs.readdirSync(dir)) {
        expect(fs.readFileSync(path.join(dir, name)).includes(Buffer.from('批次', 'utf8')), `round ${round}: ${name} holds plain records`).toBe(false)
      }
    }
    console.log(
      `seal crash harness (open + seal ≈ ${Math.round(openMs)} ms): ${ROUNDS} SIGKILLs, ${sealedRounds} after the seal finished, ${ROUNDS - sealedRounds} during it; all complete`
    )
  }, 300_000)
})
