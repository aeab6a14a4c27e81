import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AccountsPage } from './pages/accounts.page'
import { AuthPage, E2E_ADMIN } from './pages/auth.page'
import { LoginPage } from './pages/login.page'
import { ShellPage } from './pages/shell.page'
import { startApp } from './support/app'
import type { RunningApp } from './support/app'

describe('accounts and roles', () => {
  let app: RunningApp
  let shell: ShellPage
  let login: LoginPage
  let recoveryCode = ''

  beforeAll(async () => {
    app = await startApp()
    shell = new ShellPage(app.page)
    login = new LoginPage(app.page)
    // Fake timers in the page so the idle lock can be tested without waiting minutes.
    await app.page.clock.install()
    recoveryCode = await shell.openAndSetUp(app.url)
  })

  afterAll(async () => {
    if (app) expect(await app.stop()).toBe(0)
  })

  it('gives the administrator every module', async () => {
    const titles = await shell.menuTitles()
    for (const title of ['首页', '账号', '操作日志', '设置']) expect(titles).toContain(title)
  })

  it('creates a grid worker bound to a grid, and a gate volunteer', async () => {
    await app.apiData('grids.create', { name: '第一网格', notes: '', leader: null, workers: [] })
    await shell.navigate('账号')
    const accounts = new AccountsPage(app.page)
    await accounts.create({ username: 'wanggw', displayName: '王网格', roleLabel: '网格员', grids: ['第一网格'], password: 'Grid#2026ab' })
    await accounts.create({ username: 'gate1', displayName: '李值守', roleLabel: '卡口值守', password: 'Gate#2026ab' })
    // Until 王网格 sets a password of their own at the first login.
    expect(await accounts.row('wanggw')).toEqual(expect.arrayContaining(['王网格', '网格员', '第一网格', '待设新密码', '从未登录']))
    await app.screenshot('accounts')
  })

  it('shows a grid worker only the register modules, not accounts, audit or settings', async () => {
    await shell.logout()
    // The first login asks for a password of the person's own before anything else.
    await login.submit('wanggw', 'Grid#2026ab')
    await app.screenshot('set-new-password')
    await login.setNewPassword('Grid#2026ab', 'Wang#2026own')
    const titles = await shell.menuTitles()
    expect(titles).not.toContain('账号')
    expect(titles).not.toContain('操作日志')
    expect(titles).not.toContain('设置')
    expect(await app.page.getByTestId('user-menu').textContent()).toContain('网格员')
    // Typing the address of an administrator page leads back home.
    await app.page.goto(`${app.origin}/#/accounts`)
    await app.page.getByTestId('home-page').waitFor()
    const refused = await app.api('accounts.list', {})
    expect(refused.status).toBe(403)
  })

  it('gives the gate role nothing but the gate screen', async () => {
    await shell.logout()
    await login.firstLogin('gate1', 'Gate#2026ab', 'Li#2026gate')
    await app.page.getByTestId('gate-page').waitFor()
    expect(await shell.menuTitles()).toEqual(['卡口登记'])
    // Any other address leads back to the gate screen.
    await app.page.goto(`${app.origin}/#/`)
    await app.page.getByTestId('gate-page').waitFor()
    await app.screenshot('gate-home')
  })

  it('locks the screen after the idle time and asks for the password again', async () => {
    await app.page.clock.fastForward('10:05')
    await login.waitFor()
    expect(await login.notice.textContent()).toContain('长时间没有操作')
    expect(await login.field('login-username').inputValue()).toBe('gate1')
  })

  it('answers a wrong password and an unknown user alike, tells no tries left, and never locks the account', async () => {
    await login.submit('gate1', 'Wrong#2026aa')
    expect(await login.passwordError.textContent()).toBe('用户名或密码不正确。')
    await login.submit('nobody', 'Wrong#2026aa')
    expect(await login.passwordError.textContent()).toBe('用户名或密码不正确。')
    await login.submit('gate1', 'Wrong#2026ab')
    expect(await login.passwordError.textContent()).toBe('用户名或密码不正确。')
    await app.screenshot('login-wrong')
    // The right password still gets in (after the short wait wrong ones earn), not a lock.
    await login.submit('gate1', 'Li#2026gate')
    await app.page.getByTestId('gate-page').waitFor()
  })

  it('makes the first login after a password reset set a new password', async () => {
    await shell.logout()
    await login.submit(E2E_ADMIN.username, E2E_ADMIN.password)
    await shell.navigate('账号')
    const accounts = new AccountsPage(app.page)
    await accounts.resetPassword('wanggw', 'Reset#2026ab')
    await accounts.waitForRowText('wanggw', '待设新密码')
    await shell.logout()
    await login.submit('wanggw', 'Wang#2026own')
    expect(await login.passwordError.textContent()).toBe('用户名或密码不正确。')
    await login.submit('wanggw', 'Reset#2026ab')
    expect(await login.setPasswordPage.textContent()).toContain('管理员刚为您重置了密码')
    // Nothing else opens until the new password is set: an address typed by hand comes back here.
    await app.page.goto(`${app.origin}/#/residents`)
    await login.setPasswordPage.waitFor()
    await login.setNewPassword('Reset#2026ab', 'Wang#2026new')
    expect(await app.page.getByTestId('user-menu').textContent()).toContain('王网格')
  })

  it('lets the administrator set a forgotten password with the recovery code, once', async () => {
    await shell.logout()
    await login.recover(E2E_ADMIN.username, recoveryCode.toLowerCase(), 'Newer#2026adm')
    await app.screenshot('recovery-code')
    const fresh = await new AuthPage(app.page).takeRecoveryCode()
    expect(fresh).not.toBe(recoveryCode)
    await shell.menu.waitFor()
    await shell.logout()
    // The old code is used up.
    await login.recover(E2E_ADMIN.username, recoveryCode, 'Newest#2026adm')
    expect(await login.recoverError.textContent()).toContain('用户名或恢复码不正确')
    await app.page.getByRole('link', { name: '返回登录' }).click()
    await login.submit(E2E_ADMIN.username, 'Newer#2026adm')
    await shell.menu.waitFor()
  })

  it('records logins, failures, new passwords and the recovery in the audit trail', async () => {
    await shell.navigate('操作日志')
    const table = app.page.getByTestId('audit-table')
    await table.locator('.el-table__body tr').first().waitFor()
    const text = await table.textContent()
    expect(text).toContain('登录失败：密码错误')
    expect(text).toContain('登录失败：用户名不存在')
    expect(text).toContain('设置了自己的新密码（首次登录或密码被重置后）')
    expect(text).toContain('用恢复码重设了自己的密码并登录')
    expect(text).toContain('新建账号 王网格（wanggw，网格员）')
    expect(text).not.toContain(recoveryCode)
    expect(app.consoleErrors.filter((line) => !/status of 4(01|03)/.test(line))).toEqual([])
  })
})
