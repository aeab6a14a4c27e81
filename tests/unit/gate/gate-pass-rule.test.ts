import { afterEach, describe, expect, it } from 'vitest'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { arrangeGate, gateEntry } from './gate-support'

let backend: TestBackend
afterEach(async () => {
  await backend?.close()
})

describe('the pass rule without a typed pass number (issue 17)', () => {
  it('binds every resident of a household holding a pass, and counts their going out on it', async () => {
    backend = await testBackend()
    const { east, household, resident } = await arrangeGate(backend)
    await backend.ok('passes.issue', { householdId: household.id, everyDays: 2 })
    const out = gateEntry(east.id, { direction: 'out', who: 'resident', residentId: resident.id, name: '', reason: '' })
    const first = await backend.ok('gate.register', out)
    expect(first).toMatchObject({ passNumber: '0001', warning: '' })
    expect(await backend.ok('gate.checkPass', { number: '0001', checkpointId: east.id })).toMatchObject({ wentOut: true, nextAllowed: '2026-02-05' })
    const second = await backend.ok('gate.register', out)
    expect(second.warning).toBe('该户出入证规定每 2 天 1 人次外出，本周期内已有人外出，2026-02-05 起可再外出')
    // Coming home is not going out: no warning, and the rule is not used up by it.
    expect((await backend.ok('gate.register', { ...out, direction: 'in' })).warning).toBe('')
  })

  it('leaves residents of households without a live pass alone', async () => {
    backend = await testBackend()
    const { east, household, resident } = await arrangeGate(backend)
    const pass = await backend.ok('passes.issue', { householdId: household.id, everyDays: 1 })
    await backend.ok('passes.revoke', { id: pass.id })
    const out = gateEntry(east.id, { direction: 'out', who: 'resident', residentId: resident.id, name: '', reason: '' })
    await backend.ok('gate.register', out)
    expect(await backend.ok('gate.register', out)).toMatchObject({ passNumber: '', warning: '' })
  })
})
