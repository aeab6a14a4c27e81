import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Envelope } from '../../../shared/errors'
import { createBackend } from '../../../electron/backend/backend'
import { ADMIN, setupAdmin, testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { fixedClock, tempDir } from '../support/temp'

/**
 * The attacks of issue 14 (logins), each through dispatch as the attacker: a caller holding only
 * the launch token (callAs(null, ...)), or a walked-up session. Time is the backend's virtual
 * clock (a paced wait moves it instead of sleeping); every password check is counted where it
 * hashes, so "how many guesses were verified, when" is exact, not a speed measurement.
 */
const hashed = vi.hoisted(() => ({ log: [] as { at: number; secret: string; real: boolean }[], now: (): number => 0 }))
vi.mock('../../../electron/backend/security/password-hash', async (importOriginal) => {
  // eslint-disable-next-line @typescript-eslint/consistent-type-imports -- vi.mock's factory types the module it replaces
  const real = await importOriginal<typeof import('../../../electron/backend/security/password-hash')>()
  return {
    ...real,
    checkSecret: (secret: string, stored: string | null) => {
      hashed.log.push({ at: hashed.now(), secret, real: stored !== null })
      return real.checkSecret(secret, stored)
    }
  }
})

let backend: TestBackend
afterEach(async () => {
  await backend?.close()
})

async function start(): Promise<{ device: string; recoveryCode: string }> {
  backend = await testBackend()
  hashed.log = []
  hashed.now = () => backend.clock.now().getTime()
  const setup = (await backend.callAs(null, 'auth.setup', { communityName: '幸福里社区', ...ADMIN })) as Envelope<{ deviceToken: string; recoveryCode: string }>
  if (!setup.ok) throw new Error(setup.error.message)
  return { device: setup.data.deviceToken, recoveryCode: setup.data.recoveryCode }
}

type Answer = Envelope<{ sessionToken: string }>
const attacker = (username: string, password: string) => backend.callAs(null, 'auth.login', { username, password }) as Promise<Answer>
const codeOf = (answer: Answer) => (answer.ok ? 'OK' : answer.error.code)
/** A wave of guesses fired at once, as a script would. */
const wave = (username: (i: number) => string, n: number, tag: string) =>
  Promise.all(Array.from({ length: n }, (_, i) => attacker(username(i), `${tag}-guess-${i}`)))
const gaps = (times: number[]) => times.slice(1).map((t, i) => t - (times[i] ?? 0))

describe('attack: a flood of wrong passwords cannot keep the administrator out', () => {
  it('logs the administrator in with their device token while the name is flooded; without it, the flood takes the turns', async () => {
    const { device } = await start()
    for (let round = 0; round < 5; round++) {
      // The attacker fires 50 at once (any case of the name: the same account, the same turns).
      const flood = wave((i) => (i % 2 ? 'admin' : 'ADMIN'), 50, `r${round}`)
      // Control: the owner's right password without their browser's token waits behind the flood.
      expect(codeOf(await attacker('admin', ADMIN.password))).toBe('TOO_MANY_ATTEMPTS')
      const owner = (await backend.callAs(null, 'auth.login', { username: 'admin', password: ADMIN.password, deviceToken: device })) as Answer
      expect(owner.ok).toBe(true)
      const answers = await flood
      expect(answers.every((a) => ['UNAUTHORIZED', 'TOO_MANY_ATTEMPTS'].includes(codeOf(a)))).toBe(true)
    }
    // The flood's checks never got faster than one a second on the account's name.
    const flooded = hashed.log.filter((h) => h.secret.includes('-guess-')).map((h) => h.at)
    expect(Math.min(...gaps(flooded))).toBeGreaterThanOrEqual(1000)
  })

  it('lets the administrator in with the recovery code during a flood of wrong passwords, from any browser', async () => {
    const { recoveryCode } = await start()
    // On the administrator's name and sprayed over many names, filling the open lane's queue.
    const flood = Promise.all([wave(() => 'admin', 50, 'f'), wave((i) => `spray${i}`, 100, 's')])
    expect(codeOf(await attacker('someone', 'Some#2026x'))).toBe('TOO_MANY_ATTEMPTS')
    const recovered = await backend.callAs(null, 'auth.recover', { username: 'admin', recoveryCode, password: 'Brand#2026new' })
    expect(recovered).toMatchObject({ ok: true, data: { session: { username: 'admin' } } })
    await flood
  })
})

describe('attack: guessing stays at or below one a second per account', () => {
  it('verifies at most one guess a second for an account, slower and slower, however many are fired', async () => {
    await start()
    const begin = backend.clock.now().getTime()
    let fired = 0
    // Ten simulated minutes of waves of 40 guesses, names in any case.
    while (backend.clock.now().getTime() - begin < 10 * 60_000) {
      await wave((i) => ['admin', 'Admin', 'ADMIN'][i % 3] ?? 'admin', 40, `w${fired}`)
      fired += 40
    }
    const checks = hashed.log.map((h) => h.at - begin)
    const elapsed = backend.clock.now().getTime() - begin
    expect(fired).toBeGreaterThan(300)
    // In any one-second window at most one guess was checked ...
    expect(Math.min(...gaps(checks))).toBeGreaterThanOrEqual(1000)
    expect(checks.length).toBeLessThanOrEqual(elapsed / 1000 + 1)
    // ... and the wait grows 1 s, 2 s, 4 s ... to 30 s: some 25 guesses in ten minutes, not 600.
    expect(gaps(checks).slice(0, 6)).toEqual([1000, 2000, 4000, 8000, 16000, 30000])
    expect(
      gaps(checks)
        .slice(5)
        .every((gap) => gap >= 30000)
    ).toBe(true)
    expect(checks.length).toBeLessThan(30)
  })

  it('paces a known and an unknown name alike, and spreads no faster over many names than the hashing slot allows', async () => {
    await start()
    // Distinct names each get their own turn, but all wait for the one open hashing slot:
    // a wave of 100 names is checked one after another, 32 queued at most, the rest answered at once.
    const answers = await wave((i) => `user${i}`, 100, 'spray')
    const codes = answers.map(codeOf)
    expect(codes.filter((c) => c === 'UNAUTHORIZED').length).toBeLessThanOrEqual(33)
    expect(codes.filter((c) => c !== 'UNAUTHORIZED').every((c) => c === 'TOO_MANY_ATTEMPTS')).toBe(true)
  })
})

describe('attack: an unknown user name cannot be told from a wrong password', () => {
  /** The same run of guesses against one name: what came back and when each was checked. */
  async function probe(username: string) {
    const begin = backend.clock.now().getTime()
    const from = hashed.log.length
    const answers: Answer[] = []
    for (let i = 0; i < 6; i++) answers.push(...(await wave(() => username, 4, `p${i}`)))
    const checks = hashed.log.slice(from)
    return { answers: answers.map((a) => (a.ok ? 'OK' : a.error)), at: checks.map((h) => h.at - begin), hashed: checks.length }
  }

  it('gives the same answers, the same pacing and one equally costly hash per check', async () => {
    await start()
    const known = await probe('admin')
    backend.clock.advance(60 * 60_000)
    const unknown = await probe('nobody')
    expect(unknown.answers).toEqual(known.answers)
    expect(unknown.at).toEqual(known.at)
    expect(unknown.hashed).toBe(known.hashed)
    // Every answer is one of two, neither naming the user nor counting tries.
    expect(new Set(known.answers.map((a) => JSON.stringify(a)))).toEqual(
      new Set([
        JSON.stringify({ code: 'UNAUTHORIZED', message: '用户名或密码不正确。' }),
        JSON.stringify({ code: 'TOO_MANY_ATTEMPTS', message: '尝试过于频繁，请稍后再试。' })
      ])
    )
    // The unknown name was hashed too, against a dummy of the same cost as a real hash.
    const { DUMMY_HASH, hashPassword } = await import('../../../electron/backend/security/password-hash')
    const cost = (hash: string) => hash.split('$').slice(0, 4).join('$') + Buffer.from(hash.split('$')[5] ?? '', 'base64').length
    expect(cost(DUMMY_HASH)).toBe(cost(hashPassword('x1234567')))
    expect(hashed.log.filter((h) => !h.real).length).toBe(unknown.hashed)
  })
})

describe('attack: changing the password is paced the same way', () => {
  it('checks at most one current-password guess a second per account from a walked-up session', async () => {
    const token = await setupAdminFresh()
    const begin = backend.clock.now().getTime()
    const guess = (i: number) => backend.callAs(token, 'auth.changePassword', { currentPassword: `guess-${i}-x`, newPassword: 'Taken#2026x' })
    const answers: Envelope<unknown>[] = []
    for (let round = 0; round < 8; round++) answers.push(...(await Promise.all(Array.from({ length: 20 }, (_, i) => guess(round * 20 + i)))))
    const codes = answers.map((a) => (a.ok ? 'OK' : a.error.code))
    expect(codes.filter((c) => c === 'RULE_VIOLATION').length + codes.filter((c) => c === 'TOO_MANY_ATTEMPTS').length).toBe(160)
    const checks = hashed.log.map((h) => h.at - begin)
    expect(Math.min(...gaps(checks))).toBeGreaterThanOrEqual(1000)
    expect(gaps(checks).slice(0, 5)).toEqual([1000, 2000, 4000, 8000, 16000])
    // The owner's password still works afterwards.
    expect((await backend.callAs(token, 'auth.changePassword', { currentPassword: ADMIN.password, newPassword: 'Mine#2026abc' })).ok).toBe(true)
  })

  async function setupAdminFresh(): Promise<string> {
    backend = await testBackend()
    const token = await setupAdmin(backend)
    hashed.log = []
    hashed.now = () => backend.clock.now().getTime()
    return token
  }
})

describe('attack: a flood does not bloat the audit trail', () => {
  it('writes one row when a burst starts and one with the count when it ends', async () => {
    await start()
    const before = backend.count('audit_log')
    await wave(() => 'admin', 200, 'audit')
    await wave((i) => `ghost${i % 2}`, 10, 'audit')
    const during = backend.store.all<{ summary: string }>('SELECT summary FROM audit_log ORDER BY id').slice(before)
    // 210 refused or failed logins, three names: one row per name and kind so far.
    expect(during.map((r) => r.summary).sort()).toEqual(
      ['登录失败：密码错误', '登录失败：用户名不存在', '登录失败：用户名不存在', ...Array(3).fill('尝试过于频繁，未核对即拒绝')].sort()
    )
    backend.security.flush()
    const after = backend.store.all<{ summary: string }>('SELECT summary FROM audit_log ORDER BY id').slice(before + during.length)
    expect(after.map((r) => r.summary)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^登录失败：密码错误（连续 3 次/), expect.stringMatching(/^尝试过于频繁，未核对即拒绝（连续 197 次/)])
    )
    expect(backend.count('audit_log') - before).toBeLessThanOrEqual(12)
  })
})

describe('attack: waiting logins do not hold up the office', () => {
  it('keeps other writes going while guesses wait their turn (they wait outside the mutation queue)', async () => {
    const clock = fixedClock()
    const sleepers: Array<() => void> = []
    // Waits that end only when the test says so: the flood is waiting for as long as we look.
    const sleep = () => new Promise<void>((resolve) => sleepers.push(resolve))
    const office = await createBackend({ dataDir: tempDir(), appVersion: 't', now: clock.now, sleep, store: { idleSnapshotMs: 0 } })
    try {
      const admin = await setupAdmin(office)
      expect((await office.callAs(null, 'auth.login', { username: 'admin', password: 'wrong-1-x' })).ok).toBe(false)
      const waiting = Promise.all(Array.from({ length: 3 }, (_, i) => office.callAs(null, 'auth.login', { username: 'admin', password: `wrong-${i}-y` })))
      expect(office.guard.waitFor('login:admin')).toBe(1000)
      // A clerk's change goes through at once.
      expect((await office.callAs(admin, 'settings.update', { streetName: '城关街道' })).ok).toBe(true)
      let settled = false
      void waiting.then(() => (settled = true))
      while (!settled) {
        for (const wake of sleepers.splice(0)) wake()
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      expect((await waiting).every((answer) => !answer.ok)).toBe(true)
    } finally {
      await office.close()
    }
  })
})
