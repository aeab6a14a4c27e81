import { afterEach, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../../electron/backend/audit/audit.service'
import type { Envelope } from '../../../shared/errors'
import { ADMIN, loginNewAccount, setupAdmin, testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'

let backend: TestBackend
afterEach(async () => {
  await backend?.close()
})

const as = async <T = unknown>(token: string | null, method: string, args: unknown) => (await backend.callAs(token, method, args)) as Envelope<T>

async function login(username: string, password: string, deviceToken?: string) {
  return as<{ sessionToken: string; deviceToken: string; session: { role: string; permissions: string[]; mustChangePassword: boolean } }>(null, 'auth.login', {
    username,
    password,
    deviceToken
  })
}

const auditSummaries = () => backend.store.all<{ summary: string; actor: string }>('SELECT summary, actor FROM audit_log ORDER BY id')

describe('first start', () => {
  it('reports setup required, then creates the administrator and the community name', async () => {
    backend = await testBackend()
    expect(await as(null, 'auth.status', {})).toEqual({ ok: true, data: { setupRequired: true, communityName: '' } })
    const token = await setupAdmin(backend)
    expect(await as(null, 'auth.status', {})).toEqual({ ok: true, data: { setupRequired: false, communityName: '幸福里社区' } })
    const me = await as<{ username: string; role: string }>(token, 'auth.whoami', {})
    expect(me).toMatchObject({ ok: true, data: { username: 'admin', role: 'admin', displayName: '王主任', idleLockMinutes: 10 } })
    expect(auditSummaries()).toEqual([{ summary: '首次设置：社区“幸福里社区”，创建管理员 王主任（admin）', actor: '王主任（admin）' }])
  })

  it('refuses a second setup, and weak passwords with a Chinese reason', async () => {
    backend = await testBackend()
    const weak = await as(null, 'auth.setup', { communityName: '幸福里社区', username: 'admin', displayName: '王', password: '12345678' })
    expect(weak).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } })
    if (!weak.ok) expect(weak.error.message).toContain('至少两种')
    const withName = await as(null, 'auth.setup', { communityName: '幸福里社区', username: 'wangli', displayName: '王', password: 'wangli2026' })
    if (!withName.ok) expect(withName.error.message).toContain('不能包含用户名')
    expect(backend.count('accounts')).toBe(0)
    await setupAdmin(backend)
    const again = await as(null, 'auth.setup', { communityName: '别的社区', username: 'x2', displayName: '某', password: 'Another#2026' })
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(backend.count('accounts')).toBe(1)
  })
})

describe('login', () => {
  it('logs in, stores no clear password, and audits the login', async () => {
    backend = await testBackend()
    await setupAdmin(backend)
    const result = await login('ADMIN', ADMIN.password) // user names are case-insensitive
    expect(result).toMatchObject({ ok: true, data: { session: { role: 'admin' } } })
    const stored = backend.store.get<{ password_hash: string }>('SELECT password_hash FROM accounts')?.password_hash ?? ''
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/)
    expect(JSON.stringify(backend.store.all('SELECT * FROM audit_log'))).not.toContain(ADMIN.password)
    expect(auditSummaries().at(-1)).toEqual({ summary: '登录成功', actor: '王主任（admin）' })
  })

  it('says the same for an unknown user and a wrong password, and audits both', async () => {
    backend = await testBackend()
    await setupAdmin(backend)
    const unknown = await login('nobody', 'whatever1')
    const wrong = await login('admin', 'wrong-pass-1')
    // Word for word the same, and nothing about tries left.
    expect(unknown).toEqual({ ok: false, error: { code: 'UNAUTHORIZED', message: '用户名或密码不正确。' } })
    expect(wrong).toEqual(unknown)
    expect(auditSummaries().slice(-2)).toEqual([
      { summary: '登录失败：用户名不存在', actor: 'nobody' },
      { summary: '登录失败：密码错误', actor: '王主任（admin）' }
    ])
  })

  it('never locks an account: after any number of wrong passwords the right one gets in', async () => {
    backend = await testBackend()
    await setupAdmin(backend)
    for (let i = 0; i < 12; i++) expect(await login('admin', `nope-${i}-x`)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    expect((await login('admin', ADMIN.password)).ok).toBe(true)
    expect(JSON.stringify(await as(null, 'auth.status', {}))).not.toContain('lock')
  })

  it('gives a device token at setup and login; a valid one is renewed, a forged one is ignored', async () => {
    backend = await testBackend()
    const setup = await as<{ deviceToken: string; recoveryCode: string }>(null, 'auth.setup', { communityName: '幸福里社区', ...ADMIN })
    expect(setup.ok && setup.data.recoveryCode).toMatch(/^[A-HJ-NP-Z2-9]{5}(-[A-HJ-NP-Z2-9]{5}){3}$/)
    const device = setup.ok ? setup.data.deviceToken : ''
    const withDevice = await login('admin', ADMIN.password, device)
    expect(withDevice.ok && withDevice.data.deviceToken.split('.')[3]).toBe(device.split('.')[3])
    const forged = `${device.slice(0, -4)}AAAA`
    expect((await login('admin', ADMIN.password, forged)).ok).toBe(true)
    expect(await login('admin', 'wrong-pass-1', device)).toEqual({ ok: false, error: { code: 'UNAUTHORIZED', message: '用户名或密码不正确。' } })
    expect(JSON.stringify(backend.store.all('SELECT * FROM audit_log'))).not.toContain(device)
  })

  it('ends a session after the idle-lock time and asks to log in again', async () => {
    backend = await testBackend()
    const token = await setupAdmin(backend)
    backend.clock.advance(9 * 60_000)
    expect((await as(token, 'system.info', {})).ok).toBe(true) // use keeps it alive
    backend.clock.advance(9 * 60_000)
    expect((await as(token, 'system.info', {})).ok).toBe(true)
    backend.clock.advance(10 * 60_000 + 1)
    expect(await as(token, 'system.info', {})).toMatchObject({ ok: false, error: { code: 'SESSION_EXPIRED' } })
    expect(await as(token, 'system.info', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
  })

  it('follows the idle-lock setting', async () => {
    backend = await testBackend()
    const token = await setupAdmin(backend)
    expect((await as(token, 'settings.update', { idleLockMinutes: 2 })).ok).toBe(true)
    backend.clock.advance(2 * 60_000 + 1)
    expect(await as(token, 'auth.whoami', {})).toMatchObject({ ok: false, error: { code: 'SESSION_EXPIRED' } })
  })

  it('logs out', async () => {
    backend = await testBackend()
    const token = await setupAdmin(backend)
    expect((await as(token, 'auth.logout', {})).ok).toBe(true)
    expect(await as(token, 'auth.whoami', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
  })
})

describe('passwords', () => {
  it('changes one’s own password after checking the current one', async () => {
    backend = await testBackend()
    const token = await setupAdmin(backend)
    const other = (await login('admin', ADMIN.password)) as { ok: true; data: { sessionToken: string } }
    const wrongCurrent = await as(token, 'auth.changePassword', { currentPassword: 'bad-one-1', newPassword: 'Better#2027' })
    expect(wrongCurrent).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION', message: '当前密码不正确。' } })
    const same = await as(token, 'auth.changePassword', { currentPassword: ADMIN.password, newPassword: ADMIN.password })
    expect(same).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION', message: '新密码不能与当前密码相同。' } })
    const weak = await as(token, 'auth.changePassword', { currentPassword: ADMIN.password, newPassword: 'short' })
    expect(weak).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } })
    expect((await as(token, 'auth.changePassword', { currentPassword: ADMIN.password, newPassword: 'Better#2027' })).ok).toBe(true)
    expect((await login('admin', ADMIN.password)).ok).toBe(false)
    expect((await login('admin', 'Better#2027')).ok).toBe(true)
    // This session stays; the other place logged in must log in again.
    expect((await as(token, 'auth.whoami', {})).ok).toBe(true)
    expect((await as(other.data.sessionToken, 'auth.whoami', {})).ok).toBe(false)
  })
})

describe('accounts', () => {
  it('creates, lists, disables and re-enables an account; a disabled account cannot log in or keep its session', async () => {
    backend = await testBackend()
    const admin = await setupAdmin(backend)
    const created = await as<{ id: number; role: string }>(admin, 'accounts.create', {
      username: 'lixiao',
      displayName: '李晓',
      role: 'staff',
      password: 'Staff#2026a'
    })
    expect(created).toMatchObject({ ok: true, data: { role: 'staff', active: true, gridIds: [] } })
    const id = created.ok ? created.data.id : 0
    const staff = await loginNewAccount(backend, 'lixiao', 'Staff#2026a')
    expect((await as(staff.token, 'auth.whoami', {})).ok).toBe(true)

    expect((await as(admin, 'accounts.setActive', { id, active: false })).ok).toBe(true)
    expect(await as(staff.token, 'auth.whoami', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    // Only the right password learns that the account is disabled; a wrong one gets the usual answer.
    expect(await login('lixiao', 'Wrong#2026a')).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: '用户名或密码不正确。' } })
    expect(await login('lixiao', staff.password)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '该账号已停用，请联系管理员。' } })
    expect((await as(admin, 'accounts.setActive', { id, active: true })).ok).toBe(true)
    expect((await login('lixiao', staff.password)).ok).toBe(true)

    const list = await as<{ username: string; lastLoginAt: string | null }[]>(admin, 'accounts.list', {})
    expect(list.ok && list.data.map((a) => a.username)).toEqual(['admin', 'lixiao'])
    // Setup logged the administrator in at 08:00; 李晓's last login waited its turns (paced logins).
    expect(list.ok && list.data.map((a) => a.lastLoginAt)).toEqual(['2026-02-03T08:00:00.000Z', expect.stringMatching(/^2026-02-03T08:00:0\d/)])
    expect(JSON.stringify(list)).not.toContain('scrypt')
  })

  it('refuses a duplicate user name, a grid worker without grids, and unknown grids; writes nothing', async () => {
    backend = await testBackend()
    const admin = await setupAdmin(backend)
    const before = backend.count('audit_log')
    const dup = await as(admin, 'accounts.create', { username: 'Admin', displayName: '重名', role: 'staff', password: 'Staff#2026a' })
    expect(dup).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '用户名“Admin”已被使用，请换一个。' } })
    const noGrid = await as(admin, 'accounts.create', { username: 'wg1', displayName: '网格员', role: 'grid_worker', password: 'Grid#2026a' })
    expect(noGrid).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION', message: '网格员账号需要至少分配一个网格。' } })
    const unknownGrid = await as(admin, 'accounts.create', {
      username: 'wg2',
      displayName: '网格员',
      role: 'grid_worker',
      gridIds: [999],
      password: 'Grid#2026a'
    })
    expect(unknownGrid).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const badRole = await as(admin, 'accounts.create', { username: 'x3', displayName: 'x', role: 'root', password: 'Grid#2026a' })
    expect(badRole).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } })
    expect(backend.count('accounts')).toBe(1)
    expect(backend.count('audit_log')).toBe(before)
  })

  it('always keeps one working administrator, and nobody disables themselves', async () => {
    backend = await testBackend()
    const admin = await setupAdmin(backend)
    const me = await as<{ accountId: number }>(admin, 'auth.whoami', {})
    const id = me.ok ? me.data.accountId : 0
    expect(await as(admin, 'accounts.setActive', { id, active: false })).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } })
    expect(await as(admin, 'accounts.update', { id, role: 'staff' })).toMatchObject({
      ok: false,
      error: { code: 'RULE_VIOLATION', message: expect.stringContaining('最后一个可用的管理员') }
    })
  })

  it('resets a password: old one stops working, sessions end, the new one must be replaced at login', async () => {
    backend = await testBackend()
    const admin = await setupAdmin(backend)
    const created = await as<{ id: number }>(admin, 'accounts.create', { username: 'zhao', displayName: '赵', role: 'readonly', password: 'Read#2026a' })
    const id = created.ok ? created.data.id : 0
    const zhao = await loginNewAccount(backend, 'zhao', 'Read#2026a')
    for (let i = 0; i < 5; i++) await login('zhao', `bad-${i}-pass`)
    expect((await as(admin, 'accounts.resetPassword', { id, newPassword: 'Fresh#2026b' })).ok).toBe(true)
    expect((await as(zhao.token, 'auth.whoami', {})).ok).toBe(false)
    expect((await login('zhao', zhao.password)).ok).toBe(false)
    const fresh = await login('zhao', 'Fresh#2026b')
    expect(fresh).toMatchObject({ ok: true, data: { session: { mustChangePassword: true } } })
    expect(auditSummaries().some((row) => row.summary === '重置了 赵（zhao，只读） 的密码（下次登录须设置新密码）')).toBe(true)
  })

  it('a new account may do nothing but set its own password first (enforced in the backend)', async () => {
    backend = await testBackend()
    const admin = await setupAdmin(backend)
    const created = await as<{ id: number; mustChangePassword: boolean }>(admin, 'accounts.create', {
      username: 'qian',
      displayName: '钱',
      role: 'staff',
      password: 'Temp#2026a'
    })
    expect(created).toMatchObject({ ok: true, data: { mustChangePassword: true } })
    const first = await login('qian', 'Temp#2026a')
    expect(first).toMatchObject({ ok: true, data: { session: { mustChangePassword: true } } })
    const token = first.ok ? first.data.sessionToken : ''
    for (const [method, args] of [
      ['residents.list', {}],
      ['system.info', {}],
      ['checkpoints.list', {}],
      ['households.list', {}]
    ] as const) {
      expect(await as(token, method, args), method).toEqual({
        ok: false,
        error: { code: 'PASSWORD_CHANGE_REQUIRED', message: '请先设置新密码，再使用其他功能。', details: { method } }
      })
    }
    expect(await as(token, 'auth.whoami', {})).toMatchObject({ ok: true, data: { mustChangePassword: true } })
    expect((await as(token, 'auth.changePassword', { currentPassword: 'Temp#2026a', newPassword: 'Mine#2026qq' })).ok).toBe(true)
    expect(await as(token, 'auth.whoami', {})).toMatchObject({ ok: true, data: { mustChangePassword: false } })
    expect((await as(token, 'residents.list', {})).ok).toBe(true)
    const list = await as<{ username: string; mustChangePassword: boolean }[]>(admin, 'accounts.list', {})
    expect(list.ok && list.data.find((a) => a.username === 'qian')?.mustChangePassword).toBe(false)
    expect(auditSummaries().map((r) => r.summary)).toContain('设置了自己的新密码（首次登录或密码被重置后）')
  })

  it('an administrator resetting their own password is not asked to change it again', async () => {
    backend = await testBackend()
    const admin = await setupAdmin(backend)
    const me = await as<{ accountId: number }>(admin, 'auth.whoami', {})
    expect((await as(admin, 'accounts.resetPassword', { id: me.ok ? me.data.accountId : 0, newPassword: 'Mine#2026zz' })).ok).toBe(true)
    expect(await login('admin', 'Mine#2026zz')).toMatchObject({ ok: true, data: { session: { mustChangePassword: false } } })
  })
})

describe('audit trail', () => {
  it('lists with filters, verifies the chain, detects an edit, and exports with the notice line', async () => {
    backend = await testBackend()
    const admin = await setupAdmin(backend)
    await login('admin', 'wrong-pass-1')
    await as(admin, 'settings.update', { streetName: '城关街道' })
    const all = await as<{ total: number; rows: { action: string; summary: string }[] }>(admin, 'audit.list', {})
    expect(all.ok && all.data.total).toBe(3)
    expect(all.ok && all.data.rows.map((r) => r.action)).toEqual(['修改设置', '登录', '首次设置'])
    const logins = await as<{ total: number }>(admin, 'audit.list', { action: 'auth.', text: '失败' })
    expect(logins.ok && logins.data.total).toBe(1)
    const today = await as<{ total: number }>(admin, 'audit.list', { from: '2026-02-03', to: '2026-02-03' })
    expect(today.ok && today.data.total).toBe(3)
    const otherDay = await as<{ total: number }>(admin, 'audit.list', { from: '2026-02-05' })
    expect(otherDay.ok && otherDay.data.total).toBe(0)

    expect(await as(admin, 'audit.verify', {})).toEqual({ ok: true, data: { ok: true, rows: 3, anchored: false } })
    const exported = await as<{ fileName: string; bytes: Uint8Array }>(admin, 'audit.export', {})
    expect(exported.ok).toBe(true)
    if (exported.ok) {
      expect(exported.data.fileName).toMatch(/^操作日志-\d{8}\.xlsx$/)
      const ExcelJS = (await import('exceljs')).default
      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.load(Buffer.from(exported.data.bytes) as unknown as ArrayBuffer)
      const sheet = workbook.getWorksheet('操作日志')
      expect(String(sheet?.getCell('A2').value)).toMatch(/^仅限疫情防控工作使用 导出人：王主任（admin） 时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
      expect(sheet?.getCell('D4').value).toBe('修改设置 所属街道：“” → “城关街道”')
    }
    // The export itself is in the trail.
    expect(auditSummaries().at(-1)?.summary).toBe('导出操作日志 3 条')

    backend.store.transaction((tx) => tx.run("UPDATE audit_log SET summary = '登录成功' WHERE id = 2"))
    expect(await as(admin, 'audit.verify', {})).toEqual({ ok: true, data: { ok: false, rows: 4, brokenAt: 2, reason: 'changed' } })
    expect(verifyAuditChain(backend.store).ok).toBe(false)
  })

  it('offers no method that edits or deletes audit entries', async () => {
    const { methods } = await import('../../../shared/contract')
    const auditMethods = Object.keys(methods).filter((name) => name.startsWith('audit.'))
    expect(auditMethods.sort()).toEqual(['audit.export', 'audit.list', 'audit.verify'])
  })
})
