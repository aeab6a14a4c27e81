import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HomePage } from './pages/home.page'
import { ShellPage } from './pages/shell.page'
import { startApp } from './support/app'
import type { RunningApp } from './support/app'

describe('首页 on a new data directory', () => {
  let app: RunningApp
  let shell: ShellPage
  let home: HomePage

  beforeAll(async () => {
    app = await startApp()
    shell = new ShellPage(app.page)
    home = new HomePage(app.page)
    await shell.openAndSetUp(app.url)
    await home.waitForLoaded()
  })

  afterAll(async () => {
    // A clean SIGTERM shutdown exits with 0.
    if (app) expect(await app.stop()).toBe(0)
  })

  it('shows the record count of each table', async () => {
    const counts = await home.readTableCounts()
    const info = await app.apiData('system.info', {})
    expect(counts.get('数据结构版本')).toBe(info.schemaVersion)
    // 首次设置 wrote the community name, the administrator and one audit row.
    expect(counts.get('操作日志')).toBe(1)
    expect(counts.get('设置项')).toBe(1)
    expect(counts.get('账号')).toBe(1)
    expect(counts.get('居民')).toBe(0)
  })

  it('shows the database facts', async () => {
    await expect.poll(() => home.dbInfo.textContent()).toContain(app.dataDir)
    expect(await home.readJournalRecords()).toBe(1)
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
    await home.refresh()
    expect((await home.readTableCounts()).get('账号')).toBe(1)
  })

  it('looks right and logs no errors', async () => {
    await app.screenshot('home')
    expect(app.consoleErrors).toEqual([])
  })
})
