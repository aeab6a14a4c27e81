import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AccountsPage } from './pages/accounts.page'
import { E2E_ADMIN } from './pages/auth.page'
import { LoginPage } from './pages/login.page'
import { ShellPage } from './pages/shell.page'
import { startApp } from './support/app'
import type { RunningApp } from './support/app'

describe('accounts and roles', () => {
  let app: RunningApp
  let shell: ShellPage
  let login: LoginPage

  beforeAll(async () => {
    app = await startApp()
    shell = new ShellPage(app.page)
    login = new LoginPage(app.page)
    // Fake timers in the page so the idle lock can be tested without waiting minutes.
    await app.page.clock.install()
    await shell.openAndSetUp(app.url)
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
    expect(await accounts.row('wanggw')).toEqual(expect.arrayContaining(['王网格', '网格员', '第一网格', '正常', '从未登录']))
    await app.screenshot('accounts')
  })

  it('shows a grid worker only the register modules, not accounts, audit or settings', async () => {
    await shell.logout()
    await login.submit('wanggw', 'Grid#2026ab')
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
    await login.submit('gate1', 'Gate#2026ab')
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

  it('tells how many tries are left, then locks the account after five wrong passwords', async () => {
    await login.submit('gate1', 'Wrong#2026aa')
    expect(await login.passwordError.textContent()).toContain('再输错 4 次')
    for (let i = 0; i < 4; i++) await login.submit('gate1', `Wrong#2026a${i}`)
    expect(await login.passwordError.textContent()).toContain('账号已锁定')
    await login.submit('gate1', 'Gate#2026ab')
    expect(await login.passwordError.textContent()).toContain('账号已锁定')
    await app.screenshot('login-locked')
  })

  it('records logins, failures and the lock in the audit trail', async () => {
    await login.submit(E2E_ADMIN.username, E2E_ADMIN.password)
    await shell.navigate('操作日志')
    const table = app.page.getByTestId('audit-table')
    await table.locator('.el-table__body tr').first().waitFor()
    const text = await table.textContent()
    expect(text).toContain('登录失败：密码错误（连续第 5 次），账号锁定 5 分钟')
    expect(text).toContain('新建账号 王网格（wanggw，网格员）')
    expect(app.consoleErrors.filter((line) => !/status of 4(01|03|23)/.test(line))).toEqual([])
  })
})
