import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { computeCheckChar } from '../../shared/domain/id-card'
import { ExcelImportPage } from './pages/excel.page'
import { GridsPage } from './pages/grids.page'
import { LoginPage } from './pages/login.page'
import { ResidentsPage } from './pages/residents.page'
import { ShellPage } from './pages/shell.page'
import { startApp } from './support/app'
import type { RunningApp } from './support/app'

const idWith = (first17: string) => first17 + computeCheckChar(first17)
const HEAD = idWith('11010119700101011')
const STRAY = idWith('11010119720303031')

/** The street office's list: buildings written five ways, none of them the register's 5号楼 / 6号楼; 与户主关系 names each 户主. */
const IMPORTED: [string, string, string, string, string][] = [
  ['赵一', idWith('11010119800101021'), '男', '幸福里小区5栋2单元501', '配偶'],
  ['钱二', idWith('11010119810202032'), '女', '幸福里小区五号楼二单元502室', '本人'],
  ['孙三', idWith('11010119820303043'), '男', '幸福里小区第5栋2门502', '子女'],
  ['李四', idWith('11010119830404054'), '女', '幸福里小区６幢１单元１０１房', '户主'],
  ['周五', idWith('11010119840505065'), '男', '幸福里小区 6 座 1 单元 101', '配偶']
]

async function streetOfficeFile(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('人员名单')
  ws.mergeCells('A1:F1')
  ws.getCell('A1').value = '幸福里社区人员排查名单（街道下发）'
  ws.getRow(2).values = ['序号', '姓名', '公民身份号码', '性别', '现住址', '与户主关系']
  IMPORTED.forEach(([name, id, sex, address, relation], i) => {
    const row = ws.getRow(i + 3)
    row.values = [i + 1, name, id, sex, address, relation]
    row.getCell(3).numFmt = '@'
  })
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer)
}

/**
 * Issue 16: a street-office file that spells buildings its own way lands in the register's
 * buildings and grids; a building that did split is merged from the grids page's warning; the
 * grid worker then sees every imported person.
 */
describe('buildings: one building however it is spelled', () => {
  let app: RunningApp
  let shell: ShellPage
  let wizard: ExcelImportPage
  let grids: GridsPage

  beforeAll(async () => {
    app = await startApp()
    shell = new ShellPage(app.page)
    wizard = new ExcelImportPage(app.page)
    grids = new GridsPage(app.page)
    await shell.openAndSetUp(app.url)
    // The register as the office keeps it: 东区网格 holds 5号楼 and 6号楼; 张三 is 户主 of 5号楼 2单元 501室.
    const east = await app.apiData('grids.create', { name: '东区网格', notes: '', leader: null, workers: [] })
    await app.apiData('grids.assignBuildings', {
      gridId: east.id,
      buildings: [
        { compound: '幸福里小区', building: '5号楼' },
        { compound: '幸福里小区', building: '6号楼' }
      ]
    })
    const person = (name: string, idNumber: string, householdId: number) =>
      app.apiData('residents.create', {
        name,
        idType: 'mainland',
        idNumber,
        sex: null,
        birthDate: null,
        phones: [],
        tags: [],
        personType: 'registered',
        relation: 'head',
        notes: '',
        householdId
      })
    const home = await app.apiData('households.create', {
      address: { compound: '幸福里小区', building: '5号楼', unit: '2单元', room: '501室' },
      tenure: 'owned',
      notes: ''
    })
    await person('张三', HEAD, home.id)
    // Typed once with the compound misspelled: a building of its own, outside every grid.
    const stray = await app.apiData('households.create', {
      address: { compound: '幸福里花园', building: '5号楼', unit: '3单元', room: '301' },
      tenure: 'owned',
      notes: ''
    })
    await person('吴六', STRAY, stray.id)
    await app.apiData('accounts.create', { username: 'dongwg', displayName: '东区网格员', role: 'grid_worker', gridIds: [east.id], password: 'East#2026ab' })
  })

  afterAll(async () => {
    if (app) expect(await app.stop()).toBe(0)
  })

  it('imports the street office file into the register’s own buildings, with the 户主 the file names', async () => {
    await shell.navigate('导入')
    await app.page.getByTestId('import-target').getByText('居民和住户').click()
    await wizard.pick('街道下发名单.xlsx', await streetOfficeFile())
    await wizard.toMapping()
    await wizard.toCheck()
    expect(await wizard.rowErrors()).toEqual([])
    await app.screenshot('buildings-import-check')
    expect(await wizard.commit()).toBe('新增 5 人，更新 0 人，跳过 0 行，有错误未导入 0 行')

    const households = await app.apiData('households.list', { pageSize: 20 })
    expect(households.rows.map((h) => [h.address, h.householderName, h.memberCount, h.gridName])).toEqual([
      ['幸福里小区 5号楼 2单元 501室', '张三', 2, '东区网格'],
      ['幸福里小区 5号楼 二单元 502', '钱二', 2, '东区网格'],
      ['幸福里小区 6号楼 1单元 101', '李四', 2, '东区网格'],
      ['幸福里花园 5号楼 3单元 301', '吴六', 1, '']
    ])
  })

  it('warns on the grids page about the household outside every grid, and 合并楼栋 brings it in', async () => {
    await shell.navigate('网格')
    await grids.list.getByTestId('unassigned-card').waitFor()
    expect(await grids.unassignedWarning()).toBe('有 1 户不在任何网格里')
    await app.screenshot('buildings-unassigned-warning')
    const dialog = await grids.mergeFromWarning('幸福里花园')
    const preview = await grids.keep(dialog, '幸福里小区 5', '幸福里小区 5号楼（东区网格 · 2 户）')
    expect(preview).toContain('将把 幸福里花园 5号楼 的 1 户（1 人）并入 幸福里小区 5号楼， 归入网格“东区网格”')
    await app.screenshot('buildings-merge-preview')
    await grids.confirmMerge(dialog)
    await grids.unassignedCleared()
    const row = grids.list.getByTestId('grids-table').locator('.el-table__body tr', { hasText: '东区网格' })
    expect((await row.locator('td').allTextContents()).map((t) => t.trim()).slice(3, 6)).toEqual(['2', '4', '7'])
  })

  it('shows the grid worker every imported person', async () => {
    await shell.logout()
    await new LoginPage(app.page).firstLogin('dongwg', 'East#2026ab', 'Dong#2026own')
    await shell.navigate('居民')
    const residents = new ResidentsPage(app.page)
    expect((await residents.find('')).sort()).toEqual(['吴六', '周五', '孙三', '张三', '李四', '赵一', '钱二'].sort())
    // Any spelling of the building finds its people.
    expect((await residents.find('五号楼2门')).sort()).toEqual(['孙三', '张三', '赵一', '钱二'].sort())
    await app.screenshot('buildings-grid-worker')
  })
})
