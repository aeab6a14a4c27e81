import { AppError } from '../../../shared/errors'

/** Time as the guard sees it: the backend's clock, and a way to wait on it (virtual in tests). */
export interface GuardClock {
  now(): number
  sleep(ms: number): Promise<void>
}

export interface GuardOptions {
  /** Least time between two checks of one key: at most one guess a second per account. */
  baseMs: number
  /** The wait doubles with every failure in a row (1 s, 2 s, 4 s ...) up to this. */
  capMs: number
  /** Attempts that may wait their turn on one key; more are answered at once, nothing checked. */
  maxPending: number
  /** Checks that may wait for their lane's hashing slot; more are answered at once. */
  maxQueued: number
  /** A key quiet for this long starts again at baseMs. */
  forgetMs: number
  /** Keys held in memory before settled ones are dropped (keys come from typed user names). */
  maxKeys: number
}

export const GUARD_DEFAULTS: GuardOptions = {
  baseMs: 1000,
  capMs: 30_000,
  maxPending: 3,
  maxQueued: 32,
  forgetMs: 15 * 60_000,
  maxKeys: 10_000
}

/**
 * Which hashing slot a check waits for. 'open' is anyone holding the launch token (logins
 * without a device token); 'recovery' the administrator's recovery code, so that a flood of
 * login guesses over many names cannot crowd it out; 'trusted' a browser that logged in to the
 * account before, or a logged-in session. A flood in one lane never delays a check in another.
 */
export type Lane = 'open' | 'recovery' | 'trusted'

export function tooManyAttempts(): AppError {
  return new AppError('TOO_MANY_ATTEMPTS', '尝试过于频繁，请稍后再试。')
}

interface KeyState {
  failures: number
  /** No check of this key starts before this time. */
  nextAt: number
  lastAt: number
  pending: number
  /** Settles when the last queued attempt of this key is done: attempts run one after another. */
  tail: Promise<void>
}

/** One scrypt at a time per lane, so hashing floods cannot crowd out the other lane's checks. */
class Slot {
  private busy = false
  private readonly waiting: Array<() => void> = []

  constructor(private readonly maxQueued: number) {}

  async acquire(): Promise<void> {
    if (!this.busy) {
      this.busy = true
      return
    }
    if (this.waiting.length >= this.maxQueued) throw tooManyAttempts()
    await new Promise<void>((resolve) => this.waiting.push(resolve))
  }

  release(): void {
    const next = this.waiting.shift()
    // Handing the slot on keeps it busy; only an empty queue frees it.
    if (next) next()
    else this.busy = false
  }
}

/**
 * Paces password checks instead of locking accounts (README: 隐私保护 / 登录). Checks of one key
 * run one at a time, each starting at least baseMs after the previous one ended, the wait
 * doubling with each failure in a row up to capMs and starting again after a success. Because
 * the wait comes before the check, parallel guesses gain nothing: each one is a turn. A right
 * password that gets its turn is always accepted; what a flood can do is take the turns of the
 * key it floods (past maxPending, attempts are answered "too many" unchecked). So the owner's
 * browser, with its device token, checks on a key and in a lane of its own.
 */
export class LoginGuard {
  private readonly keys = new Map<string, KeyState>()
  private readonly slots: Record<Lane, Slot>
  private readonly options: GuardOptions

  constructor(
    private readonly clock: GuardClock,
    options: Partial<GuardOptions> = {}
  ) {
    this.options = { ...GUARD_DEFAULTS, ...options }
    const slot = () => new Slot(this.options.maxQueued)
    this.slots = { open: slot(), recovery: slot(), trusted: slot() }
  }

  /**
   * Runs verify when key's turn comes and returns its result; succeeded says whether it was a
   * right answer (which resets the wait). Throws TOO_MANY_ATTEMPTS, without verifying, when
   * maxPending attempts of the key are already waiting.
   */
  async check<T>(key: string, lane: Lane, verify: () => Promise<T>, succeeded: (result: T) => boolean): Promise<T> {
    const state = this.stateOf(key)
    if (state.pending >= this.options.maxPending) throw tooManyAttempts()
    state.pending++
    const previous = state.tail
    let done = () => {}
    state.tail = new Promise<void>((resolve) => (done = resolve))
    try {
      await previous
      const wait = state.nextAt - this.clock.now()
      if (wait > 0) await this.clock.sleep(wait)
      const slot = this.slots[lane]
      await slot.acquire()
      let ok = false
      try {
        const result = await verify()
        ok = succeeded(result)
        return result
      } finally {
        slot.release()
        // An unexpected error counts as a failure: it must not open a faster path.
        this.settle(state, ok)
      }
    } finally {
      state.pending--
      done()
    }
  }

  /** The wait before the next check of key, in ms (0 when it may run at once). */
  waitFor(key: string): number {
    const state = this.keys.get(key)
    return state ? Math.max(0, state.nextAt - this.clock.now()) : 0
  }

  get size(): number {
    return this.keys.size
  }

  private settle(state: KeyState, ok: boolean): void {
    const at = this.clock.now()
    state.failures = ok ? 0 : state.failures + 1
    state.lastAt = at
    state.nextAt = at + this.delayAfter(state.failures)
  }

  private delayAfter(failures: number): number {
    const { baseMs, capMs } = this.options
    return failures === 0 ? baseMs : Math.min(capMs, baseMs * 2 ** Math.min(failures - 1, 30))
  }

  private stateOf(key: string): KeyState {
    const now = this.clock.now()
    const found = this.keys.get(key)
    if (found) {
      if (found.pending === 0 && now - found.lastAt > this.options.forgetMs) found.failures = 0
      return found
    }
    if (this.keys.size >= this.options.maxKeys) this.sweep(now)
    const fresh: KeyState = { failures: 0, nextAt: 0, lastAt: 0, pending: 0, tail: Promise.resolve() }
    this.keys.set(key, fresh)
    return fresh
  }

  /**
   * Drops keys with nothing waiting whose wait is over. Forgetting such a key only forgets its
   * failure count: its next check could start now anyway, so the one-a-second bound holds.
   */
  private sweep(now: number): void {
    for (const [key, state] of this.keys) {
      if (state.pending === 0 && state.nextAt <= now) this.keys.delete(key)
    }
  }
}

/** Real waiting for the app; unref'd so a pending login never keeps a closing process alive. */
export function realSleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    timer.unref?.()
  })
}
