import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HomePage } from './pages/home.page'
import { SettingsPage } from './pages/settings.page'
import { ShellPage } from './pages/shell.page'
import { startApp } from './support/app'
import type { RunningApp } from './support/app'

const VALUES = {
  communityName: '幸福里社区居民委员会（东区）',
  streetName: '城关街道办事处',
  contactPhone: '0371-65551234',
  idleLockMinutes: 10
}

describe('设置: the office details', () => {
  let app: RunningApp
  let shell: ShellPage
  let home: HomePage
  let settings: SettingsPage

  beforeAll(async () => {
    app = await startApp()
    shell = new ShellPage(app.page)
    home = new HomePage(app.page)
    settings = new SettingsPage(app.page)
    await shell.openAndSetUp(app.url)
    await home.waitForLoaded()
  })

  afterAll(async () => {
    if (app) expect(await app.stop()).toBe(0)
  })

  it('saves the three fields from the settings page', async () => {
    await settings.openWith(() => shell.navigate('设置'))
    expect(app.page.url()).toContain('#/settings')
    await settings.fillAndSave(VALUES)
    await app.screenshot('settings')
  })

  it('shows the name on 首页 and counts one mutation as one audit row', async () => {
    await settings.waitForAbout()
    // The three saved fields, and the audit chain's key written at 首次设置.
    await expect.poll(() => settings.tableCount('设置项')).toBe(5)
    expect(await settings.tableCount('操作日志')).toBe(2) // 首次设置 + this save
    // The idle snapshot (after 30 s) would fold the journal; this runs well before that.
    expect(await settings.readJournalRecords()).toBeGreaterThanOrEqual(1)
    await shell.navigate('首页')
    await home.waitForLoaded()
    await expect.poll(() => home.readTitle()).toBe(VALUES.communityName)
    expect(await home.setupHint.count()).toBe(0)
    expect(((await shell.brandSub.textContent()) ?? '').trim()).toBe(VALUES.communityName)
  })

  it('stored what the form showed', async () => {
    expect(await app.apiData('settings.get', {})).toEqual(VALUES)
  })

  it('saves on the button or Ctrl+Enter, never on a stray Enter in a field', async () => {
    await settings.openWith(() => shell.navigate('设置'))
    let updates = 0
    const onRequest = (request: { url(): string }) => {
      if (request.url().endsWith('/api/settings.update')) updates++
    }
    app.page.on('request', onRequest)
    await settings.input('streetName').press('Enter')
    await app.page.waitForTimeout(300)
    expect(updates).toBe(0)
    await settings.input('streetName').press('Control+Enter')
    await settings.successMessage.first().waitFor()
    app.page.off('request', onRequest)
    expect(updates).toBe(1)
    expect(await app.apiData('settings.get', {})).toEqual(VALUES)
    // The next test reloads 首页.
    await shell.navigate('首页')
    await home.waitForLoaded()
  })

  it('keeps working, still logged in, after a reload (token and session from sessionStorage)', async () => {
    await app.page.reload()
    await home.waitForLoaded()
    expect(app.page.url()).not.toContain('t=')
    await expect.poll(() => home.readTitle()).toBe(VALUES.communityName)
    expect(await home.errorAlert.count()).toBe(0)
    await app.screenshot('settings-home')
  })

  it('stops the community name at 40 characters', async () => {
    await settings.openWith(() => shell.navigate('设置'))
    const name = settings.input('communityName')
    expect(await name.inputValue()).toBe(VALUES.communityName)
    await name.fill('')
    await name.pressSequentially('社'.repeat(41))
    expect(await name.inputValue()).toBe('社'.repeat(40))
  })

  it('shows the shared zod message when a longer name gets past the input', async () => {
    const name = settings.input('communityName')
    // maxlength binds typing only; a script (or paste in some IMEs) can still set more.
    await name.evaluate((input, value) => {
      input.value = value
      input.dispatchEvent(new Event('input', { bubbles: true }))
    }, '区'.repeat(41))
    await name.blur()
    await settings.fieldError('社区名称').waitFor()
    expect(await settings.fieldError('社区名称').textContent()).toContain('社区名称不能超过 40 个字')

    let updates = 0
    const onRequest = (request: { url(): string }) => {
      if (request.url().endsWith('/api/settings.update')) updates++
    }
    app.page.on('request', onRequest)
    await settings.saveButton.click()
    await app.page.waitForTimeout(300)
    app.page.off('request', onRequest)
    expect(updates).toBe(0)
    expect((await app.apiData('settings.get', {})).communityName).toBe(VALUES.communityName)
  })

  it('is refused by the backend with the same message', async () => {
    const { status, envelope } = await app.api('settings.update', { communityName: '区'.repeat(41) })
    expect(status).toBe(400)
    expect(envelope.ok).toBe(false)
    if (envelope.ok) return
    expect(envelope.error.code).toBe('BAD_ARGS')
    expect(JSON.stringify(envelope.error)).toContain('社区名称不能超过 40 个字')
  })

  it('logged no browser errors', () => {
    expect(app.consoleErrors).toEqual([])
  })
})
