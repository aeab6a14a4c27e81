import { afterEach, describe, expect, it } from 'vitest'
import type { GateEntryView } from '../../../shared/contract'
import { localIsoDate } from '../../../shared/domain/dates'
import type { GateCorrect } from '../../../shared/schemas/gate'
import { DAY_MS } from '../returnees/helpers'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { figure, gateEntry } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

const correction = (entry: GateEntryView, extra: Partial<GateCorrect>): GateCorrect => ({
  entryId: entry.id,
  direction: entry.direction,
  who: entry.who,
  name: entry.name,
  phone: '',
  reason: entry.reason,
  plate: entry.plate,
  temperature: entry.temperature,
  action: entry.action,
  note: '录入时按错',
  ...extra
})

/**
 * The per-day gate counts migration 0031 keeps by triggers, write by write, against the same
 * counts built again from every entry: equal after any write (registration, 更正, a purge).
 */
function expectKeptEqualsRebuilt(t: TestBackend): void {
  const read = () =>
    t.store.all('SELECT day, who, direction, abnormal, action, n FROM gate_day_tallies WHERE n != 0 ORDER BY day, who, direction, abnormal, action')
  const kept = read()
  t.store.transaction((tx) => {
    tx.run('DELETE FROM gate_day_tallies')
    tx.run(`INSERT INTO gate_day_tallies (day, who, direction, abnormal, action, n)
            SELECT day, who, direction, abnormal, action, COUNT(*) FROM gate_entries GROUP BY day, who, direction, abnormal, action`)
  })
  expect(kept).toEqual(read())
}

describe('the report’s kept per-day gate counts', () => {
  it('follow registrations over days, a 更正 of direction, fever and disposition, and a purge', async () => {
    b = await testBackend()
    const gate = await b.ok('checkpoints.create', { name: '东门', place: '', kind: 'both', hours: '' })
    const first = localIsoDate(b.clock.now())
    const wrong = await b.ok('gate.register', gateEntry(gate.id, { temperature: 38.2, action: 'hospital' }))
    await b.ok('gate.register', gateEntry(gate.id, { name: '访客乙', direction: 'out' }))
    await b.ok('gate.register', gateEntry(gate.id, { who: 'delivery', name: '快递员', reason: '送货' }))
    expectKeptEqualsRebuilt(b)
    const gateFigures = async (day: string) => {
      const r = await b.ok('report.day', { day })
      return {
        visitorsIn: figure(r, 'gate.in.visitor'),
        visitorsOut: figure(r, 'gate.out.visitor'),
        deliveryIn: figure(r, 'gate.in.delivery'),
        fever: figure(r, 'gate.fever'),
        hospital: figure(r, 'gate.action.hospital'),
        observe: figure(r, 'gate.action.observe')
      }
    }
    expect(await gateFigures(first)).toEqual({ visitorsIn: 1, visitorsOut: 1, deliveryIn: 1, fever: 1, hospital: 1, observe: 0 })
    // The fever was a slip of the finger, and the visitor was going out: the counts move with the 更正.
    await b.ok('gate.correct', correction(wrong, { temperature: 36.4, action: 'pass', direction: 'out' }))
    expectKeptEqualsRebuilt(b)
    expect(await gateFigures(first)).toEqual({ visitorsIn: 0, visitorsOut: 2, deliveryIn: 1, fever: 0, hospital: 0, observe: 0 })

    b.clock.advance(DAY_MS)
    const second = localIsoDate(b.clock.now())
    const fever = await b.ok('gate.register', gateEntry(gate.id, { temperature: 37.6, action: 'turn_back' }))
    await b.ok('gate.register', gateEntry(gate.id, { name: '访客丙', direction: 'out' }))
    expectKeptEqualsRebuilt(b)
    await b.ok('gate.correct', correction(fever, { action: 'observe' }))
    expectKeptEqualsRebuilt(b)
    expect(await gateFigures(second)).toEqual({ visitorsIn: 1, visitorsOut: 1, deliveryIn: 0, fever: 1, hospital: 0, observe: 1 })

    // A retention purge deletes the first day's entries: its counts go to nothing.
    b.store.transaction((tx) => {
      tx.run('DELETE FROM gate_corrections WHERE entry_id IN (SELECT id FROM gate_entries WHERE day = ?)', [first])
      tx.run('DELETE FROM gate_entries WHERE day = ?', [first])
    })
    expectKeptEqualsRebuilt(b)
    expect(await gateFigures(first)).toEqual({ visitorsIn: 0, visitorsOut: 0, deliveryIn: 0, fever: 0, hospital: 0, observe: 0 })
    expect((await gateFigures(second)).visitorsOut).toBe(1)
  })
})
