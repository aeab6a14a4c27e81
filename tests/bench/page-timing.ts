import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createBackend } from '../../electron/backend/backend'
import type { Backend } from '../../electron/backend/backend'
import type { Session } from '../../electron/backend/context'
import { ms, percentile, record, sample } from './report'

/** A backend on a new folder at a fixed clock, writing as fast as it can (no snapshots while seeding). */
export async function benchBackend(name: string, now: Date): Promise<Backend> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `shouwang-bench-${name}-`))
  return createBackend({ dataDir: dir, appVersion: 'bench', now: () => now, store: { idleSnapshotMs: 0, journalMaxRecords: 1e9, journalMaxBytes: 1e12 } })
}

export interface PageTiming {
  group: string
  name: string
  method: string
  args: (i: number) => unknown
  /** The floor, measured in the same run: one page of the bare table by its primary key, no joins, no filters. */
  baseline: () => void
  session?: Session
  samples: number
  limitMs: number
}

/** p50 / p95 of a page method through dispatch beside the bare-table floor, with the target met or not. */
export async function timedPage(backend: Backend, t: PageTiming): Promise<void> {
  const samples = await sample(t.samples, async (i) => {
    const envelope = await backend.call(t.method, t.args(Math.abs(i)), t.session)
    if (!envelope.ok) throw new Error(`${t.method}: ${envelope.error.message}`)
  })
  const floor = await sample(t.samples, () => t.baseline())
  const p95 = percentile(samples, 95)
  record({
    group: t.group,
    name: `${t.name} p50 / p95`,
    value: `${ms(percentile(samples, 50))} / ${ms(p95)}`,
    baseline: `${ms(percentile(floor, 50))} / ${ms(percentile(floor, 95))} 裸表一页`,
    note: p95 < t.limitMs ? `目标 p95 < ${t.limitMs} ms：达标` : `目标 p95 < ${t.limitMs} ms：未达标`
  })
}
