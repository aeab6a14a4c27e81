import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HomePage } from './pages/home.page'
import { SettingsPage } from './pages/settings.page'
import { ShellPage } from './pages/shell.page'
import { startApp } from './support/app'
import type { RunningApp } from './support/app'

describe('首页 on a new data directory', () => {
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
    // A clean SIGTERM shutdown exits with 0.
    if (app) expect(await app.stop()).toBe(0)
  })

  it('keeps the developer panels off 首页: they live in 设置 → 关于本机数据', async () => {
    expect(await home.root.getByText('数据目录').count()).toBe(0)
    expect(await home.root.getByText('待合并日志').count()).toBe(0)
    expect(await home.root.getByText('数据结构版本').count()).toBe(0)
  })

  it('shows the record count of each table in 设置 → 关于本机数据', async () => {
    await shell.navigate('设置')
    await settings.waitForAbout()
    const counts = await settings.readTableCounts()
    const info = await app.apiData('system.info', {})
    expect(counts.get('数据结构版本')).toBe(info.schemaVersion)
    // 首次设置 wrote the community name, the administrator and one audit row (and the audit chain's key).
    expect(counts.get('操作日志')).toBe(1)
    expect(counts.get('设置项')).toBe(2)
    expect(counts.get('账号')).toBe(1)
    expect(counts.get('居民')).toBe(0)
  })

  it('shows the database facts there', async () => {
    await expect.poll(() => settings.dataDir.textContent()).toBe(app.dataDir)
    // 首次设置 ends by sealing the data (encryption at rest): a snapshot, so the journal is empty.
    expect(await settings.readJournalRecords()).toBe(0)
    // 关于本机数据 sits below the office details: scrolled to, as a clerk would.
    await settings.about.scrollIntoViewIfNeeded()
    await app.screenshot('settings-about-data')
    await shell.navigate('首页')
    await home.waitForLoaded()
  })

  it('titles the page with the community named at setup', async () => {
    expect(await home.readTitle()).toBe('幸福里社区居民委员会')
    expect(await shell.brandSub.textContent()).toBe('幸福里社区居民委员会')
    expect(await home.setupHint.count()).toBe(0)
    expect(await home.errorAlert.count()).toBe(0)
  })

  it('takes the token out of the address bar and keeps it for this tab', async () => {
    const search = await app.page.evaluate('location.search')
    expect(search).not.toContain('t=')
    expect(app.page.url()).not.toContain(app.token)
    expect(await app.page.evaluate("sessionStorage.getItem('shouwang.token')")).toBe(app.token)
  })

  it('refreshes the counts on 刷新', async () => {
    await shell.navigate('设置')
    await settings.waitForAbout()
    await settings.refreshAbout()
    expect((await settings.readTableCounts()).get('账号')).toBe(1)
    await shell.navigate('首页')
    await home.waitForLoaded()
  })

  it('looks right and logs no errors', async () => {
    await app.screenshot('home')
    expect(app.consoleErrors).toEqual([])
  })
})
