import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { computeCheckChar } from '../../shared/domain/id-card'
import { E2E_ADMIN } from './pages/auth.page'
import { LoginPage } from './pages/login.page'
import { ResidentsPage } from './pages/residents.page'
import { ShellPage } from './pages/shell.page'
import { startApp } from './support/app'
import type { RunningApp } from './support/app'

const idWith = (first17: string) => first17 + computeCheckChar(first17)
const EAST_ID = idWith('11010119800101123')
const WEST_ID = idWith('11010119750505234')

/**
 * Personal data by role: a grid worker sees only the residents of their own grid, numbers are
 * masked until revealed, and every reveal lands in the audit trail the administrator reads.
 */
describe('privacy: grid scope, masking, audited reveal', () => {
  let app: RunningApp
  let shell: ShellPage
  let login: LoginPage
  let residents: ResidentsPage

  beforeAll(async () => {
    app = await startApp()
    shell = new ShellPage(app.page)
    login = new LoginPage(app.page)
    residents = new ResidentsPage(app.page)
    await shell.openAndSetUp(app.url)

    // Two grids, each with one building, one household and one resident (arranged through the API).
    for (const [grid, building, name, id, phone] of [
      ['东区网格', '1栋', '张东', EAST_ID, '13800001111'],
      ['西区网格', '9栋', '李西', WEST_ID, '13900002222']
    ] as const) {
      const created = await app.apiData('grids.create', { name: grid, notes: '', leader: null, workers: [] })
      await app.apiData('grids.assignBuildings', { gridId: created.id, buildings: [{ compound: '幸福里小区', building }] })
      const household = await app.apiData('households.create', {
        address: { compound: '幸福里小区', building, unit: '1单元', room: '101' },
        tenure: 'owned',
        notes: ''
      })
      await app.apiData('residents.create', {
        name,
        idType: 'mainland',
        idNumber: id,
        sex: null,
        birthDate: null,
        phones: [phone],
        tags: [],
        personType: 'registered',
        relation: 'head',
        notes: '',
        householdId: household.id
      })
    }
    const east = (await app.apiData('grids.list', {})).find((grid) => grid.name === '东区网格')
    await app.apiData('accounts.create', {
      username: 'dongwg',
      displayName: '东区网格员',
      role: 'grid_worker',
      gridIds: [east?.id ?? 0],
      password: 'East#2026ab'
    })
  })

  afterAll(async () => {
    if (app) expect(await app.stop()).toBe(0)
  })

  it('masks ID numbers and phones in the list, even for the administrator', async () => {
    await shell.navigate('居民')
    expect(await residents.find('张东')).toEqual(['张东'])
    expect(await residents.cell('张东', '证件号码')).toBe(`${EAST_ID.slice(0, 6)}********${EAST_ID.slice(-4)}`)
    expect(await app.page.getByTestId('residents-page').textContent()).not.toContain(EAST_ID)
  })

  it('shows a grid worker only the residents of their grid, whatever they search', async () => {
    await shell.logout()
    await login.firstLogin('dongwg', 'East#2026ab', 'Dong#2026own')
    await shell.navigate('居民')
    expect(await residents.find('')).toEqual(['张东'])
    expect(await residents.find('李西')).toEqual([])
    expect(await residents.find(WEST_ID.slice(-4))).toEqual([])
    // The backend, not the screen, does the filtering.
    const listed = await app.apiData('residents.list', {})
    expect(listed.rows.map((row) => row.name)).toEqual(['张东'])
    expect(listed.total).toBe(1)
    await app.screenshot('grid-worker-residents')
  })

  it('reveals one full ID number on request', async () => {
    await residents.find('张东')
    await residents.open('张东')
    const shown = await residents.reveal()
    expect(shown.id).toBe(EAST_ID)
    expect(shown.phones).toContain('13800001111')
  })

  it('writes the reveal to the audit trail, where the administrator finds it', async () => {
    await shell.logout()
    await login.submit(E2E_ADMIN.username, E2E_ADMIN.password)
    await shell.navigate('操作日志')
    await app.page.locator('input[data-testid="audit-actor"]').fill('东区网格员')
    await app.page.getByTestId('audit-search').click()
    const table = app.page.getByTestId('audit-table')
    await table.getByText('查看完整号码', { exact: false }).first().waitFor()
    const text = (await table.textContent()) ?? ''
    expect(text).toContain('张东')
    // The audit row itself never holds the full number.
    expect(text).not.toContain(EAST_ID)
    await app.screenshot('audit-reveal')
    expect(app.consoleErrors.filter((line) => !/status of 4(01|03)/.test(line))).toEqual([])
  })
})
