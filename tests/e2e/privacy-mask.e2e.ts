import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { computeCheckChar } from '../../shared/domain/id-card'
import { ExportControl } from './pages/excel.page'
import { LoginPage } from './pages/login.page'
import { ResidentsPage } from './pages/residents.page'
import { ShellPage } from './pages/shell.page'
import { startApp } from './support/app'
import type { RunningApp } from './support/app'

const FIRST17 = '11010119750505234'
const ID = FIRST17 + computeCheckChar(FIRST17)
const MASKED_ID = `110101********${ID.slice(-4)}`
const PHONE = '13812345678'
// Every way the birth date could be written: none may appear in a masked view.
const BIRTH_FORMS = ['1975-05-05', '1975/5/5', '19750505', '1975年5月5日', '1975年05月05日', '5月5日']
// The age masked views show is counted by year; in completed years it would change on the birthday.
const AGE = `${new Date().getFullYear() - 1975}岁`

/**
 * The masking policy as a 只读 clerk and a grid worker meet it: the list and the person's page
 * show the birth year and the age by year beside the masked ID, never the date; a longer number
 * is refused; the masked export (the grid worker's: 只读 exports nothing) follows the same policy.
 */
describe('privacy: masked views never complete a masked number', () => {
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
    const grid = await app.apiData('grids.create', { name: '东区网格', notes: '', leader: null, workers: [] })
    await app.apiData('grids.assignBuildings', { gridId: grid.id, buildings: [{ compound: '幸福里小区', building: '1栋' }] })
    const household = await app.apiData('households.create', {
      address: { compound: '幸福里小区', building: '1栋', unit: '1单元', room: '101' },
      tenure: 'owned',
      notes: ''
    })
    await app.apiData('residents.create', {
      name: '刘芳',
      idType: 'mainland',
      idNumber: ID,
      sex: null,
      birthDate: null,
      phones: [PHONE],
      tags: [],
      personType: 'registered',
      relation: 'head',
      notes: '',
      householdId: household.id
    })
    await app.apiData('accounts.create', { username: 'duzhe', displayName: '只读员', role: 'readonly', password: 'Read#2026abc' })
    await app.apiData('accounts.create', { username: 'wangge', displayName: '东区网格员', role: 'grid_worker', gridIds: [grid.id], password: 'Grid#2026abc' })
    await shell.logout()
  })

  afterAll(async () => {
    if (app) expect(await app.stop()).toBe(0)
  })

  it('只读: the list shows the masked ID and phone with the age by year, no birth date', async () => {
    await login.firstLogin('duzhe', 'Read#2026abc', 'Read#2026own')
    await shell.navigate('居民')
    expect(await residents.find('刘芳')).toEqual(['刘芳'])
    expect(await residents.cell('刘芳', '证件号码')).toBe(MASKED_ID)
    expect(await residents.cell('刘芳', '联系电话')).toBe('138****5678')
    expect(await residents.cell('刘芳', '年龄')).toBe(AGE)
    const page = (await residents.list.textContent()) ?? ''
    for (const form of [...BIRTH_FORMS, ID, PHONE]) expect(page).not.toContain(form)
    // 只读 has no export at all.
    expect(await residents.list.getByTestId('export-button').count()).toBe(0)
    await app.screenshot('privacy-mask-readonly-list')
  })

  it('只读: the person’s page shows the birth year only, and no way to reveal', async () => {
    await residents.open('刘芳')
    expect(await residents.birth()).toEqual({ birth: '1975年', age: `女 ${AGE}` })
    const detail = (await residents.detail.textContent()) ?? ''
    for (const form of [...BIRTH_FORMS, ID, PHONE]) expect(detail).not.toContain(form)
    expect(detail).toContain('您的账号不能查看完整号码')
    await app.screenshot('privacy-mask-readonly-detail')
  })

  it('只读: a longer tail or a whole number is refused with a message, not answered', async () => {
    await shell.navigate('居民')
    expect(await residents.refusedSearch(ID.slice(-6))).toContain('请输入手机号后4位或身份证号后4位')
    expect(await residents.names()).toEqual([])
    expect(await residents.refusedSearch(PHONE)).toContain('您的账号不能按完整号码查找')
    expect(await residents.find(ID.slice(-4))).toEqual(['刘芳'])
  })

  it('只读: the day view, the roster and the volunteers are shown without an export (every export needs data.export)', async () => {
    const pages: [string, string, string][] = [
      ['出入记录', 'gate-day-page', 'gate-export'],
      ['排班', 'roster-page', 'roster-export'],
      ['志愿者', 'volunteers-page', 'volunteer-export']
    ]
    for (const [title, pageId, exportId] of pages) {
      await shell.navigate(title)
      await app.page.getByTestId(pageId).waitFor()
      expect(await app.page.getByTestId(exportId).count(), title).toBe(0)
    }
    expect((await app.api('gate.export', { day: '2026-02-03' })).envelope).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: '您没有导出“出入登记表”的权限。' }
    })
  })

  it('网格员: the masked export has the birth year and the age by year beside the masked ID', async () => {
    await shell.logout()
    await login.firstLogin('wangge', 'Grid#2026abc', 'Grid#2026own')
    await shell.navigate('居民')
    expect(await residents.find('刘芳')).toEqual(['刘芳'])
    const file = await new ExportControl(app.page, residents.list).export('export-xlsx')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(file.bytes as unknown as ArrayBuffer)
    const ws = book.worksheets[0]
    const header = (ws?.getRow(4).values as unknown[]).slice(1)
    const row = (ws?.getRow(5).values as unknown[]).slice(1)
    const cell = (label: string) => row[header.indexOf(label)]
    expect(cell('姓名')).toBe('刘芳')
    expect(cell('出生日期')).toBe('1975年')
    expect(cell('年龄')).toBe(new Date().getFullYear() - 1975)
    expect(cell('证件号码')).toBe(MASKED_ID)
    expect(cell('联系电话')).toBe('138****5678')
    const everything = JSON.stringify(ws?.getSheetValues())
    for (const form of [...BIRTH_FORMS, ID, PHONE, '1975-05-05T']) expect(everything).not.toContain(form)
    // The same person revealed (audited) shows the date: the policy is the masked views'.
    await residents.open('刘芳')
    await residents.reveal()
    expect((await residents.birth()).birth).toBe('1975年5月5日')
    expect(app.consoleErrors.filter((line) => !/status of 4(00|01|03)/.test(line))).toEqual([])
  })
})
