import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../shared/domain/roles'
import { LoginPage } from './pages/login.page'
import { RoleTourPage } from './pages/role-tour.page'
import { startApp } from './support/app'
import type { RunningApp } from './support/app'

const ALL: Role[] = ['admin', 'staff', 'grid_worker', 'gate', 'readonly']
const OFFICE: Role[] = ['admin', 'staff']
const EDITORS: Role[] = ['admin', 'staff', 'grid_worker']

/** The key buttons of each page and the roles that must see them; every other role must not. */
const BUTTONS: { page: string; testId: string; roles: Role[] }[] = [
  { page: '网格', testId: 'grid-new', roles: OFFICE },
  { page: '居民', testId: 'resident-new', roles: EDITORS },
  { page: '住户', testId: 'household-new', roles: EDITORS },
  { page: '返程人员', testId: 'returnee-new', roles: EDITORS },
  { page: '健康监测', testId: 'monitoring-settings', roles: ['admin'] },
  { page: '健康监测', testId: 'check-entry', roles: EDITORS },
  { page: '健康监测', testId: 'monitoring-print', roles: ALL },
  { page: '居民求助', testId: 'help-new', roles: EDITORS },
  { page: '居民求助', testId: 'help-tasks-open', roles: EDITORS },
  { page: '居民求助', testId: 'help-export', roles: EDITORS },
  { page: '重点人群关爱', testId: 'care-plan-new', roles: EDITORS },
  { page: '重点人群关爱', testId: 'care-bulk-open', roles: EDITORS },
  { page: '重点人群关爱', testId: 'care-print-open', roles: [...EDITORS, 'readonly'] },
  { page: '通知公告', testId: 'notices-new', roles: OFFICE },
  { page: '通知公告', testId: 'notices-export', roles: EDITORS },
  { page: '卡口登记', testId: 'gate-help-open', roles: ['admin', 'staff', 'gate'] },
  { page: '志愿者', testId: 'volunteer-new', roles: OFFICE },
  { page: '志愿者', testId: 'volunteer-hours-open', roles: ALL },
  { page: '排班', testId: 'roster-autofill', roles: OFFICE },
  { page: '排班', testId: 'roster-copy', roles: OFFICE },
  { page: '排班', testId: 'roster-settings', roles: OFFICE },
  { page: '排班', testId: 'roster-shifts', roles: OFFICE },
  { page: '排班', testId: 'roster-print-open', roles: ALL },
  { page: '物资', testId: 'supply-new-item', roles: OFFICE },
  { page: '消杀', testId: 'place-new', roles: OFFICE },
  { page: '消杀', testId: 'log-new', roles: OFFICE },
  { page: '出入记录', testId: 'gate-export', roles: OFFICE },
  { page: '卡口与出入证', testId: 'checkpoint-new', roles: OFFICE }
]

/** The sidebar each role must see, in order. */
const MENUS: Record<Role, string[]> = {
  admin: [
    '首页',
    '卡口登记',
    '出入记录',
    '返程人员',
    '健康监测',
    '居民求助',
    '重点人群关爱',
    '通知公告',
    '每日报表',
    '导入',
    '志愿者',
    '排班',
    '居民',
    '住户',
    '商铺单位',
    '网格',
    '物资',
    '消杀',
    '卡口与出入证',
    '账号',
    '操作日志',
    '回收站',
    '设置',
    '数据备份'
  ],
  staff: [
    '首页',
    '卡口登记',
    '出入记录',
    '返程人员',
    '健康监测',
    '居民求助',
    '重点人群关爱',
    '通知公告',
    '每日报表',
    '导入',
    '志愿者',
    '排班',
    '居民',
    '住户',
    '商铺单位',
    '网格',
    '物资',
    '消杀',
    '卡口与出入证'
  ],
  grid_worker: ['首页', '返程人员', '健康监测', '居民求助', '重点人群关爱', '通知公告', '居民', '住户', '商铺单位', '网格'],
  gate: ['卡口登记'],
  readonly: [
    '首页',
    '出入记录',
    '返程人员',
    '健康监测',
    '居民求助',
    '重点人群关爱',
    '通知公告',
    '每日报表',
    '志愿者',
    '排班',
    '居民',
    '住户',
    '商铺单位',
    '网格',
    '物资',
    '消杀'
  ]
}

const ACCOUNTS: Record<Exclude<Role, 'admin'>, { username: string; given: string; own: string }> = {
  staff: { username: 'clerk1', given: 'Clerk#2026ab', own: 'Clerk#2026own' },
  grid_worker: { username: 'grid1', given: 'Grid#2026ab', own: 'Grid#2026own' },
  gate: { username: 'gate1', given: 'Gate#2026ab', own: 'Gate#2026own' },
  readonly: { username: 'view1', given: 'View#2026ab', own: 'View#2026own' }
}

describe('each role sees only the buttons it can use, on every page, at 1366×768', () => {
  let app: RunningApp
  let tour: RoleTourPage
  let login: LoginPage

  beforeAll(async () => {
    app = await startApp()
    await app.page.setViewportSize({ width: 1366, height: 768 })
    tour = new RoleTourPage(app.page)
    login = new LoginPage(app.page)
    await tour.shell.openAndSetUp(app.url)
    const grid = await app.apiData('grids.create', { name: '东区网格', notes: '', leader: null, workers: [{ name: '王网格员', phone: '13900002222' }] })
    await app.apiData('grids.assignBuildings', { gridId: grid.id, buildings: [{ compound: '幸福里小区', building: '3栋' }] })
    for (const [role, a] of Object.entries(ACCOUNTS)) {
      await app.apiData('accounts.create', {
        username: a.username,
        displayName: `${role}用户`,
        role: role as Role,
        password: a.given,
        ...(role === 'grid_worker' ? { gridIds: [grid.id] } : {})
      })
    }
    // Four accounts' password hashes on a busy machine.
  }, 180_000)

  afterAll(async () => {
    if (app) expect(await app.stop()).toBe(0)
  })

  async function tourAs(role: Role): Promise<Record<string, boolean>> {
    const menu = await tour.shell.menuTitles()
    expect(menu).toEqual(MENUS[role])
    // The whole sidebar fits the 768-pixel-high window: the last entry is on screen.
    const fit = await tour.menuFit()
    expect(fit.lastBottom).toBeLessThanOrEqual(fit.height)
    const seen: Record<string, boolean> = {}
    for (const page of menu) {
      await tour.visit(page)
      for (const button of BUTTONS.filter((b) => b.page === page)) seen[button.testId] = await tour.shows(button.testId)
    }
    return seen
  }

  function expected(role: Role, menu: string[]): Record<string, boolean> {
    return Object.fromEntries(BUTTONS.filter((b) => menu.includes(b.page)).map((b) => [b.testId, b.roles.includes(role)]))
  }

  it('the administrator sees every button, and the whole sidebar without scrolling', async () => {
    expect(await tourAs('admin')).toEqual(expected('admin', MENUS.admin))
    await app.screenshot('roles-admin-sidebar')
  })

  for (const role of ['staff', 'grid_worker', 'readonly', 'gate'] as const) {
    it(`${role}: every page, only the buttons the role can use`, async () => {
      await tour.shell.logout()
      const a = ACCOUNTS[role]
      await login.firstLogin(a.username, a.given, a.own)
      expect(await tourAs(role)).toEqual(expected(role, MENUS[role]))
      if (role === 'grid_worker' || role === 'staff' || role === 'readonly') {
        // 网格: a grid worker may edit their own grid but neither create, retire nor re-draw grids.
        await tour.visit('网格')
        expect(await tour.rowButton('修改')).toBe(role !== 'readonly')
        expect(await tour.rowButton('撤销')).toBe(role === 'staff')
        await tour.openGrid('东区网格')
        expect(await tour.shows('grid-assign')).toBe(role === 'staff')
      }
      await app.screenshot(`roles-${role}`)
    })
  }
})
