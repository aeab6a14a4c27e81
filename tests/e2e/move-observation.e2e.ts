import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { E2E_ADMIN } from './pages/auth.page'
import { LoginPage } from './pages/login.page'
import { MoveDialogPage } from './pages/move.page'
import { ResidentsPage } from './pages/residents.page'
import { SettingsPage } from './pages/settings.page'
import { MonitoringPage } from './pages/returnees-monitoring.page'
import { ShellPage } from './pages/shell.page'
import { startApp } from './support/app'
import type { RunningApp } from './support/app'
import { officeClock } from '../../shared/domain/clock'
import { localIsoDate } from '../../shared/domain/dates'

/** 东区 (3栋, 王网格员) and 西区 (9栋, 赵网格员), each with a household and its own grid worker account. */
async function twoGrids(app: RunningApp): Promise<void> {
  for (const [name, building, worker, room, username] of [
    ['东区网格', '3栋', '王网格员', '301', 'dongwg'],
    ['西区网格', '9栋', '赵网格员', '901', 'xiwg']
  ] as const) {
    const grid = await app.apiData('grids.create', { name, notes: '', leader: null, workers: [{ name: worker, phone: '13900002222' }] })
    await app.apiData('grids.assignBuildings', { gridId: grid.id, buildings: [{ compound: '幸福里小区', building }] })
    await app.apiData('households.create', { address: { compound: '幸福里小区', building, unit: '1单元', room }, tenure: 'owned', notes: '' })
    await app.apiData('accounts.create', { username, displayName: worker, role: 'grid_worker', gridIds: [grid.id], password: 'Grid#2026abc' })
  }
}

describe('a resident under observation moves to a household of another grid; 设置 shows the clock', () => {
  let app: RunningApp
  let shell: ShellPage
  let login: LoginPage
  let residents: ResidentsPage
  let move: MoveDialogPage
  let monitoring: MonitoringPage
  let settings: SettingsPage

  beforeAll(async () => {
    app = await startApp()
    shell = new ShellPage(app.page)
    login = new LoginPage(app.page)
    residents = new ResidentsPage(app.page)
    move = new MoveDialogPage(app.page)
    monitoring = new MonitoringPage(app.page)
    settings = new SettingsPage(app.page)
    await shell.openAndSetUp(app.url)
    await twoGrids(app)
    // Registering and starting the observation are other specs' screens (returnees.e2e.ts).
    const east = (await app.apiData('households.list', { q: '301' })).rows[0]
    const person = await app.apiData('residents.create', {
      name: '张建国',
      idType: 'mainland',
      idNumber: '',
      sex: 'M',
      birthDate: '1970-05-01',
      phones: ['13812345678'],
      tags: [],
      personType: 'registered',
      relation: 'head',
      notes: '',
      householdId: east?.id ?? 0
    })
    await app.apiData('returnees.register', {
      residentId: person.id,
      origin: { province: '湖北省', city: '武汉市', district: '江岸区' },
      via: '',
      returnDate: localIsoDate(new Date()),
      transport: 'train',
      transportNo: 'G1234',
      companions: [],
      reason: '探亲',
      notes: '',
      episode: { kind: 'home_observation' }
    })
  })

  afterAll(async () => {
    if (app) expect(await app.stop()).toBe(0)
  })

  it('the clerk moves them in 迁到其他户 and sees that 西区’s worker takes over', async () => {
    await shell.navigate('居民')
    await residents.find('张建国')
    await residents.open('张建国')
    await move.open()
    await move.household('901', '9栋')
    await move.relation('非亲属')
    const notice = await move.handover()
    expect(notice).toContain('张建国 正在居家观察')
    expect(notice).toContain('现由王网格员负责')
    expect(notice).toContain('赵网格员（西区网格唯一的网格员，自动接手）')
    await app.screenshot('move-observation-dialog')
    await move.confirm()
    expect(((await app.page.getByTestId('resident-household').textContent()) ?? '').trim()).toContain('9栋')
  })

  it('西区’s worker finds them in 待测温 and checks them', async () => {
    await shell.logout()
    await login.firstLogin('xiwg', 'Grid#2026abc', 'West#2026own')
    await shell.navigate('健康监测')
    await monitoring.waitFor()
    await monitoring.row('张建国').waitFor()
    await monitoring.enterTemperatures('张建国', '36.5', '36.7')
    await app.screenshot('move-observation-new-worker')
    const due = await app.apiData('monitoring.worklist', { list: 'due' })
    expect(due.rows.map((r) => [r.name, r.gridName, r.worker, r.check?.morning])).toEqual([['张建国', '西区网格', '赵网格员', 36.5]])
  })

  it('东区’s worker no longer sees them', async () => {
    await shell.logout()
    await login.firstLogin('dongwg', 'Grid#2026abc', 'East#2026own')
    await shell.navigate('健康监测')
    await monitoring.waitFor()
    await app.page.getByText('这一天没有需要测温的人员').waitFor()
    expect(await monitoring.row('张建国').count()).toBe(0)
    expect((await app.apiData('monitoring.worklist', { list: 'due' })).total).toBe(0)
    expect((await app.apiData('returnees.list', {})).total).toBe(0)
    await app.screenshot('move-observation-old-worker')
    // Signing back in as the administrator: the move's audit row names who took over.
    await shell.logout()
    await login.submit(E2E_ADMIN.username, E2E_ADMIN.password)
    const audit = await app.apiData('audit.list', { action: 'residents.move' })
    expect(audit.rows.map((r) => r.summary).join('\n')).toContain('居家观察改由赵网格员负责（原王网格员）')
  })

  it('设置 names the clock every date and time is in (the office PC’s time zone)', async () => {
    await shell.navigate('设置')
    const shown = await settings.clock()
    const here = officeClock(new Date())
    expect(shown.zone).toBe(here.label)
    expect(shown.now.slice(0, 10)).toBe(here.localTime.slice(0, 10))
    await app.screenshot('settings-clock')
    expect(app.consoleErrors.filter((line) => !/status of 4(01|03)/.test(line))).toEqual([])
  })
})
