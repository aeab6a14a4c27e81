import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ALL_AVAILABLE } from '../../shared/domain/roster-rules'
import { AttendancePanel, RosterPage } from './pages/roster.page'
import { ShellPage } from './pages/shell.page'
import { startApp } from './support/app'
import type { RunningApp } from './support/app'

/**
 * The roster on a Saturday (the clock fixed at 2026-12-05, a Saturday in UTC and in Shanghai):
 * auto-fill leaves Monday to Friday alone, a 签到 put in by mistake is undone, and an Enter in
 * the conflict box cancels instead of placing against the rules.
 */
describe('roster on a Saturday: past days, undo, the conflict box', () => {
  let app: RunningApp
  let shell: ShellPage
  let roster: RosterPage
  let attend: AttendancePanel

  beforeAll(async () => {
    app = await startApp({ now: '2026-12-05T03:00:00Z' })
    await app.page.setViewportSize({ width: 1366, height: 768 })
    shell = new ShellPage(app.page)
    await shell.openAndSetUp(app.url)
    const east = await app.apiData('checkpoints.create', { name: '东门', place: '幸福路 1 号', kind: 'both', hours: '06:00-22:00' })
    await app.apiData('shifts.create', { checkpointId: east.id, name: '早班', start: '07:00', end: '15:00', minStaff: 1, leadRequired: false })
    await app.apiData('shifts.create', { checkpointId: east.id, name: '夜班', start: '23:00', end: '07:00', minStaff: 1, leadRequired: false })
    const volunteer = (name: string, phone: string, availability = ALL_AVAILABLE) =>
      app.apiData('volunteers.create', {
        residentId: null,
        name,
        phone,
        sex: null,
        kind: 'resident',
        politics: 'masses',
        skills: [],
        building: '',
        gridId: null,
        availability,
        canLead: false,
        status: 'active',
        startDate: null,
        notes: ''
      })
    for (let i = 1; i <= 4; i++) await volunteer(`队员${i}`, `1390000000${i}`)
    // Never free: every placement of 老周 breaks the availability rule.
    await volunteer('老周', '13900000009', '0'.repeat(21))
    roster = new RosterPage(app.page)
    attend = new AttendancePanel(app.page)
    await shell.navigate('排班')
    await roster.cell('东门', '夜班', 6).waitFor()
  })

  afterAll(async () => {
    if (app) expect(await app.stop()).toBe(0)
  })

  it('warns that 夜班 runs outside 东门 opening hours', async () => {
    await expect.poll(() => app.page.getByTestId('shift-warning-东门-夜班').innerText()).toContain('超出开放时间')
    expect(await app.page.getByTestId('shift-warning-东门-早班').count()).toBe(0)
  })

  it('auto-fills on Saturday without touching Monday to Friday', async () => {
    await roster.root.getByTestId('roster-autofill').click()
    const ask = app.page.getByTestId('autofill-ask')
    await expect.poll(() => ask.innerText()).toContain('本周一至周五已经过去')
    await app.screenshot('roster-autofill-ask')
    await ask.getByTestId('autofill-run').click()
    const report = app.page.getByTestId('autofill-added')
    await report.waitFor()
    expect(await report.innerText()).toMatch(/新排 [34] 人次/)
    expect(await app.page.getByTestId('autofill-skipped').innerText()).toMatch(/已开始或已过去的 1[01] 个班次没有排/)
    await app.screenshot('roster-autofill-saturday')
    await roster.closeDialog()
    for (let day = 0; day < 5; day++) {
      expect(await roster.cell('东门', '早班', day).innerText()).toContain('缺 1 人')
      expect(await roster.cell('东门', '夜班', day).innerText()).toContain('缺 1 人')
    }
    expect(await roster.cell('东门', '早班', 6).innerText()).toMatch(/队员\d/)
    expect(await roster.cell('东门', '夜班', 6).innerText()).toMatch(/队员\d/)
    expect(await roster.cell('东门', '夜班', 5).innerText()).toMatch(/队员\d/)
  })

  it('an Enter in the conflict box cancels: the rule-breaking person is not placed', async () => {
    const dialog = await roster.openCell('东门', '早班', 0)
    await roster.typeAndPick(dialog, '老周')
    const box = roster.conflictBox()
    await expect.poll(() => box.innerText()).toContain('老周 东门 周一 早班 不在其可值班时间内（周一上午、周一下午未登记可值班）')
    await expect.poll(() => app.page.evaluate('document.activeElement?.textContent?.trim()')).toBe('取消')
    await app.screenshot('roster-conflict-box')
    await app.page.keyboard.press('Enter')
    await box.waitFor({ state: 'hidden' })
    expect(await dialog.getByTestId('placed-老周').count()).toBe(0)
    // The same person, placed on purpose: the red button does it.
    await roster.typeAndPick(dialog, '队员1')
    await dialog.getByTestId('placed-队员1').waitFor()
    await roster.closeDialog()
  })

  it('undoes a 签到 typed by mistake, and offers no 签到 for tomorrow', async () => {
    await attend.chooseDay('周一')
    await attend.checkIn('队员1', '07:05')
    await expect.poll(() => attend.status('队员1')).toBe('签到 07:05，在岗')
    await app.screenshot('roster-signed-in')
    const asked = await attend.undo('队员1')
    expect(asked).toContain('撤销 队员1 的签到 07:05？')
    await expect.poll(() => attend.status('队员1')).toBe('未签到')
    await attend.chooseDay('周日')
    const sunday = (await app.page.getByTestId('attend-table').locator('tbody tr').first().innerText()).match(/队员\d/)?.[0] ?? ''
    expect(sunday).not.toBe('')
    expect(await attend.button('in', sunday).isDisabled()).toBe(true)
    await app.screenshot('roster-attend-sunday')
    const log = await app.apiData('audit.list', { action: 'roster.undoAttend', page: 1, pageSize: 20 })
    expect(JSON.stringify(log)).toContain('撤销签到 队员1（2026-11-30 早班，签到 07:05）')
  })
})
