import { execFileSync } from 'node:child_process'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CarePage } from './pages/care.page'
import { HelpPage } from './pages/help.page'
import { ShellPage } from './pages/shell.page'
import { REPO_ROOT, startApp } from './support/app'
import type { RunningApp } from './support/app'

/**
 * 重点人群关爱 at the desk: the clerk gives an old lady living alone a daily call plan, then works
 * the day's list by keyboard: 1 for a neighbour who is fine, 2 for the old lady who needs her pills,
 * which becomes a request on the 求助台账. The grid worker's 关爱联系单 is printed for tomorrow's round.
 */
describe('重点人群关爱: a care worklist day where a 需要帮助 contact becomes a request', () => {
  let app: RunningApp
  let shell: ShellPage
  let care: CarePage
  let workerId = 0
  let homeId = 0

  beforeAll(async () => {
    // A Tuesday morning at the office (10:00 in Shanghai).
    app = await startApp({ now: '2026-02-03T02:00:00Z' })
    await app.page.setViewportSize({ width: 1366, height: 768 })
    shell = new ShellPage(app.page)
    await shell.openAndSetUp(app.url)
    const grid = await app.apiData('grids.create', { name: '第一网格', notes: '', leader: null, workers: [] })
    await app.apiData('grids.assignBuildings', { gridId: grid.id, buildings: [{ compound: '幸福里小区', building: '3栋' }] })
    const home = (room: string) =>
      app.apiData('households.create', { address: { compound: '幸福里小区', building: '3栋', unit: '2单元', room }, tenure: 'owned', notes: '' })
    const person = (name: string, idNumber: string, phone: string, tags: ('alone_elderly' | 'chronic')[], householdId: number) =>
      app.apiData('residents.create', {
        name,
        idType: 'mainland',
        idNumber,
        sex: 'F',
        birthDate: null,
        phones: [phone],
        tags,
        personType: 'registered',
        relation: 'head',
        notes: '',
        householdId
      })
    await person('刘秀英', '110101194001011242', '13812345678', ['alone_elderly'], (await home('301')).id)
    const zhou = await person('周桂兰', '110101195001011220', '13900001111', ['chronic'], (await home('101')).id)
    const worker = await app.apiData('accounts.create', {
      username: 'wgy1',
      displayName: '网格员小李',
      role: 'grid_worker',
      password: 'Role#2026abc',
      gridIds: [grid.id]
    })
    await app.apiData('care.create', {
      residentId: zhou.id,
      frequency: 'alternate_call',
      anchorDay: '2026-02-03',
      accountId: worker.id,
      volunteerId: null,
      notes: ''
    })
    workerId = worker.id
    homeId = (await home('502')).id
    care = new CarePage(app.page)
  }, 120_000)

  afterAll(async () => {
    if (app) expect(await app.stop()).toBe(0)
  })

  it('gives the old lady a daily call plan from 新建关爱计划, found by a few characters of her name', async () => {
    await shell.navigate('重点人群关爱')
    await care.newPlan('刘秀', '刘秀英', '每日电话', '网格员小李')
    await expect.poll(() => care.listLabels()).toEqual(['待联系 2', '已联系 0', '昨日未联系 0'])
    await expect.poll(async () => (await care.rows()).length).toBe(2)
    const rows = await care.rows()
    expect(rows[0]).toContain('周桂兰')
    expect(rows[0]).toContain('139****1111')
    expect(rows[1]).toContain('刘秀英 独居老人')
    await app.screenshot('care-worklist')
  })

  it('works the list by keyboard: 1 logs 情况正常, 2 opens 需要帮助; Enter in the note does not save', async () => {
    await care.focusTable()
    await care.press('1')
    await app.page.locator('.el-message--success', { hasText: '周桂兰：情况正常' }).waitFor()
    await app.page.getByTestId('care-row-周桂兰').waitFor({ state: 'detached' })
    await care.press('2')
    await care.fillNeed('药品代购/代配', '降压药吃完了，请帮忙去社区医院代配')
    await care.press('Enter')
    expect(await care.contactForm().isVisible()).toBe(true)
    await app.screenshot('care-contact-dialog')
    // Saved with the button: page.clock.setFixedTime freezes Date.now, and Vue then drops a parent's
    // listener (the form's Ctrl+Enter) for an event a child's listener saw first at the "same" time.
    await app.page.getByTestId('care-contact-save').click()
    await app.page.locator('.el-message--success', { hasText: '转为居民求助' }).waitFor()
    // The counts come with the list's reload after the save: wait for them.
    await expect.poll(() => care.listLabels()).toEqual(['待联系 0', '已联系 2', '昨日未联系 0'])
    await care.list('已联系')
    // The list loads after the switch: wait for both of the day's contacts.
    await expect.poll(async () => (await care.rows()).filter((r) => r.includes('刘秀英') || r.includes('周桂兰')).length).toBe(2)
    const done = await care.rows()
    expect(done.find((r) => r.includes('刘秀英'))).toContain('需要帮助')
    expect(done.find((r) => r.includes('刘秀英'))).toContain('降压药吃完了')
    expect(done.find((r) => r.includes('周桂兰'))).toContain('情况正常')
    await app.screenshot('care-done')
  })

  it('the request is on the 求助台账: her name, the pills, 待分配', async () => {
    await shell.navigate('居民求助')
    const help = new HelpPage(app.page)
    await help.root.getByTestId('help-table').locator('tbody tr').first().waitFor()
    const rows = await help.rowTexts()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toContain('刘秀英')
    expect(rows[0]).toContain('药品代购/代配')
    expect(rows[0]).toContain('降压药吃完了')
    expect(rows[0]).toContain('待分配')
  })

  it('prints the grid worker’s 关爱联系单 for the next day: whole phones for the clerk (audited), the last contact', async () => {
    await shell.navigate('重点人群关爱')
    await care.openPrint()
    await care.printDay('2026-02-04')
    await app.page.getByText('联系日期：2026-02-04').waitFor()
    const sheets = await care.sheets()
    expect(sheets).toHaveLength(1)
    expect(sheets[0]?.meta).toContain('负责人：网格员小李')
    // Only the daily plan is due on the 4th (周桂兰 is every two days, from the 3rd).
    expect(sheets[0]?.rows.map((r) => r.slice(0, 3))).toEqual([['1', '刘秀英 独居老人', '13812345678']])
    expect(sheets[0]?.rows[0]?.[5]).toContain('02-03 需要帮助')
    expect(await app.page.getByTestId('care-print-phones').innerText()).toContain('已记入操作日志')
    await app.screenshot('care-print')
    const dir = path.join(REPO_ROOT, 'test-results/e2e')
    await mkdir(dir, { recursive: true })
    await app.page.emulateMedia({ media: 'print' })
    const pdfPath = path.join(dir, 'care-list.pdf')
    const pdf = await app.page.pdf({ path: pdfPath, format: 'A4', preferCSSPageSize: true })
    await app.page.emulateMedia({ media: 'screen' })
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF')
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString()
    expect(text).toContain('重点人群关爱联系单')
    expect(text).toContain('13812345678')
    expect(text).not.toContain('妥善保管')
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdfPath, path.join(dir, 'care-list')])
  })

  it('首页 关爱待跟进: today’s 异常 in red, beside 紧急求助待办', async () => {
    const sun = await app.apiData('residents.create', {
      name: '孙玉珍',
      idType: 'mainland',
      idNumber: '110101193801011246',
      sex: 'F',
      birthDate: null,
      phones: ['13700002222'],
      tags: ['alone_elderly'],
      personType: 'registered',
      relation: 'head',
      notes: '',
      householdId: homeId
    })
    const p = await app.apiData('care.create', {
      residentId: sun.id,
      frequency: 'daily_call',
      anchorDay: '2026-02-03',
      accountId: workerId,
      volunteerId: null,
      notes: ''
    })
    await app.apiData('care.contact', {
      planId: p.id,
      day: '2026-02-03',
      method: 'visit',
      outcome: 'abnormal',
      note: '敲门没人应，邻居说两天没见到',
      helpType: null,
      urgency: null
    })
    await app.page.getByRole('button', { name: '返回' }).click()
    await shell.navigate('首页')
    const card = app.page.getByTestId('home-care-alerts')
    await card.waitFor()
    const rows = (await card.getByTestId('home-care-abnormal').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())
    expect(rows).toHaveLength(1)
    expect(rows[0]).toContain('孙玉珍')
    expect(rows[0]).toContain('敲门没人应')
    await app.screenshot('care-home')
  })

  it('a plan made from the person’s own page: weekly visits on that weekday, by the grid worker', async () => {
    const qian = await app.apiData('residents.create', {
      name: '钱慧芳',
      idType: 'mainland',
      idNumber: '110101195501011227',
      sex: 'F',
      birthDate: null,
      phones: ['13700003333'],
      tags: ['disabled'],
      personType: 'registered',
      relation: 'spouse',
      notes: '',
      householdId: homeId
    })
    await app.page.goto(`${app.origin}/#/residents/${qian.id}`)
    await app.page.getByTestId('resident-care').waitFor()
    const line = await care.planOnResidentPage('每周上门', '网格员小李')
    expect(line).toContain('每周上门，负责人 网格员小李，自 2026-02-03 起')
    await app.screenshot('care-resident')
  })
})
