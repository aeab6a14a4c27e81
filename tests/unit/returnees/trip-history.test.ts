import { afterEach, describe, expect, it } from 'vitest'
import type { ReturneeFile } from '../../../shared/contract'
import type { Envelope } from '../../../shared/errors'
import { setupAdmin, testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { loginAs } from '../support/roles'
import type { Caller } from '../support/roles'
import { community, trip } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

/**
 * 张三 (东区) returned twice: a mistaken trip on 01-10 whose observation was released and which a
 * clerk then voided, and the right one on 02-03. Every role is a real login through dispatch.
 */
async function arrange() {
  b = await testBackend()
  const c = await community(b)
  const admin = await setupAdmin(b)
  const clerk = await loginAs(b, admin, 'clerk1', 'staff')
  const wrong = await clerk.ok('returnees.register', trip(c.zhang.id, { returnDate: '2026-01-10', transportNo: 'k123' }))
  await clerk.ok('monitoring.setStatus', { episodeId: wrong.episode?.id ?? 0, status: 'released', reason: '登记错人' })
  // Voided a few minutes later (the session stays unlocked), so "when" is its own instant.
  b.clock.advance(10 * 60_000)
  await clerk.ok('returnees.voidTrip', { id: wrong.id, reason: '登记错人，应为张山' })
  const right = await clerk.ok('returnees.register', trip(c.zhang.id, { episode: null }))
  const roles = {
    staff: clerk,
    readonly: await loginAs(b, admin, 'reader1', 'readonly'),
    eastWorker: await loginAs(b, admin, 'east1', 'grid_worker', [c.east.id]),
    westWorker: await loginAs(b, admin, 'west1', 'grid_worker', [c.west.id]),
    gate: await loginAs(b, admin, 'gate1', 'gate')
  }
  return { ...c, wrong, right, roles }
}

async function fileOf(caller: Caller, residentId: number): Promise<ReturneeFile> {
  return caller.ok('returnees.get', { residentId })
}

describe('a person’s trip history (the card on the 居民 page)', () => {
  it('shows every trip newest first, the voided one with its reason, who and when, and each trip’s own episode, to every role that reads returnees', async () => {
    const { zhang, wrong, right, roles } = await arrange()
    for (const caller of [roles.staff, roles.readonly, roles.eastWorker]) {
      const file = await fileOf(caller, zhang.id)
      expect(file.trips.map((t) => [t.id, t.returnDate, t.transportNo])).toEqual([
        [right.id, '2026-02-03', 'G1234'],
        [wrong.id, '2026-01-10', 'K123']
      ])
      const [live, voided] = file.trips
      expect(live?.voided).toBeNull()
      expect(live?.episode).toBeNull()
      expect(voided?.voided).toEqual({ at: '2026-02-03T08:10:00.000Z', by: 'clerk1测试（clerk1）', reason: '登记错人，应为张山' })
      expect(voided?.episode).toMatchObject({ kind: 'home_observation', status: 'released', startDate: '2026-01-10', endDate: '2026-01-24' })
      expect(voided?.originText).toBe('湖北省武汉市江岸区')
      // The lists that read the same trips leave the voided one out.
      const list = await caller.ok('returnees.list', { q: '张三' })
      expect(list.rows.map((t) => t.id)).toEqual([right.id])
    }
  })

  it('answers another grid’s worker NOT_FOUND exactly as a person who does not exist, and refuses a role without returnees', async () => {
    const { zhang, roles } = await arrange()
    const outside = (await roles.westWorker.call('returnees.get', { residentId: zhang.id })) as Envelope<unknown>
    const missing = (await roles.westWorker.call('returnees.get', { residentId: 999_999 })) as Envelope<unknown>
    expect(outside).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    if (outside.ok || missing.ok) throw new Error('expected refusals')
    expect(outside.error.message.replace(String(zhang.id), '#')).toBe(missing.error.message.replace('999999', '#'))
    expect(JSON.stringify(outside)).not.toContain('张三')
    expect(await roles.gate.call('returnees.get', { residentId: zhang.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
