import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Method } from '../../../shared/contract'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'

const SCHEMAS = fileURLToPath(new URL('../../../shared/schemas', import.meta.url))

let b: TestBackend
beforeAll(async () => {
  b = await testBackend('file')
})
afterAll(() => b.close())

/** A day that has the right shape but does not exist, in every kind of day argument. */
const CASES: [Method, Record<string, unknown>][] = [
  ['gate.day', { day: '2026-02-30' }],
  ['gate.export', { day: '2026-02-30' }],
  ['roster.week', { week: '2026-02-30' }],
  ['roster.export', { week: '2026-13-01' }],
  ['disinfection.daySheet', { date: '2026-02-30' }],
  ['audit.list', { from: '2026-02-30' }],
  ['monitoring.today', { day: '2026-04-31' }],
  ['supplies.ledger', { itemId: 1, from: '2025-02-29' }]
]

describe('one day schema for every day argument', () => {
  it.each(CASES)('%s refuses a day that does not exist', async (method, args) => {
    const answer = await b.call(method, args)
    expect(answer).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } })
    if (!answer.ok) expect(answer.error.message).toMatch(/不是真实的日期/)
  })

  it('a real day passes the same argument', async () => {
    expect((await b.call('gate.day', { day: '2026-02-28' })).ok).toBe(true)
    expect((await b.call('disinfection.daySheet', { date: '2024-02-29' })).ok).toBe(true)
  })

  it('no schema checks a date by its shape alone: the day schema lives in common.ts only', () => {
    const local = fs
      .readdirSync(SCHEMAS)
      .filter((file) => file !== 'common.ts')
      .filter((file) => /const \w+ = z\.string\(\)\.regex\(\/\^\\d\{4\}-\\d\{2\}-\\d\{2\}\$\//.test(fs.readFileSync(path.join(SCHEMAS, file), 'utf8')))
    expect(local).toEqual([])
  })
})
