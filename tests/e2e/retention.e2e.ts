import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeId, resident } from '../unit/register/fixtures'
import { E2E_ADMIN } from './pages/auth.page'
import { HomePage } from './pages/home.page'
import { RetentionPage } from './pages/retention.page'
import { ShellPage } from './pages/shell.page'
import { startApp } from './support/app'
import type { RunningApp } from './support/app'

const COMPANION = '同行人孙七七'

describe('数据保留与清理: set a period, preview, purge with password and reason, print the certificate', () => {
  let app: RunningApp
  let shell: ShellPage
  let retention: RetentionPage

  beforeAll(async () => {
    app = await startApp({ now: '2026-12-05T03:00:00Z' })
    await app.page.setViewportSize({ width: 1366, height: 768 })
    shell = new ShellPage(app.page)
    retention = new RetentionPage(app.page)
    await shell.openAndSetUp(app.url)
    await new HomePage(app.page).waitForLoaded()
    // A returnee from July with a companion, observed for two weeks and released in July.
    const person = await app.apiData('residents.create', resident({ name: '返程人周八', idNumber: makeId('19750303', '159') }))
    const trip = await app.apiData('returnees.register', {
      residentId: person.id,
      origin: { province: '湖北省', city: '武汉市', district: '江岸区' },
      via: '',
      returnDate: '2026-07-01',
      transport: 'train',
      transportNo: 'G1234',
      companions: [{ residentId: null, name: COMPANION }],
      reason: '探亲',
      notes: '',
      episode: { kind: 'home_observation' }
    })
    await app.apiData('monitoring.setStatus', { episodeId: trip.episode?.id ?? 0, status: 'released', date: '2026-07-15', reason: '期满' })
  })

  afterAll(async () => {
    if (app) expect(await app.stop()).toBe(0)
  })

  it('the preview follows the periods: the released observation is due, the trip only once its period is shortened', async () => {
    await shell.navigate('设置')
    await retention.openFromSettings()
    expect(await retention.previewCount('已结束的居家观察记录')).toBe(1)
    expect(await retention.previewCount('返程登记')).toBe(0)
    await retention.setPeriod('trips', 100)
    expect(await retention.previewCount('返程登记')).toBe(1)
    expect(await retention.previewCount('同行人员')).toBe(1)
    await app.screenshot('retention-page')
  })

  it('a wrong password is refused in the dialog; the right one purges and opens the certificate', async () => {
    await retention.purge('按保留期限定期清理', 'wrong-password')
    expect(await retention.purgeError()).toContain('管理员密码不对')
    await app.screenshot('retention-purge-dialog')
    await retention.retypePassword(E2E_ADMIN.password)
    const text = await retention.certificateText()
    expect(text).toContain('到期清理证明')
    expect(text).toContain('按保留期限定期清理')
    expect(text).not.toContain('周八')
    expect(text).not.toContain(COMPANION)
    await app.screenshot('retention-certificate')
    const trips = await app.apiData('returnees.list', {})
    expect(trips.total).toBe(0)
    expect((await app.apiData('residents.list', {})).rows.map((r) => r.name)).toContain('返程人周八')
  })

  it('the 清理记录 lists the purge; nothing is due any more', async () => {
    await retention.backFromCertificate()
    const rows = await retention.history()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toContain('到期清理')
    expect(rows[0]).toContain('按保留期限定期清理')
    expect(await retention.previewTotal()).toContain('共 0 条')
    await app.screenshot('retention-history')
  })
})
