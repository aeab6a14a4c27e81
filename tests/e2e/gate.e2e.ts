import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { computeCheckChar } from '../../shared/domain/id-card'
import { E2E_ADMIN } from './pages/auth.page'
import { GateDayPage } from './pages/gate-day.page'
import { GatePage } from './pages/gate.page'
import { LoginPage } from './pages/login.page'
import { ShellPage } from './pages/shell.page'
import { startApp } from './support/app'
import type { RunningApp } from './support/app'

/** A volunteer at the east gate registers five people with the keyboard alone; one has a fever. */
describe('gate registration (逢人必测) at the keyboard', () => {
  let app: RunningApp
  let gate: GatePage

  beforeAll(async () => {
    app = await startApp()
    const shell = new ShellPage(app.page)
    await shell.openAndSetUp(app.url)
    await app.apiData('checkpoints.create', { name: '东门', place: '幸福路 1 号', kind: 'both', hours: '24小时' })
    await app.apiData('checkpoints.create', { name: '西门', place: '幸福路 9 号', kind: 'pedestrian', hours: '06:00-22:00' })
    const household = await app.apiData('households.create', {
      address: { compound: '幸福里小区', building: '3栋', unit: '2单元', room: '301' },
      tenure: 'owned',
      notes: ''
    })
    for (const [name, first17, phone] of [
      ['曾小明', '11010119800101123', '13812345678'],
      ['单田芳', '11010119750505234', '13900002222']
    ] as const) {
      await app.apiData('residents.create', {
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
    }
    await app.apiData('accounts.create', { username: 'gate1', displayName: '李值守', role: 'gate', password: 'Gate#2026ab' })
    await shell.logout()
    await new LoginPage(app.page).firstLogin('gate1', 'Gate#2026ab', 'Li#2026gate')
    gate = new GatePage(app.page)
  })

  afterAll(async () => {
    if (app) expect(await app.stop()).toBe(0)
  })

  it('lands the gate volunteer on the gate screen and shows nothing else', async () => {
    await gate.root.waitFor()
    expect(await new ShellPage(app.page).menuTitles()).toEqual(['卡口登记'])
    await gate.chooseCheckpoint('东门')
    expect(await gate.focusedTestId()).toBe('gate-lookup')
    // Today's roster of this checkpoint is the one other thing the gate role sees.
    expect(await app.page.getByTestId('gate-duty').textContent()).toContain('今天本卡口还没有排班')
  })

  it('registers five entries without touching the mouse', async () => {
    // 1. A resident found by pinyin initials: type, ↓ to pick, Enter, temperature, Enter.
    await gate.type('zxm')
    await app.page.locator('.el-autocomplete-suggestion li').first().waitFor()
    await gate.press('ArrowDown', 'Enter')
    expect(await gate.focusedTestId()).toBe('gate-temperature')
    await gate.type('365')
    await gate.press('Enter')
    await gate.waitForRecentCount(1)

    // 2. A resident found by the last four digits of the phone.
    expect(await gate.focusedTestId()).toBe('gate-lookup')
    await gate.type('2222')
    await app.page.locator('.el-autocomplete-suggestion li').filter({ hasText: '单田芳' }).waitFor()
    await gate.press('ArrowDown', 'Enter')
    await gate.type('36.8')
    await gate.press('Enter')
    await gate.waitForRecentCount(2)

    // 3. A visitor with a fever: the screen turns red and 放行 is refused until an action is chosen.
    await app.page.locator('input[data-testid="gate-lookup"]').press('Shift+Tab') // to the 类别 choice
    await gate.press('ArrowRight') // 居民 -> 访客; the focus stays in the choice (issue 17)
    expect(await gate.focusedTestId()).toBe('gate-who')
    expect(await gate.chosen('gate-who')).toBe('visitor')
    await gate.press('Tab') // 访客: 姓名 → 电话 → 事由 → 体温 → 处置
    expect(await gate.focusedTestId()).toBe('gate-name')
    await gate.type('王访客')
    await gate.press('Tab')
    await gate.type('13700001111')
    await gate.press('Tab')
    await gate.type('看望 3栋301 父母')
    await gate.press('Tab')
    expect(await gate.focusedTestId()).toBe('gate-temperature')
    await gate.type('38.2')
    expect(await gate.isRed()).toBe(true)
    await gate.feverBanner.waitFor()
    expect(await gate.chosen('gate-action')).toBe('') // nothing is chosen for the volunteer
    await app.screenshot('gate-fever')
    await gate.press('Enter') // refused, and the focus goes to 处置
    await app.page.getByTestId('gate-error').filter({ hasText: '请先选择处置方式' }).waitFor()
    expect(await gate.focusedTestId()).toBe('gate-action')
    await gate.press('2') // 劝返
    expect(await gate.readBack('劝返')).toContain('劝返')
    await gate.press('Enter')
    await gate.waitForRecentCount(3)
    expect(await gate.isRed()).toBe(false)

    // 4. and 5. Two more visitors, normal temperatures, typed as tenths.
    for (const [name, temperature, count] of [
      ['快递小哥', '362', 4],
      ['赵访客', '36.6', 5]
    ] as const) {
      expect(await gate.focusedTestId()).toBe('gate-name')
      await gate.type(name)
      for (let i = 0; i < 3; i++) await gate.press('Tab')
      await gate.type(temperature)
      await gate.press('Enter')
      await gate.waitForRecentCount(count)
    }
    const rows = await gate.recentRows()
    expect(rows.map((row) => row[3])).toEqual(['赵访客', '快递小哥', '王访客', '单田芳', '曾小明'])
    expect(rows[2]?.[4]).toBe('38.2℃')
    expect(rows[2]?.[5]).toBe('劝返')
    await app.screenshot('gate-five')
  })

  it('puts the fever on the day view and the administrator’s home page', async () => {
    const day = await app.api('gate.day', { day: new Date().toISOString().slice(0, 10) })
    expect(day.status).toBe(403) // the gate role cannot read the day view
    await new ShellPage(app.page).logout()
    await new LoginPage(app.page).submit(E2E_ADMIN.username, E2E_ADMIN.password)
    const summary = await app.apiData('gate.day', { day: (await app.page.evaluate('new Date().toLocaleDateString("sv")')) as string })
    expect(summary.counts.total.in).toBe(5)
    expect(summary.counts.abnormal).toBe(1)
    await app.page.getByTestId('gate-today').filter({ hasText: '体温异常 1' }).waitFor()
    expect(app.consoleErrors.filter((line) => !/status of 4(01|03|22)/.test(line))).toEqual([])
  })

  it('exports the 出入登记表 with the times the day view shows, the fever in red', async () => {
    const dayView = new GateDayPage(app.page)
    await dayView.open()
    const onScreen = await dayView.times()
    const file = await dayView.exportDay()
    expect(file.name).toMatch(/^出入登记表-全部卡口-\d{8}\.xlsx$/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer)
    const sheet = workbook.getWorksheet('出入登记表')
    // Oldest first in the file; each 时间 cell reads as the clock on screen (the office's wall clock, not UTC).
    const pad = (n: number) => String(n).padStart(2, '0')
    const times = [5, 6, 7, 8, 9]
      .map((r) => sheet?.getCell(`A${r}`).value)
      .map((v) => (v instanceof Date ? `${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}` : String(v)))
    expect(times).toEqual([...onScreen].reverse())
    const fever = [5, 6, 7, 8, 9].find((r) => sheet?.getCell(`I${r}`).value === 38.2)
    expect(sheet?.getCell(`E${fever}`).font?.color?.argb).toBe('FFC00000')
  })
})
