import { afterEach, describe, expect, it } from 'vitest'
import type { Envelope } from '../../../shared/errors'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { issue, item, ledgerProblems, receipt } from './helpers'
import { rng } from '../support/rng'

const SEEDS = [1, 7, 42, 2026, 31337]
const STEPS = 60
const HOUR = 3_600_000

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

describe('balances after random sequences of in / out / count / loss / reversal', () => {
  it.each(SEEDS)('seed %i: stock = sum of the ledger, lines chain, no stock below zero, months balance', async (seed) => {
    b = await testBackend()
    const random = rng(seed)
    const done = new Set<string>()
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
    const int = (max: number) => 1 + Math.floor(random() * max)
    const plain = await b.ok('supplies.saveItem', item({ name: `口罩-${seed}` }))
    const batched = await b.ok('supplies.saveItem', item({ name: `消毒液-${seed}`, unit: '瓶', hasBatches: true }))
    const refs: string[] = []
    // What the test itself expects the stock to be, kept apart from the backend's books.
    const expected = new Map<number, number>([
      [plain.id, 0],
      [batched.id, 0]
    ])
    for (let step = 0; step < STEPS; step++) {
      // Lines fall across several days and months (the clock crosses a month every ~20 steps).
      b.clock.advance(int(36) * HOUR)
      const target = pick([plain, batched])
      const op = pick(['in', 'in', 'out', 'out', 'count', 'loss', 'reverse'] as const)
      const batches = target.hasBatches ? await b.ok('supplies.batches', { itemId: target.id }) : []
      const batchId = batches.length > 0 ? pick(batches).id : undefined
      let envelope: Envelope<{ refNo: string; lines: { itemId: number; quantity: number }[] }>
      if (op === 'in') {
        const expiry = `2027-0${int(9)}-1${int(8)}`
        envelope = (await b.call(
          'supplies.receive',
          receipt(target.id, int(50), target.hasBatches ? { batchNo: `B${int(4)}`, expiryDate: expiry } : {})
        )) as typeof envelope
      } else if (op === 'out') {
        envelope = (await b.call('supplies.issue', issue(target.id, int(60)))) as typeof envelope
      } else if (op === 'count') {
        envelope = (await b.call('supplies.count', { itemId: target.id, batchId, counted: Math.floor(random() * 40), note: '' })) as typeof envelope
      } else if (op === 'loss') {
        envelope = (await b.call('supplies.loss', { itemId: target.id, batchId, quantity: int(10), reason: '损坏' })) as typeof envelope
      } else {
        envelope = (await b.call('supplies.reverse', { refNo: refs.length ? pick(refs) : 'none', reason: '更正' })) as typeof envelope
      }
      if (envelope.ok) {
        refs.push(envelope.data.refNo)
        done.add(op)
        for (const line of envelope.data.lines) expected.set(line.itemId, (expected.get(line.itemId) ?? 0) + line.quantity)
      } else {
        // Refusals are normal here (too little stock, reversed twice, no batch yet): they must not be internal errors.
        expect(['RULE_VIOLATION', 'CONFLICT', 'NOT_FOUND', 'BAD_ARGS'], `seed ${seed} step ${step}: ${envelope.error.message}`).toContain(envelope.error.code)
      }
    }
    expect(ledgerProblems(b), `seed ${seed}`).toEqual([])
    const items = await b.ok('supplies.items', {})
    for (const [id, stock] of expected) expect(items.find((x) => x.id === id)?.stock, `seed ${seed} item ${id}`).toBe(stock)
    // Every month: opening + in − out ± count − loss = closing, and closing is the next month's opening.
    const months = b.store.all<{ month: string }>('SELECT DISTINCT substr(day, 1, 7) AS month FROM supply_ledger ORDER BY month').map((m) => m.month)
    let previous = new Map<number, number>()
    for (const month of months) {
      const summary = await b.ok('supplies.monthly', { month })
      for (const row of summary.rows) {
        expect(row.opening, `${month} ${row.name}`).toBe(previous.get(row.itemId) ?? 0)
        expect(row.closing).toBe(row.opening + row.received - row.issued + row.adjusted - row.lost)
      }
      previous = new Map(summary.rows.map((r) => [r.itemId, r.closing]))
    }
    for (const id of expected.keys()) expect(previous.get(id) ?? 0).toBe(expected.get(id))
    expect(months.length).toBeGreaterThan(1)
    expect([...done].sort(), `seed ${seed}: every kind of booking happened`).toEqual(['count', 'in', 'loss', 'out', 'reverse'])
  })
})
