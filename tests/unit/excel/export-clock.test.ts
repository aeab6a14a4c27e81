import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import type { ClockCheck } from './export-clock.child'

const run = promisify(execFile)
const ROOT = path.resolve(__dirname, '../../..')

/** Every export source, written by a process in `zone`: what its date and time cells show. */
async function exportsIn(zone: string): Promise<{ zone: string; checks: ClockCheck[] }> {
  // A process of its own per zone: Node reads TZ once, at the first Date, so it cannot change inside this one.
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', '--import', './tests/unit/support/raw-import.mjs', 'tests/unit/excel/export-clock.child.ts'],
    { cwd: ROOT, env: { ...process.env, TZ: zone }, maxBuffer: 4 * 1024 * 1024 }
  )
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { zone: string; checks: ClockCheck[] }
}

const SOURCES = ['gate', 'audit', 'disinfection', 'supplies', 'volunteers', 'roster', 'residents', 'households', 'returnees', 'observations', 'template']

/**
 * The record was made at 2026-02-03T20:30:15Z: 04:30:15 on 4 February in Beijing. A clerk must read
 * the office's wall clock in every date and time cell, whatever exceljs does with a Date (it writes
 * UTC): the entry time, the audit time, the notice line's time and today's date of each export.
 */
describe.each([
  ['Asia/Shanghai', '2026-02-04 04:30:15'],
  ['UTC', '2026-02-03 20:30:15']
])('every export written at TZ=%s', (zone, wallClock) => {
  it('shows local wall-clock dates and times', { timeout: 120_000 }, async () => {
    const out = await exportsIn(zone)
    expect(out.zone).toBe(zone)
    expect(new Set(out.checks.map((c) => c.source))).toEqual(new Set(SOURCES))
    for (const c of out.checks) expect(c.shown, `${c.source} ${c.cell}`).toBe(c.expected)
    // And that wall clock is the zone's own, not the instant's UTC fields (or the other way round).
    const times = out.checks.filter((c) => c.cell === '时间').map((c) => [c.source, c.shown])
    expect(times).toEqual([
      ['gate', wallClock],
      ['audit', wallClock]
    ])
    for (const c of out.checks.filter((x) => x.cell === '导出时间')) expect(c.shown, c.source).toBe(`${wallClock.slice(0, 16)}:00`)
    const today = out.checks.find((c) => c.source === 'supplies' && c.cell === '日期')
    expect(today?.shown).toBe(`${wallClock.slice(0, 10)} 00:00:00`)
  })
})
