import net from 'node:net'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GatePage } from './pages/gate.page'
import { LanSettingsPage, PairPage, ResidentEditPage } from './pages/lan.page'
import { LoginPage } from './pages/login.page'
import { ShellPage } from './pages/shell.page'
import { startApp } from './support/app'
import type { RunningApp } from './support/app'

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })

/**
 * Issue 24: the office PC turns LAN access on, a gate tablet (800×1280, its own browser context)
 * pairs with the 6-digit code, the gate volunteer logs in on it and registers entries, and the
 * office's 出入记录, open the whole time, shows them without a reload. Traffic stays on loopback.
 */
describe('a gate tablet on the office LAN', () => {
  let app: RunningApp
  let tablet: BrowserContext
  let tabletPage: Page
  let lanUrl: string

  beforeAll(async () => {
    app = await startApp({ lan: true })
    await app.page.setViewportSize({ width: 1366, height: 768 })
    await new ShellPage(app.page).openAndSetUp(app.url)
    await app.apiData('checkpoints.create', { name: '东门', place: '幸福路 1 号', kind: 'both', hours: '24小时' })
    await app.apiData('accounts.create', { username: 'gate1', displayName: '李值守', role: 'gate', password: 'Gate#2026ab' })
    const browser = app.context.browser()
    if (!browser) throw new Error('no browser')
    // The tablet trusts the office's self-signed certificate the way a clerk does: after comparing fingerprints.
    tablet = await browser.newContext({ locale: 'zh-CN', viewport: { width: 800, height: 1280 }, ignoreHTTPSErrors: true, hasTouch: true })
    tabletPage = await tablet.newPage()
  })

  afterAll(async () => {
    await tablet?.close().catch(() => undefined)
    if (app) expect(await app.stop()).toBe(0)
  })

  it('turns LAN access on in 设置 and pairs the tablet by its code', async () => {
    const office = new LanSettingsPage(app.page)
    await new ShellPage(app.page).navigate('设置')
    await office.open()
    expect(await office.state.textContent()).toContain('已关闭')
    const port = await freePort()
    lanUrl = await office.enable(port)
    expect(lanUrl).toBe(`https://127.0.0.1:${port}/`)
    const fingerprint = await office.fingerprint()
    expect(fingerprint).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/)
    expect(await office.qrSource()).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/)

    await tabletPage.goto(lanUrl)
    const pair = new PairPage(tabletPage)
    const code = await pair.code()
    expect(code).toMatch(/^\d{6}$/)
    expect(await pair.fingerprint()).toBe(fingerprint)
    await tabletPage.screenshot({ path: 'test-results/e2e/lan-tablet-pair.png', fullPage: true, animations: 'disabled' })

    await office.waitForCode(code)
    await app.screenshot('lan-office-pending')
    await office.approve(code, '东门平板')
    await app.screenshot('lan-office-approved')
    // The tablet moves on to the login page by itself.
    await new LoginPage(tabletPage).waitFor()
  })

  it('logs the gate volunteer in on the tablet; entries show in the office 出入记录 without a reload', async () => {
    await new LoginPage(tabletPage).firstLogin('gate1', 'Gate#2026ab', 'Li#2026gate')
    const gate = new GatePage(tabletPage)
    await gate.root.waitFor()

    // The office keeps 出入记录 open, empty for now.
    await new ShellPage(app.page).navigate('出入记录')
    await app.page.getByTestId('gate-day-table').waitFor()

    await gate.chooseCheckpoint('东门')
    // Fingers, not a mouse: every field, choice and button of the gate screen is at least 44 px tall.
    const small = (await gate.touchTargets()).filter((target) => target.height < 44)
    expect(small).toEqual([])
    await tabletPage.screenshot({ path: 'test-results/e2e/lan-tablet-gate-portrait.png', fullPage: true, animations: 'disabled' })
    // From the resident look-up back to 类别, → to 访客, on to 姓名: the keyboard path of the gate screen.
    expect(await gate.focusedTestId()).toBe('gate-lookup')
    await gate.press('Shift+Tab', 'ArrowRight', 'Tab')
    for (const [name, temperature, count] of [
      ['王访客', '365', 1],
      ['快递小哥', '36.6', 2]
    ] as const) {
      expect(await gate.focusedTestId()).toBe('gate-name')
      await gate.type(name)
      for (let i = 0; i < 3; i++) await gate.press('Tab')
      await gate.type(temperature)
      await gate.press('Enter')
      await gate.waitForRecentCount(count)
    }
    const rows = app.page.getByTestId('gate-day-table').locator('.el-table__body tr')
    await rows.filter({ hasText: '快递小哥' }).waitFor()
    await rows.filter({ hasText: '王访客' }).waitFor()
    await app.screenshot('lan-office-gate-day')

    await tabletPage.setViewportSize({ width: 1280, height: 800 })
    expect((await gate.touchTargets()).filter((target) => target.height < 44)).toEqual([])
    await tabletPage.screenshot({ path: 'test-results/e2e/lan-tablet-gate-landscape.png', fullPage: true, animations: 'disabled' })
    expect(app.consoleErrors).toEqual([])
  })

  it('refuses a save over a change made elsewhere and offers 重新载入', async () => {
    const household = await app.apiData('households.create', {
      address: { compound: '幸福里小区', building: '3栋', unit: '2单元', room: '301' },
      tenure: 'owned',
      notes: ''
    })
    const resident = await app.apiData('residents.create', {
      name: '曾小明',
      idType: 'mainland',
      idNumber: '',
      sex: null,
      birthDate: null,
      phones: [],
      tags: [],
      personType: 'registered',
      relation: 'head',
      notes: '',
      householdId: household.id
    })
    await app.page.goto(`${app.origin}/#/residents/${resident.id}`)
    const edit = new ResidentEditPage(app.page)
    await edit.openEdit()
    // Meanwhile another PC saves the same resident.
    await app.apiData('residents.update', {
      id: resident.id,
      name: '曾小明（更正）',
      idType: resident.idType,
      sex: resident.sex,
      tags: resident.tags,
      personType: resident.personType,
      relation: resident.relation,
      notes: resident.notes
    })
    const refusal = await edit.renameAndSave('曾晓明')
    expect(refusal).toContain('刚被别人（另一台电脑或平板）修改过')
    await app.screenshot('lan-stale-write')
    await edit.reload()
    // The form now shows the other PC's version (the typed 曾晓明 was given up, as the dialog said).
    await expect.poll(() => edit.nameField().inputValue()).toBe('曾小明（更正）')
  })
})
