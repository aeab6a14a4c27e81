import { describe, expect, it } from 'vitest'
import { SlidingWindowLimiter } from '../../../electron/backend/security/rate-limit'

describe('SlidingWindowLimiter', () => {
  it('accepts limit attempts in any window and refuses the next until the oldest ages out', () => {
    const limiter = new SlidingWindowLimiter({ limit: 3, windowMs: 1000 })
    expect(limiter.hit('a', 0)).toEqual({ allowed: true, remaining: 2 })
    expect(limiter.hit('a', 100)).toEqual({ allowed: true, remaining: 1 })
    expect(limiter.hit('a', 200)).toEqual({ allowed: true, remaining: 0 })
    expect(limiter.hit('a', 300)).toEqual({ allowed: false, retryAfterMs: 700 })
    // Other keys are counted apart.
    expect(limiter.hit('b', 300).allowed).toBe(true)
    // At 1000 the attempt at 0 has left the window (the window is (now - windowMs, now]).
    expect(limiter.hit('a', 999).allowed).toBe(false)
    expect(limiter.hit('a', 1000)).toEqual({ allowed: true, remaining: 0 })
    expect(limiter.peek('a', 1050)).toEqual({ allowed: false, retryAfterMs: 50 })
  })

  it('does not count refused attempts, so hammering holds a caller at the limit but never for ever', () => {
    const limiter = new SlidingWindowLimiter({ limit: 2, windowMs: 60_000 })
    let accepted = 0
    // One attempt a second for ten minutes: two a minute get through.
    for (let t = 0; t < 600_000; t += 1000) if (limiter.hit('k', t).allowed) accepted++
    expect(accepted).toBe(20)
  })

  it('is a true sliding window, not fixed buckets: no double burst across a boundary', () => {
    const limiter = new SlidingWindowLimiter({ limit: 5, windowMs: 1000 })
    for (let i = 0; i < 5; i++) expect(limiter.hit('k', 990 + i).allowed).toBe(true)
    // A fixed 1 s bucket would reset at 1000; the sliding window does not.
    expect(limiter.hit('k', 1001).allowed).toBe(false)
    expect(limiter.hit('k', 1990).allowed).toBe(true)
  })

  it('peek and count do not count; reset forgets a key', () => {
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 1000 })
    expect(limiter.peek('k', 0).allowed).toBe(true)
    expect(limiter.count('k', 0)).toBe(0)
    limiter.hit('k', 0)
    expect(limiter.count('k', 10)).toBe(1)
    limiter.reset('k')
    expect(limiter.hit('k', 10).allowed).toBe(true)
  })

  it('forgets attempts when the clock is set back instead of holding a caller longer', () => {
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 1000 })
    limiter.hit('k', 10_000)
    expect(limiter.hit('k', 5_000).allowed).toBe(true)
  })

  it('keeps memory bounded: idle keys go first, then the least recently used', () => {
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 1000, maxKeys: 3 })
    limiter.hit('old', 0)
    limiter.hit('a', 5000)
    limiter.hit('b', 5001)
    limiter.hit('c', 5002)
    expect(limiter.size).toBe(3)
    // 'old' was idle and is gone; a, b and c are still held.
    expect(limiter.hit('a', 5003).allowed).toBe(false)
    limiter.hit('d', 5004)
    expect(limiter.size).toBe(3)
    // All live: the least recently used ('a' was refreshed by nothing since 5000) is dropped.
    expect(limiter.hit('a', 5005).allowed).toBe(true)
  })

  it('refuses a nonsensical configuration', () => {
    expect(() => new SlidingWindowLimiter({ limit: 0, windowMs: 1000 })).toThrow()
    expect(() => new SlidingWindowLimiter({ limit: 1, windowMs: 0 })).toThrow()
  })
})
