import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { E2E_ADMIN } from './pages/auth.page'
import { AuthPage } from './pages/auth.page'
import { GateHelpPage } from './pages/gate-help.page'
import { GatePage } from './pages/gate.page'
import { HelpPage } from './pages/help.page'
import { LoginPage } from './pages/login.page'
import { ShellPage } from './pages/shell.page'
import { startApp } from './support/app'
import type { RunningApp } from './support/app'

/**
 * 卡口值守 meets a need at the gate: an old lady living alone asks the volunteer for her pills. F2 on
 * the gate screen, a few letters of her name, the type by its digit, what she needs, Enter; the
 * office finds it in 求助台账 as 卡口.
 */
describe('居民求助 at the gate: 登记求助 by keyboard, then on the office desk', () => {
  let app: RunningApp
  let shell: ShellPage
  let gate: GatePage
  let gateHelp: GateHelpPage

  beforeAll(async () => {
    app = await startApp({ now: '2026-02-03T02:00:00Z' })
    await app.page.setViewportSize({ width: 1366, height: 768 })
    shell = new ShellPage(app.page)
    await shell.openAndSetUp(app.url)
    await app.apiData('checkpoints.create', { name: '东门', place: '', kind: 'both', hours: '24小时' })
    const home = await app.apiData('households.create', {
      address: { compound: '幸福里小区', building: '3栋', unit: '2单元', room: '301' },
      tenure: 'owned',
      notes: ''
    })
    await app.apiData('residents.create', {
      name: '刘秀英',
      idType: 'mainland',
      idNumber: '110101194001011242',
      sex: 'F',
      birthDate: null,
      phones: ['13812345678'],
      tags: ['alone_elderly'],
      personType: 'registered',
      relation: 'head',
      notes: '',
      householdId: home.id
    })
    await app.apiData('accounts.create', { username: 'gate1', displayName: '李值守', role: 'gate', password: 'Gate#2026ab' })
    await shell.logout()
    await new LoginPage(app.page).firstLogin('gate1', 'Gate#2026ab', 'Li#2026gate')
    gate = new GatePage(app.page)
    await gate.root.waitFor()
    await gate.chooseCheckpoint('东门')
    gateHelp = new GateHelpPage(app.page)
  }, 120_000)

  afterAll(async () => {
    if (app) expect(await app.stop()).toBe(0)
  })

  it('opens with F2, refuses a request without content, and registers one typed key by key', async () => {
    await gateHelp.openButton.waitFor()
    await gateHelp.openByKey()
    await gateHelp.pickResident('lxy', '刘秀英')
    await gateHelp.typeAndContent('2', '')
    expect(await gateHelp.refusedByEnter()).toContain('求助内容')
    await app.page.keyboard.type('降压药吃完了，请帮忙代配硝苯地平一盒')
    expect(await gateHelp.readBack()).toBe('将登记：刘秀英（幸福里小区 3栋） · 药品代购/代配 · 降压药吃完了，请帮忙代配硝苯地平一盒')
    await app.screenshot('help-gate-dialog')
    await gateHelp.saveByEnter()
    // Back on the gate form, ready for the next person.
    await gateHelp.dialog.waitFor({ state: 'hidden' })
    expect(await gate.focusedTestId()).not.toMatch(/^gate-help/)
  })

  it('lands on the office desk as 卡口, 一般, 待分配', async () => {
    await shell.logout()
    await new AuthPage(app.page).login(E2E_ADMIN.username, E2E_ADMIN.password)
    await shell.navigate('居民求助')
    const help = new HelpPage(app.page)
    await help.root.getByTestId('help-table').locator('tbody tr').first().waitFor()
    const rows = await help.rowTexts()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toContain('刘秀英')
    expect(rows[0]).toContain('药品代购/代配')
    expect(rows[0]).toContain('待分配')
    const [request] = (await app.apiData('help.list', {})).rows
    expect(request).toMatchObject({ channel: 'gate', urgency: 'normal', type: 'medicine', status: 'open' })
  })
})
