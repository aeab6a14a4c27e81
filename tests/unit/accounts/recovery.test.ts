import { afterEach, describe, expect, it } from 'vitest'
import type { Envelope } from '../../../shared/errors'
import { ADMIN, loginNewAccount, testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'

let backend: TestBackend
afterEach(async () => {
  await backend?.close()
})

const as = async <T = unknown>(token: string | null, method: string, args: unknown) => (await backend.callAs(token, method, args)) as Envelope<T>
const WRONG = { ok: false, error: { code: 'UNAUTHORIZED', message: '用户名或恢复码不正确。' } }

async function start() {
  backend = await testBackend()
  const setup = await as<{ sessionToken: string; recoveryCode: string }>(null, 'auth.setup', { communityName: '幸福里社区', ...ADMIN })
  if (!setup.ok) throw new Error(setup.error.message)
  return { token: setup.data.sessionToken, code: setup.data.recoveryCode }
}

const recover = (username: string, recoveryCode: string, password: string) =>
  as<{ sessionToken: string; recoveryCode: string; session: { username: string } }>(null, 'auth.recover', { username, recoveryCode, password })

describe('the administrator’s recovery code', () => {
  it('is shown once at setup and kept only as a scrypt hash', async () => {
    const { code } = await start()
    const row = backend.store.get<{ recovery_hash: string }>('SELECT recovery_hash FROM accounts')
    expect(row?.recovery_hash).toMatch(/^scrypt\$16384\$8\$1\$/)
    const everything = JSON.stringify([backend.store.all('SELECT * FROM accounts'), backend.store.all('SELECT * FROM audit_log')])
    expect(everything).not.toContain(code)
    expect(everything).not.toContain(code.replace(/-/g, ''))
  })

  it('sets a new password once, however it is typed, logs out the old sessions and gives a new code', async () => {
    const { token, code } = await start()
    const typed = code.toLowerCase().replace(/-/g, ' ')
    const done = await recover('Admin', typed, 'Brand#2026new')
    expect(done).toMatchObject({ ok: true, data: { session: { username: 'admin', mustChangePassword: false } } })
    const fresh = done.ok ? done.data.recoveryCode : ''
    expect(fresh).not.toBe(code)
    expect((await as(token, 'auth.whoami', {})).ok).toBe(false)
    expect((await as(null, 'auth.login', { username: 'admin', password: ADMIN.password })).ok).toBe(false)
    expect((await as(null, 'auth.login', { username: 'admin', password: 'Brand#2026new' })).ok).toBe(true)
    // The code is used up; the new one works.
    expect(await recover('admin', code, 'Other#2026new')).toEqual(WRONG)
    expect((await recover('admin', fresh, 'Other#2026new')).ok).toBe(true)
    const summaries = backend.store.all<{ summary: string }>('SELECT summary FROM audit_log').map((r) => r.summary)
    expect(summaries.filter((s) => s === '用恢复码重设了自己的密码并登录（旧恢复码作废，已显示新恢复码）')).toHaveLength(2)
    expect(summaries).toContain('用恢复码重设密码失败：恢复码不正确')
  })

  it('answers a wrong code, an unknown name and an account without a code alike', async () => {
    const { token, code } = await start()
    await as(token, 'accounts.create', { username: 'staff1', displayName: '员工', role: 'staff', password: 'Staff#2026a' })
    expect(await recover('admin', 'AAAAA-BBBBB-CCCCC-DDDDD', 'Brand#2026new')).toEqual(WRONG)
    expect(await recover('nobody', code, 'Brand#2026new')).toEqual(WRONG)
    expect(await recover('staff1', code, 'Brand#2026new')).toEqual(WRONG)
    // A weak new password is refused before anything is checked.
    expect(await recover('admin', code, '12345678')).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } })
  })

  it('does not open a disabled administrator', async () => {
    const { token, code } = await start()
    await as(token, 'accounts.create', { username: 'admin2', displayName: '李书记', role: 'admin', password: 'Second#2026' })
    const second = await loginNewAccount(backend, 'admin2', 'Second#2026')
    const me = await as<{ accountId: number }>(token, 'auth.whoami', {})
    expect((await as(second.token, 'accounts.setActive', { id: me.ok ? me.data.accountId : 0, active: false })).ok).toBe(true)
    expect(await recover('admin', code, 'Brand#2026new')).toEqual(WRONG)
  })

  it('can be renewed by the administrator with their password; the old one stops working', async () => {
    const { token, code } = await start()
    const wrong = await as(token, 'auth.renewRecoveryCode', { currentPassword: 'not-it-123' })
    expect(wrong).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION', message: '当前密码不正确。' } })
    const renewed = await as<{ recoveryCode: string }>(token, 'auth.renewRecoveryCode', { currentPassword: ADMIN.password })
    const fresh = renewed.ok ? renewed.data.recoveryCode : ''
    expect(fresh).toMatch(/^[A-HJ-NP-Z2-9]{5}(-[A-HJ-NP-Z2-9]{5}){3}$/)
    expect(await recover('admin', code, 'Brand#2026new')).toEqual(WRONG)
    expect((await recover('admin', fresh, 'Brand#2026new')).ok).toBe(true)
    const staff = await as(token, 'accounts.create', { username: 'staff2', displayName: '员工', role: 'staff', password: 'Staff#2026b' })
    expect(staff.ok).toBe(false) // the token was logged out by the recovery
  })

  it('is for administrators only', async () => {
    const { token } = await start()
    await as(token, 'accounts.create', { username: 'staff1', displayName: '员工', role: 'staff', password: 'Staff#2026a' })
    const staff = await loginNewAccount(backend, 'staff1', 'Staff#2026a')
    expect(await as(staff.token, 'auth.renewRecoveryCode', { currentPassword: staff.password })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    })
  })
})
