import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { computeCheckChar } from '../../shared/domain/id-card'
import { E2E_ADMIN } from './pages/auth.page'
import { GatePage } from './pages/gate.page'
import { LoginPage } from './pages/login.page'
import { MonitoringPage } from './pages/returnees-monitoring.page'
import { ShellPage } from './pages/shell.page'
import { startApp } from './support/app'
import type { RunningApp } from './support/app'

/**
 * Issue 17 and 16 at the gate, typed key by key at 1366×768: every category and every disposition
 * (the chosen one is the highlighted one, read back before Enter), a 更正, and fevers of residents
 * under observation reaching 健康监测 (送医 closing the observation as 转送医院 when confirmed).
 */
describe('the gate by keyboard: categories, dispositions, 更正, fevers in 健康监测', () => {
  let app: RunningApp
  let gate: GatePage
  let checkpointId = 0

  beforeAll(async () => {
    app = await startApp()
    const shell = new ShellPage(app.page)
    await shell.openAndSetUp(app.url)
    checkpointId = (await app.apiData('checkpoints.create', { name: '东门', place: '', kind: 'both', hours: '24小时' })).id
    const household = await app.apiData('households.create', {
      address: { compound: '幸福里小区', building: '3栋', unit: '2单元', room: '301' },
      tenure: 'owned',
      notes: ''
    })
    for (const [name, first17, phone] of [
      ['曾小明', '11010119800101123', '13812345678'],
      ['单田芳', '11010119750505234', '13900002222']
    ] as const) {
      const resident = await app.apiData('residents.create', {
        name,
        idType: 'mainland',
        idNumber: first17 + computeCheckChar(first17),
        sex: null,
        birthDate: null,
        phones: [phone],
        tags: [],
        personType: 'registered',
        relation: null,
        notes: '',
        householdId: household.id
      })
      await app.apiData('monitoring.start', { residentId: resident.id, tripId: null, kind: 'home_observation' })
    }
    await app.apiData('accounts.create', { username: 'gate1', displayName: '李值守', role: 'gate', password: 'Gate#2026ab' })
    await shell.logout()
    await new LoginPage(app.page).firstLogin('gate1', 'Gate#2026ab', 'Li#2026gate')
    gate = new GatePage(app.page)
    await gate.root.waitFor()
    await gate.chooseCheckpoint('东门')
  })

  afterAll(async () => {
    if (app) expect(await app.stop()).toBe(0)
  })

  const saved = async () =>
    (await app.apiData('gate.recent', { checkpointId })).map((e) => [e.direction, e.who, e.name, e.plate, e.temperature, e.action].join(' '))

  it('saves each category with the disposition that was highlighted', async () => {
    // A resident, 放行: found by initials, ↓ Enter, temperature, Enter.
    expect(await gate.focusedTestId()).toBe('gate-lookup')
    await gate.type('zxm')
    await app.page.locator('.el-autocomplete-suggestion li').first().waitFor()
    await gate.press('ArrowDown', 'Enter')
    await gate.waitForFocus('gate-temperature')
    await gate.type('365')
    expect(await gate.readBack('进 · 居民 曾小明 · 36.5℃ · 放行')).toContain('进 · 居民 曾小明 · 36.5℃ · 放行')
    await gate.press('Enter')
    await gate.waitForRecentCount(1)

    // A visitor with a fever (the case): Tab into 处置 selects nothing; → once is 劝返, the first allowed.
    await gate.press('Shift+Tab')
    expect(await gate.focusedTestId()).toBe('gate-who')
    await gate.press('ArrowRight')
    expect(await gate.focusedTestId()).toBe('gate-who') // ← → keep the focus in the choice
    expect(await app.page.getByTestId('gate-order').textContent()).toContain('姓名 → 电话 → 事由 → 体温 → 处置')
    await gate.press('Tab')
    await gate.type('访客乙')
    await gate.press('Tab', 'Tab')
    await gate.type('送药')
    await gate.press('Tab')
    await gate.type('380')
    await gate.press('Tab')
    expect(await gate.focusedTestId()).toBe('gate-action')
    expect(await gate.chosen('gate-action')).toBe('')
    await gate.press('ArrowRight')
    expect(await gate.chosen('gate-action')).toBe('turn_back')
    expect(await gate.readBack('访客 访客乙 · 38.0℃ · 劝返')).toContain('访客 访客乙 · 38.0℃ · 劝返')
    await app.screenshot('gate-keyboard-turn-back')
    await gate.press('Enter')
    await gate.waitForRecentCount(2)

    // A vehicle going out, 留观: direction ← →, category by its digit, 车牌 first in its fixed order, 处置 by its digit.
    expect(await gate.focusedTestId()).toBe('gate-name')
    await gate.press('Shift+Tab', 'Shift+Tab')
    expect(await gate.focusedTestId()).toBe('gate-direction')
    await gate.press('ArrowRight', 'Tab', '3')
    expect(await gate.chosen('gate-who')).toBe('vehicle')
    await gate.press('Tab')
    expect(await gate.focusedTestId()).toBe('gate-plate')
    await gate.type('京A12345')
    await gate.press('Tab')
    await gate.type('司机丙')
    await gate.press('Tab', 'Tab')
    await gate.type('送货')
    await gate.press('Tab')
    await gate.type('37.6')
    await gate.press('Tab', '3')
    expect(await gate.readBack('出 · 车辆 司机丙 · 37.6℃ · 留观')).toContain('出 · 车辆 司机丙 · 37.6℃ · 留观')
    await gate.press('Enter')
    await gate.waitForRecentCount(3)

    // 快递外卖, 送医: → three times from nothing chosen: 劝返, 留观, 送医.
    expect(await gate.focusedTestId()).toBe('gate-plate')
    await gate.press('Shift+Tab', 'ArrowRight', 'Tab')
    expect(await gate.focusedTestId()).toBe('gate-name')
    await gate.type('外卖丁')
    await gate.press('Tab', 'Tab', 'Tab')
    expect(await gate.focusedTestId()).toBe('gate-reason')
    await gate.type('送外卖')
    await gate.press('Tab')
    await gate.type('391')
    await gate.press('Tab', 'ArrowRight', 'ArrowRight', 'ArrowRight')
    expect(await gate.readBack('出 · 快递外卖 外卖丁 · 39.1℃ · 送医')).toContain('出 · 快递外卖 外卖丁 · 39.1℃ · 送医')
    await gate.press('Enter')
    await gate.waitForRecentCount(4)

    expect(await saved()).toEqual([
      'out delivery 外卖丁  39.1 hospital',
      'out vehicle 司机丙 京A12345 37.6 observe',
      'in visitor 访客乙  38 turn_back',
      'in resident 曾小明  36.5 pass'
    ])
  })

  it('corrects a wrong entry the same day, marked 已更正', async () => {
    await gate.correct(0, { temperature: '38.6', note: '体温看错了' })
    const [fixed] = await app.apiData('gate.recent', { checkpointId })
    expect(fixed).toMatchObject({ name: '外卖丁', temperature: 38.6, action: 'hospital', corrected: true })
    expect(fixed?.correction).toBe('已更正：体温 39.1℃ → 38.6℃；原因：体温看错了（李值守（gate1））')
    await gate.recent.locator('.el-tag', { hasText: '已更正' }).first().waitFor()
    await app.screenshot('gate-corrected')
  })

  it('sends a resident under observation with a fever to 健康监测, and 送医 closes the observation when confirmed', async () => {
    // 单田芳, 38.5 ℃, 留观: Enter on the temperature moves to 处置, 3 chooses 留观.
    await gate.page.locator('input[data-testid="gate-name"]').press('Shift+Tab')
    await gate.press('1', 'Tab')
    await gate.type('2222')
    await app.page.locator('.el-autocomplete-suggestion li').filter({ hasText: '单田芳' }).waitFor()
    await gate.press('ArrowDown', 'Enter')
    await gate.waitForFocus('gate-temperature')
    await gate.type('38.5')
    await gate.press('Enter')
    expect(await gate.focusedTestId()).toBe('gate-action')
    await gate.press('3', 'Enter')
    await gate.waitForRecentCount(5)

    // 曾小明, 38.8 ℃, 送医: the gate is asked whether to close the observation as 转送医院.
    expect(await gate.focusedTestId()).toBe('gate-lookup')
    await gate.type('zxm')
    await app.page.locator('.el-autocomplete-suggestion li').first().waitFor()
    await gate.press('ArrowDown', 'Enter')
    await gate.waitForFocus('gate-temperature')
    await gate.type('388')
    await gate.press('Enter', '4', 'Enter')
    const offer = app.page.locator('.el-message-box')
    await offer.filter({ hasText: '曾小明 正在居家观察中' }).waitFor()
    await app.screenshot('gate-hospital-offer')
    await offer.getByRole('button', { name: '标记为转送医院' }).click()
    await app.page.locator('.el-message', { hasText: '已标记为转送医院' }).waitFor()

    await new ShellPage(app.page).logout()
    await new LoginPage(app.page).submit(E2E_ADMIN.username, E2E_ADMIN.password)
    await new ShellPage(app.page).navigate('健康监测')
    const monitoring = new MonitoringPage(app.page)
    await monitoring.waitFor()
    expect(await monitoring.worklistRow('abnormal', '单田芳')).toContain('单田芳')
    const fevers = app.page.getByTestId('gate-fevers')
    await fevers.locator('.el-table__body tr', { hasText: '曾小明' }).waitFor()
    const text = await fevers.innerText()
    expect(text).toContain('38.5℃')
    expect(text).toContain('38.8℃')
    expect(text).toContain('已记入当天体温（异常）')
    expect(await app.page.getByTestId('monitoring-gate-fevers').innerText()).toContain('卡口体温异常 5 人次')
    await app.screenshot('monitoring-gate-fevers')
    expect((await app.apiData('monitoring.today', {})).report).toMatchObject({ hospital: 1, gateFevers: 5, gateHospital: 2 })
  })
})
