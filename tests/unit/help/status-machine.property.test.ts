import { afterEach, describe, expect, it } from 'vitest'
import type { MethodArgs } from '../../../shared/contract'
import type { HelpAction, HelpStatus } from '../../../shared/domain/help'
import { HELP_ACTIONS } from '../../../shared/domain/help'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { request, volunteer } from './helpers'
import { rng } from '../support/rng'

/**
 * The machine written out by hand, apart from shared/domain/help.ts: which step is allowed
 * from which status and where it leads. The backend must agree with it on every random step.
 */
const ALLOWED: Record<HelpStatus, Partial<Record<HelpAction, HelpStatus>>> = {
  open: { assign: 'assigned', fail: 'failed', cancel: 'cancelled' },
  assigned: { assign: 'assigned', start: 'in_progress', finish: 'done', fail: 'failed', cancel: 'cancelled' },
  in_progress: { assign: 'assigned', finish: 'done', fail: 'failed', cancel: 'cancelled' },
  done: { follow_up: 'done' },
  failed: { follow_up: 'failed' },
  cancelled: {}
}
const OPEN: readonly HelpStatus[] = ['open', 'assigned', 'in_progress']

const SEEDS = [3, 17, 2026]
const STEPS = 45

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

interface Stored {
  status: HelpStatus
  isOpen: number
  volunteerId: number | null
  result: string
  reason: string
  followUp: string | null
  closedDay: string | null
  steps: number
  lastTo: string
}

function stored(id: number): Stored {
  const row = b.store.get<Stored>(
    `SELECT status, is_open AS isOpen, volunteer_id AS volunteerId, result, reason, follow_up AS followUp, closed_day AS closedDay,
        (SELECT COUNT(*) FROM help_steps s WHERE s.request_id = q.id) AS steps,
        (SELECT to_status FROM help_steps s WHERE s.request_id = q.id ORDER BY s.id DESC LIMIT 1) AS lastTo
       FROM help_requests q WHERE id = ?`,
    [id]
  )
  if (!row) throw new Error(`request ${id} is gone`)
  return row
}

function argsOf(id: number, action: HelpAction, volunteerId: number): MethodArgs<'help.act'> {
  switch (action) {
    case 'assign':
      return { id, action, volunteerId, note: '' }
    case 'follow_up':
      return { id, action, satisfied: true, note: '' }
    case 'start':
      return { id, action, note: '' }
    default:
      return { id, action, note: `第${action}步的说明` }
  }
}

describe('the help status machine under random sequences of steps', () => {
  it.each(SEEDS)('seed %i: allowed steps keep a valid state, refused ones change nothing', async (seed) => {
    b = await testBackend()
    const random = rng(seed)
    const volunteers = [(await b.ok('volunteers.create', volunteer({ name: '甲' }))).id, (await b.ok('volunteers.create', volunteer({ name: '乙' }))).id]
    const requests: number[] = []
    for (let i = 0; i < 3; i++) requests.push((await b.ok('help.create', request({ callerName: `来电${i}` }))).id)
    const model = new Map<number, { status: HelpStatus; followedUp: boolean; steps: number }>(
      requests.map((id) => [id, { status: 'open' as HelpStatus, followedUp: false, steps: 1 }])
    )
    for (let step = 0; step < STEPS; step++) {
      const id = requests[Math.floor(random() * requests.length)] as number
      const action = HELP_ACTIONS[Math.floor(random() * HELP_ACTIONS.length)] as HelpAction
      const volunteerId = volunteers[Math.floor(random() * volunteers.length)] as number
      const expected = model.get(id) as { status: HelpStatus; followedUp: boolean; steps: number }
      const next = action === 'follow_up' && expected.followedUp ? undefined : ALLOWED[expected.status][action]
      const before = stored(id)
      const answer = await b.call('help.act', argsOf(id, action, volunteerId))
      const after = stored(id)
      const where = `seed ${seed} step ${step}: ${action} on ${expected.status}`
      if (next === undefined) {
        expect(answer, where).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } })
        expect(after, where).toEqual(before)
        continue
      }
      expect(answer, where).toMatchObject({ ok: true, data: { status: next } })
      model.set(id, { status: next, followedUp: expected.followedUp || action === 'follow_up', steps: expected.steps + 1 })
      // The stored state is one the machine can be in, and agrees with itself.
      expect(after.status, where).toBe(next)
      expect(after.isOpen, where).toBe(OPEN.includes(next) ? 1 : 0)
      expect(after.closedDay !== null, where).toBe(!OPEN.includes(next))
      if (next === 'assigned' || next === 'in_progress') expect(volunteers, where).toContain(after.volunteerId)
      if (action === 'assign') expect(after.volunteerId, where).toBe(volunteerId)
      if (next === 'done') expect(after.result, where).not.toBe('')
      if (next === 'failed' || next === 'cancelled') expect(after.reason, where).not.toBe('')
      expect(after.steps, where).toBe(expected.steps + 1)
      expect(after.lastTo, where).toBe(next)
    }
    // Every request's steps chain: each step starts where the previous one ended.
    for (const id of requests) {
      const steps = b.store.all<{ from: string; to: string }>(
        'SELECT from_status AS "from", to_status AS "to" FROM help_steps WHERE request_id = ? ORDER BY id',
        [id]
      )
      steps.slice(1).forEach((s, i) => expect(s.from).toBe(steps[i]?.to))
      expect(steps.length).toBe(model.get(id)?.steps)
    }
  })
})
