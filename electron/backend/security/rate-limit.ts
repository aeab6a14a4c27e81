/**
 * A sliding-window rate limiter: at most `limit` accepted attempts per key in any window of
 * `windowMs`. Pure apart from its own memory: time is passed in, nothing is scheduled, so it
 * is exact in tests and costs nothing while idle. Used to slow down guessing through queries
 * (digit searches by roles that cannot reveal, pass-number checks at the gate).
 *
 * A refused attempt is not counted: the window frees up as the accepted ones age out, so a
 * caller who keeps hammering is held at the limit rather than locked out for ever (the lock
 * is the limit itself; the audit trail is what tells a clerk it happened).
 */
export interface RateLimitOptions {
  /** Attempts accepted per key within any window of windowMs. */
  limit: number
  windowMs: number
  /**
   * Keys kept at most; beyond this the keys with nothing left in their window are dropped
   * first, then the least recently used. Keeps memory bounded if keys come from input.
   */
  maxKeys?: number
}

export type RateDecision =
  | { allowed: true; /** attempts still accepted in the current window */ remaining: number }
  | { allowed: false; /** ms until the oldest counted attempt leaves the window */ retryAfterMs: number }

export class SlidingWindowLimiter {
  // Accepted attempt times per key, oldest first. A Map keeps insertion order, which is
  // refreshed on each hit, so its first key is the least recently used.
  private readonly hits = new Map<string, number[]>()
  private readonly limit: number
  private readonly windowMs: number
  private readonly maxKeys: number

  constructor(options: RateLimitOptions) {
    if (!(options.limit >= 1) || !(options.windowMs > 0)) throw new Error('rate limit needs limit >= 1 and windowMs > 0')
    this.limit = Math.floor(options.limit)
    this.windowMs = options.windowMs
    this.maxKeys = options.maxKeys ?? 10_000
  }

  /** Counts an attempt at time nowMs if the window has room; says whether it was accepted. */
  hit(key: string, nowMs: number): RateDecision {
    const times = this.live(key, nowMs)
    if (times.length >= this.limit) return { allowed: false, retryAfterMs: this.retryAfter(times, nowMs) }
    times.push(nowMs)
    this.hits.delete(key)
    this.hits.set(key, times)
    this.bound(nowMs)
    return { allowed: true, remaining: this.limit - times.length }
  }

  /** What hit would answer, without counting anything. */
  peek(key: string, nowMs: number): RateDecision {
    const times = this.live(key, nowMs)
    if (times.length >= this.limit) return { allowed: false, retryAfterMs: this.retryAfter(times, nowMs) }
    return { allowed: true, remaining: this.limit - times.length }
  }

  /** Attempts of key still inside the window at nowMs. */
  count(key: string, nowMs: number): number {
    return this.live(key, nowMs).length
  }

  reset(key: string): void {
    this.hits.delete(key)
  }

  /** Number of keys held (for tests of the memory bound). */
  get size(): number {
    return this.hits.size
  }

  private live(key: string, nowMs: number): number[] {
    const times = this.hits.get(key)
    if (!times) return []
    const cutoff = nowMs - this.windowMs
    let drop = 0
    while (drop < times.length && (times[drop] ?? 0) <= cutoff) drop++
    if (drop > 0) times.splice(0, drop)
    // A clock set back must not make old attempts count twice as long: forget them.
    if (times.length > 0 && (times[times.length - 1] ?? 0) > nowMs) times.length = 0
    if (times.length === 0) this.hits.delete(key)
    return times
  }

  private retryAfter(times: number[], nowMs: number): number {
    const oldest = times[times.length - this.limit] ?? nowMs
    return Math.max(1, oldest + this.windowMs - nowMs)
  }

  private bound(nowMs: number): void {
    if (this.hits.size <= this.maxKeys) return
    for (const key of [...this.hits.keys()]) {
      this.live(key, nowMs)
      if (this.hits.size <= this.maxKeys) return
    }
    for (const key of this.hits.keys()) {
      if (this.hits.size <= this.maxKeys) return
      this.hits.delete(key)
    }
  }
}
