import { execFileSync } from 'node:child_process'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { E2E_ADMIN } from './pages/auth.page'
import { AuthPage } from './pages/auth.page'
import { GateHelpPage, HelpTasksPage } from './pages/gate-help.page'
import { GatePage } from './pages/gate.page'
import { HelpPage } from './pages/help.page'
import { LoginPage } from './pages/login.page'
import { ShellPage } from './pages/shell.page'
import { REPO_ROOT, startApp } from './support/app'
import type { RunningApp } from './support/app'
import { EMPTY_HELP } from '../../shared/schemas/help'
import { EMPTY_VOLUNTEER } from '../../shared/schemas/volunteers'

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

  it('shows urgent open requests on 首页 (overdue or 影响健康), not the ordinary ones', async () => {
    await app.apiData('help.create', {
      ...EMPTY_HELP,
      callerName: '孙大爷',
      callerAddress: '幸福里小区 5栋 101',
      urgency: 'health',
      type: 'medical',
      content: '需要陪同去医院透析',
      wantedBy: '2026-02-03 01:00'
    })
    await shell.navigate('首页')
    const card = app.page.getByTestId('home-help-urgent')
    await card.waitFor()
    const rows = (await card.getByTestId('home-help-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())
    expect(rows).toHaveLength(1)
    expect(rows[0]).toContain('已超时')
    expect(rows[0]).toContain('孙大爷')
    expect(rows[0]).toContain('需要陪同去医院透析')
    await app.screenshot('help-home-urgent')
    await shell.navigate('居民求助')
  })

  it('prints the volunteer’s task list: address, the whole phone to ring (audited), what to bring', async () => {
    const v = await app.apiData('volunteers.create', { ...EMPTY_VOLUNTEER, phone: '', name: '陈医生', kind: 'medical', skills: ['医疗'] })
    const request = (await app.apiData('help.list', {})).rows.find((r) => r.name === '刘秀英')
    await app.apiData('help.act', { id: request?.id ?? 0, action: 'assign', volunteerId: v.id, note: '' })
    const tasks = new HelpTasksPage(app.page)
    await tasks.openFromDesk()
    const sheets = await tasks.sheets()
    expect(sheets).toHaveLength(1)
    expect(sheets[0]?.meta).toContain('志愿者：陈医生')
    expect(sheets[0]?.rows[0]?.slice(0, 4)).toEqual(['1', '刘秀英 独居老人', '13812345678', '幸福里小区 3栋 2单元 301'])
    expect(sheets[0]?.rows[0]?.[4]).toContain('降压药吃完了')
    expect(await tasks.phonesNote()).toContain('已记入操作日志')
    await app.screenshot('help-tasks')
    const dir = path.join(REPO_ROOT, 'test-results/e2e')
    await mkdir(dir, { recursive: true })
    await app.page.emulateMedia({ media: 'print' })
    const pdfPath = path.join(dir, 'help-tasks.pdf')
    const pdf = await app.page.pdf({ path: pdfPath, format: 'A4', preferCSSPageSize: true })
    await app.page.emulateMedia({ media: 'screen' })
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF')
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString()
    expect(text).toContain('志愿者求助任务单')
    expect(text).toContain('13812345678')
    expect(text).not.toContain('全部志愿者')
    expect(text).not.toContain('妥善保管')
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdfPath, path.join(dir, 'help-tasks')])
  })

  it('exports 居民求助登记表 from the desk: the request as a row, phone masked', async () => {
    await app.page.getByRole('button', { name: '返回' }).click()
    const help = new HelpPage(app.page)
    await help.root.getByTestId('help-table').locator('tbody tr').first().waitFor()
    const file = await help.exportList()
    expect(file.name).toBe('居民求助登记表-2026-02-03.xlsx')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]
    expect([sheet?.getCell('C6').value, sheet?.getCell('E6').value, sheet?.getCell('H6').value, sheet?.getCell('N6').value]).toEqual([
      '刘秀英',
      '138****5678',
      '卡口',
      '陈医生'
    ])
  })
})
