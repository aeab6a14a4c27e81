import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RosterPage } from './pages/roster.page'
import { ShellPage } from './pages/shell.page'
import { VolunteersPage } from './pages/volunteers.page'
import { REPO_ROOT, startApp } from './support/app'
import type { RunningApp } from './support/app'

/** A clerk sets up two checkpoints' shifts, auto-fills a week, fixes a clash by hand and prints it. */
describe('weekly roster (排班)', () => {
  let app: RunningApp
  let shell: ShellPage
  let roster: RosterPage

  beforeAll(async () => {
    // A Monday (in UTC and in Shanghai): the whole week is still to come, so auto-fill fills it all.
    app = await startApp({ now: '2026-11-30T05:00:00Z' })
    shell = new ShellPage(app.page)
    await shell.openAndSetUp(app.url)
    await app.apiData('checkpoints.create', { name: '东门', place: '幸福路 1 号', kind: 'both', hours: '24小时' })
    const west = await app.apiData('checkpoints.create', { name: '西门', place: '幸福路 9 号', kind: 'pedestrian', hours: '06:00-22:00' })
    await app.apiData('shifts.create', { checkpointId: west.id, name: '早班', start: '07:00', end: '15:00', minStaff: 1, leadRequired: false })
    await app.apiData('roster.saveSettings', { weeklyHourCap: 48, minRestHours: 8, dutyOfficer: '王主任', dutyPhone: '0371-65551234' })
    for (let i = 1; i <= 8; i++) {
      await app.apiData('volunteers.create', {
        residentId: null,
        name: `队员${i}`,
        phone: `1390000000${i}`,
        sex: null,
        kind: 'resident',
        politics: 'masses',
        skills: [],
        building: '',
        gridId: null,
        availability: '1'.repeat(21),
        canLead: i <= 3,
        status: 'active',
        startDate: null,
        notes: ''
      })
    }
    roster = new RosterPage(app.page)
  })

  afterAll(async () => {
    if (app) expect(await app.stop()).toBe(0)
  })

  it('registers a volunteer from the list page, with the phone masked', async () => {
    await shell.navigate('志愿者')
    const volunteers = new VolunteersPage(app.page)
    await volunteers.register('刘干部', '13612345678', '下沉干部', true)
    const rows = await volunteers.rowTexts()
    expect(rows.some((r) => r.includes('刘干部') && r.includes('136****5678') && r.includes('下沉干部'))).toBe(true)
    await app.screenshot('volunteers-list')
  })

  it('adds 东门 shifts, one across midnight, in the shift settings', async () => {
    await shell.navigate('排班')
    await roster.openShifts()
    await roster.addShift('东门', '早班', '07:00', '15:00', 1, false)
    await roster.addShift('东门', '夜班', '23:00', '07:00', 2, true)
    await expect.poll(() => app.page.getByTestId('shifts-table').innerText()).toContain('23:00-07:00（次日）')
    await app.screenshot('roster-shifts')
    await roster.closeDialog()
    await roster.cell('东门', '夜班', 6).waitFor()
  })

  it('shows a clash the clerk places on purpose, auto-fills around it, then fixes it by hand', async () => {
    // 队员4 on both gates' Monday 早班: the picker warns, the clerk confirms, the cells turn red.
    let dialog = await roster.openCell('东门', '早班', 0)
    await roster.pick(dialog, '队员4')
    await roster.closeDialog()
    dialog = await roster.openCell('西门', '早班', 0)
    await roster.pick(dialog, '队员4', true)
    await roster.closeDialog()
    expect(await roster.isConflict('西门', '早班', 0)).toBe(true)
    expect(await roster.isConflict('东门', '早班', 0)).toBe(true)

    const added = await roster.autoFill()
    expect(added).toMatch(/新排 \d+ 人次/)
    await app.screenshot('roster-autofill-report')
    await roster.closeDialog()
    await app.screenshot('roster-week')

    dialog = await roster.openCell('西门', '早班', 0)
    await expect.poll(() => dialog.innerText()).toContain('队员4 同一时间排了两个班')
    await dialog.getByTestId('remove-队员4').click()
    await dialog.getByTestId('placed-队员4').waitFor({ state: 'detached' })
    await roster.pickFirstFree(dialog)
    await roster.closeDialog()
    await expect.poll(() => roster.isConflict('西门', '早班', 0)).toBe(false)
    await expect.poll(() => roster.isConflict('东门', '早班', 0)).toBe(false)
  })

  it('prints the week: one A4 landscape page per checkpoint, names with whole phones (the administrator may see them, logged) and the duty line', async () => {
    const sheet = await roster.openPrint()
    await expect.poll(() => sheet.locator('section.paper').count()).toBe(2)
    await expect.poll(() => sheet.innerText()).toContain('值班负责人：王主任')
    const text = await sheet.innerText()
    expect(text).toContain('东门值班排班表')
    // Volunteers ring each other: a role that may reveal numbers prints them whole, and it is logged.
    expect(text).toMatch(/1390000000\d/)
    expect(text).not.toMatch(/139\*\*\*\*000\d/)
    expect(await app.page.getByTestId('print-phone-hint').innerText()).toContain('本次打印已记入操作日志')
    const log = await app.apiData('audit.list', { action: 'roster.print', page: 1, pageSize: 5 })
    expect(JSON.stringify(log)).toContain('打印值班排班表 2026-11-30 起一周（完整电话')
    await app.screenshot('roster-print')
    const file = path.join(REPO_ROOT, 'test-results/e2e/roster-week.pdf')
    await app.page.emulateMedia({ media: 'print' })
    const pdf = await app.page.pdf({ path: file, preferCSSPageSize: true })
    await app.page.emulateMedia({ media: 'screen' })
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []
    expect(pages.length).toBe(2)
    const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString('latin1'))
    expect(Number(box?.[1])).toBeGreaterThan(Number(box?.[2])) // landscape
    try {
      execFileSync('pdftoppm', ['-png', '-r', '60', file, file.replace(/\.pdf$/, '')])
    } catch {
      // pdftoppm is only for looking at the pages; its absence does not fail the flow.
    }
  })
})
