import { describe, expect, it } from 'vitest'
import { LoginGuard } from '../../../electron/backend/auth/login-guard'
import type { GuardOptions } from '../../../electron/backend/auth/login-guard'

/** Virtual time: sleeping moves the clock to the wake-up time at once. */
function virtualTime() {
  let now = 0
  return {
    now: () => now,
    sleep: async (ms: number) => {
      const wake = now + ms
      await Promise.resolve()
      if (now < wake) now = wake
    },
    advance: (ms: number) => {
      now += ms
    }
  }
}

function setup(options: Partial<GuardOptions> = {}) {
  const time = virtualTime()
  const guard = new LoginGuard(time, options)
  const starts: number[] = []
  let running = 0
  let most = 0
  /** A check that records when it started, how many ran at once, and answers `ok`. */
  const attempt = (key: string, ok = false, lane: 'open' | 'trusted' = 'open') =>
    guard.check(
      key,
      lane,
      async () => {
        starts.push(time.now())
        running++
        most = Math.max(most, running)
        await new Promise((resolve) => setTimeout(resolve, 1))
        running--
        return ok
      },
      (result) => result
    )
  return { time, guard, starts, attempt, most: () => most }
}

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - (times[i] ?? 0))

describe('LoginGuard', () => {
  it('checks one key one at a time, 1 s apart, the wait doubling per failure up to the cap', async () => {
    const { starts, attempt, most } = setup({ maxPending: 100 })
    // Ten guesses fired at once gain nothing over ten in a row.
    await Promise.all(Array.from({ length: 10 }, () => attempt('login:admin')))
    expect(most()).toBe(1)
    expect(starts[0]).toBe(0)
    expect(gaps(starts)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000])
  })

  it('starts again at one a second after a right answer', async () => {
    const { starts, attempt } = setup()
    for (let i = 0; i < 4; i++) await attempt('k')
    await attempt('k', true)
    await attempt('k')
    await attempt('k')
    expect(gaps(starts)).toEqual([1000, 2000, 4000, 8000, 1000, 1000])
  })

  it('answers at once, without checking, beyond the attempts already waiting on a key', async () => {
    const { starts, attempt } = setup({ maxPending: 3 })
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => attempt('k')))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3)
    const refused = results.filter((r) => r.status === 'rejected')
    expect(refused).toHaveLength(47)
    expect(refused[0]).toMatchObject({ reason: { code: 'TOO_MANY_ATTEMPTS', message: '尝试过于频繁，请稍后再试。' } })
    expect(starts).toHaveLength(3)
  })

  it('keeps keys apart: a flooded key does not delay another', async () => {
    const { time, guard, attempt } = setup({ maxPending: 100 })
    for (let i = 0; i < 6; i++) await attempt('login:admin')
    expect(guard.waitFor('login:admin')).toBe(30000)
    const before = time.now()
    expect(guard.waitFor('login-device:1:abc')).toBe(0)
    await attempt('login-device:1:abc', true, 'trusted')
    expect(time.now()).toBe(before)
  })

  it('lets a trusted check run while the open lane is busy hashing a flood', async () => {
    const time = virtualTime()
    const guard = new LoginGuard(time, { maxQueued: 100 })
    let release = () => {}
    const blocked = new Promise<void>((resolve) => (release = resolve))
    let openRunning = 0
    let openMost = 0
    const flood = Array.from({ length: 20 }, (_, i) =>
      guard.check(
        `login:name${i}`,
        'open',
        async () => {
          openRunning++
          openMost = Math.max(openMost, openRunning)
          await blocked
          openRunning--
          return false
        },
        (r) => r
      )
    )
    // Every open check waits for the one hashing slot of its lane; the trusted one has its own.
    const trusted = await guard.check(
      'login-device:1:abc',
      'trusted',
      async () => true,
      (r) => r
    )
    expect(trusted).toBe(true)
    expect(openRunning).toBe(1)
    release()
    await Promise.all(flood)
    expect(openMost).toBe(1)
  })

  it('bounds the queue of a lane: past it, checks are answered at once', async () => {
    const time = virtualTime()
    const guard = new LoginGuard(time, { maxQueued: 2 })
    let release = () => {}
    const blocked = new Promise<void>((resolve) => (release = resolve))
    const checks = Array.from({ length: 5 }, (_, i) =>
      guard.check(
        `k${i}`,
        'open',
        () => blocked.then(() => false),
        (r) => r
      )
    )
    const settled = Promise.allSettled(checks)
    await new Promise((resolve) => setTimeout(resolve, 5))
    release()
    const results = await settled
    // One hashing, two queued, two refused.
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'rejected'])
  })

  it('counts an unexpected error as a failure', async () => {
    const { time, guard } = setup()
    await expect(
      guard.check(
        'k',
        'open',
        () => Promise.reject(new Error('boom')),
        () => true
      )
    ).rejects.toThrow('boom')
    expect(guard.waitFor('k')).toBe(1000)
    time.advance(1000)
    await expect(
      guard.check(
        'k',
        'open',
        () => Promise.reject(new Error('boom')),
        () => true
      )
    ).rejects.toThrow('boom')
    expect(guard.waitFor('k')).toBe(2000)
  })

  it('forgets the failures of a key left quiet, and keeps memory bounded', async () => {
    const { time, guard, starts, attempt } = setup({ forgetMs: 60_000, maxKeys: 10 })
    for (let i = 0; i < 5; i++) await attempt('k')
    time.advance(61_000)
    await attempt('k')
    await attempt('k')
    // Without forgetting, the sixth failure in a row would wait the full 30 s.
    expect(gaps(starts).at(-1)).toBe(1000)
    // Keys come from typed names: settled ones give way once there are too many.
    for (let i = 0; i < 30; i++) {
      await attempt(`name${i}`)
      time.advance(1000)
    }
    expect(guard.size).toBeLessThanOrEqual(11)
  })
})
