import { execFileSync } from 'node:child_process'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ShellPage } from './pages/shell.page'
import { MonitoringPage } from './pages/returnees-monitoring.page'
import { ReturneesPage } from './pages/returnees.page'
import { REPO_ROOT, startApp } from './support/app'
import type { RunningApp } from './support/app'

/** The office's local day, n days from today, as the backend computes "today". */
function day(offset: number): string {
  const d = new Date()
  d.setDate(d.getDate() + offset)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

async function sheetOf(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer)
  const ws = wb.worksheets[0]
  if (!ws) throw new Error('no sheet')
  return ws
}

/** Excel's date cells read back as UTC midnight of the day. */
const excelDay = (iso: string) => new Date(`${iso}T00:00:00Z`)

describe('返程人员 and 健康监测: register, two days of checks with a fever, home page, print, 台账, release', () => {
  let app: RunningApp
  let shell: ShellPage
  let returnees: ReturneesPage
  let monitoring: MonitoringPage

  beforeAll(async () => {
    app = await startApp()
    shell = new ShellPage(app.page)
    returnees = new ReturneesPage(app.page)
    monitoring = new MonitoringPage(app.page)
    await shell.openAndSetUp(app.url)
    // The register is another module's screen: a grid with its worker, a household, a resident.
    const grid = await app.apiData('grids.create', {
      name: '东区网格',
      notes: '',
      leader: { name: '李网格长', phone: '13900001111' },
      workers: [{ name: '王网格员', phone: '13900002222' }]
    })
    await app.apiData('grids.assignBuildings', { gridId: grid.id, buildings: [{ compound: '幸福里小区', building: '3栋' }] })
    const household = await app.apiData('households.create', {
      address: { compound: '幸福里小区', building: '3栋', unit: '1单元', room: '301' },
      tenure: 'owned',
      notes: ''
    })
    await app.apiData('residents.create', {
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
      householdId: household.id
    })
    // A two-day observation, so that it ends today and can be released at the end of the test.
    await app.apiData('settings.update', { daysHomeObservation: 2 })
  })

  afterAll(async () => {
    if (app) expect(await app.stop()).toBe(0)
  })

  it('registers a returnee for an existing resident with the region picker', async () => {
    await shell.navigate('返程人员')
    await returnees.register({ person: '张建国', originSearch: '江岸', originOption: '湖北省 / 武汉市 / 江岸区', returnDate: day(-2), transportNo: 'G1234' })
    const rows = await returnees.rowTexts()
    expect(rows[0]).toContain('张建国')
    expect(rows[0]).toContain('湖北省武汉市江岸区')
    expect(rows[0]).toContain('138****5678')
    expect(rows[0]).toContain('居家观察 · 观察中')
    await app.screenshot('returnees-list')
  })

  it('enters two days of checks with the keyboard; the fever turns the person red', async () => {
    await shell.navigate('健康监测')
    await monitoring.waitFor()
    await monitoring.setDay(day(-1))
    await monitoring.enterTemperatures('张建国', '365', '36.6')
    expect(await monitoring.isRed('张建国')).toBe(false)
    await monitoring.setDay(day(0))
    await monitoring.enterTemperatures('张建国', '382', '37.9')
    await app.page.locator('.el-message--warning', { hasText: '张建国 体温或症状异常' }).waitFor()
    expect(await monitoring.isRed('张建国')).toBe(true)
    await app.screenshot('monitoring-entry')
    const history = await app.apiData('monitoring.worklist', { list: 'abnormal' })
    expect(history.rows.map((r) => [r.name, r.check?.morning, r.check?.evening])).toEqual([['张建国', 38.2, 37.9]])
  })

  it('refuses an implausible temperature with a clear message', async () => {
    await monitoring.row('张建国').getByTestId('check-morning').fill('45')
    await monitoring.row('张建国').getByTestId('check-morning').press('Enter')
    await app.page.locator('.el-message--error', { hasText: '体温 45℃ 不合理（应在 34–43℃ 之间）' }).waitFor()
    await monitoring.row('张建国').getByTestId('check-morning').fill('38.2')
  })

  it('exports the 居家观察台账 template from the 健康监测 page: the person red, numbers masked', async () => {
    const file = await monitoring.exportLedger('export-template-居家观察台账')
    expect(file.name).toMatch(/^居家观察-居家观察台账-\d{4}-\d{2}-\d{2}\.xlsx$/)
    const ws = await sheetOf(file.bytes)
    expect(ws.getCell('A1').value).toBe('幸福里社区居民委员会居家观察台账')
    expect([ws.getCell('B4').value, ws.getCell('J4').value, ws.getCell('R4').value]).toEqual(['基本信息', '观察情况', '最近一次健康监测'])
    const row = ws.getRow(6).values as unknown[]
    expect(row.slice(1, 10)).toEqual([1, '张建国', '男', expect.any(Number), undefined, '138****5678', '幸福里小区 3栋 1单元 301', '东区网格', '王网格员'])
    expect(row.slice(10, 16)).toEqual(['居家观察', excelDay(day(-2)), excelDay(day(0)), 2, 2, '观察中'])
    expect(row.slice(18, 24)).toEqual([excelDay(day(0)), 38.2, 37.9, undefined, '异常', '是'])
    expect(ws.getCell('B6').font?.color?.argb).toBe('FFC00000')
    expect(ws.getCell('B7').value).toBeNull()
  })

  it('exports the 返程人员排查登记表 from the 返程人员 page through its one 导出 menu: the person red, who registered the trip', async () => {
    await shell.navigate('返程人员')
    await returnees.rowTexts()
    expect(await app.page.getByRole('button', { name: '导出排查登记表' }).count()).toBe(0)
    // The shot shows the open menu as the administrator sees it, full-number entries included.
    const file = await returnees.exporter.export('export-template-返程人员排查登记表', () => app.screenshot('returnees-export-menu'))
    expect(file.name).toMatch(/^返程人员-返程人员排查登记表-\d{4}-\d{2}-\d{2}\.xlsx$/)
    const ws = await sheetOf(file.bytes)
    expect(ws.getCell('A1').value).toBe('幸福里社区居民委员会返程人员排查登记表')
    const row = ws.getRow(6).values as unknown[]
    expect(row.slice(1, 3)).toEqual([1, '张建国'])
    expect(row.slice(6, 10)).toEqual(['138****5678', '幸福里小区 3栋 1单元 301', '东区网格', '湖北省武汉市江岸区'])
    expect([row[11], row[13]]).toEqual([excelDay(day(-2)), 'G1234'])
    expect(row.slice(16, 22)).toEqual(['居家观察', '观察中', excelDay(day(-2)), excelDay(day(0)), '是', excelDay(day(0))])
    expect(String(row[22])).toContain('王主任')
    expect(ws.getCell('B6').font?.color?.argb).toBe('FFC00000')
  })

  it("exports the plain list with the page's return-date range: a range without the trip gives no rows", async () => {
    await returnees.setRange([day(-10), day(-5)])
    expect(await returnees.table.locator('.el-table__empty-text').innerText()).toBe('还没有返程登记')
    const empty = await sheetOf((await returnees.exporter.export('export-xlsx')).bytes)
    expect(String(empty.getCell('A2').value)).toContain(`条件：自 ${day(-10)}，至 ${day(-5)}`)
    expect([empty.getCell('A4').value, empty.getCell('A5').value]).toEqual(['姓名', null])
    await returnees.setRange([day(-3), day(0)])
    const found = await sheetOf((await returnees.exporter.export('export-xlsx')).bytes)
    expect([found.getCell('A5').value, found.getCell('S5').value]).toEqual(['张建国', '是'])
    await returnees.setRange(null)
  })

  it('shows the person flagged on the home page, with the daily report numbers', async () => {
    await shell.navigate('首页')
    const card = app.page.getByTestId('monitoring-today')
    await card.waitFor()
    expect(await card.getByTestId('today-abnormal').innerText()).toBe('1')
    expect(await card.getByTestId('today-abnormal-list').innerText()).toContain('张建国')
    expect(await card.getByTestId('daily-report').innerText()).toContain('在观察 1 人')
    await app.screenshot('monitoring-home')
  })

  it('prints the daily follow-up sheet with one row per person', async () => {
    await shell.navigate('健康监测')
    await monitoring.waitFor()
    await app.page.getByTestId('monitoring-print').click()
    const rows = await monitoring.sheetRows()
    expect(rows).toHaveLength(1)
    // The administrator may reveal numbers: the worker rings from the sheet, and the print is logged.
    expect(rows[0]?.slice(0, 3)).toEqual(['1', '张建国（异常）', '13812345678'])
    expect(await app.page.getByTestId('daily-sheet-phones').innerText()).toContain('已记入操作日志')
    expect(rows[0]?.slice(5)).toEqual(['', '', '', ''])
    await app.screenshot('monitoring-sheet')
    const dir = path.join(REPO_ROOT, 'test-results/e2e')
    await mkdir(dir, { recursive: true })
    await app.page.emulateMedia({ media: 'print' })
    const pdfPath = path.join(dir, 'monitoring-sheet.pdf')
    const pdf = await app.page.pdf({ path: pdfPath, format: 'A4', preferCSSPageSize: true })
    await app.page.emulateMedia({ media: 'screen' })
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF')
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString()
    expect(text).toContain('每日健康监测表')
    expect(text).toContain('张建国')
    expect(text).toContain('王网格员')
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdfPath, path.join(dir, 'monitoring-sheet')])
  })

  it('releases the person on the last day in one click; the flag is gone', async () => {
    await app.page.goBack()
    await monitoring.waitFor()
    await monitoring.releaseFromEnding('张建国')
    await app.page.getByTestId('worklist-ending').locator('.el-tag', { hasText: '已解除' }).waitFor()
    await app.screenshot('monitoring-released')
    await shell.navigate('首页')
    const card = app.page.getByTestId('monitoring-today')
    await card.waitFor()
    expect(await card.getByTestId('today-abnormal').innerText()).toBe('0')
    expect(await card.getByTestId('today-released').innerText()).toBe('1')
  })

  it('exports the plain 台账 list: without the released person by default, with them when 含已解除 is ticked', async () => {
    await shell.navigate('健康监测')
    await monitoring.waitFor()
    // The shot shows the open 导出 menu: plain list, CSV, full numbers and the template.
    const open = await sheetOf((await monitoring.exportLedger('export-xlsx', false, () => app.screenshot('monitoring-ledger-export'))).bytes)
    expect(open.getCell('A4').value).toBe('姓名')
    expect(open.getCell('A5').value).toBeNull()
    const all = await sheetOf((await monitoring.exportLedger('export-xlsx', true)).bytes)
    const row = all.getRow(5).values as unknown[]
    expect([row[1], row[14], row[15], row[22]]).toEqual(['张建国', '已解除', excelDay(day(0)), '否'])
  })
})
