/**
 * Token buckets, one per device (issue 24): a tablet may burst (a gate queue, a page opening a
 * few lists at once) but not flood the office PC, whose own window shares the one backend.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly clock: () => number = Date.now
  ) {}

  /** Takes one token for key; false when its bucket is empty. */
  take(key: string): boolean {
    const now = this.clock()
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now }
    bucket.tokens = Math.min(this.capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond)
    bucket.at = now
    this.buckets.set(key, bucket)
    // Full buckets carry no information: forgetting them keeps the map as small as the busy devices.
    if (this.buckets.size > 1000) {
      for (const [other, held] of this.buckets) if (held.tokens >= this.capacity) this.buckets.delete(other)
    }
    if (bucket.tokens < 1) return false
    bucket.tokens -= 1
    return true
  }
}
