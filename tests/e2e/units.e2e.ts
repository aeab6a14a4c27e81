import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ExcelImportPage } from './pages/excel.page'
import { ShellPage } from './pages/shell.page'
import { UnitsPage } from './pages/units.page'
import { startApp } from './support/app'
import type { RunningApp } from './support/app'

/**
 * 商铺单位 at the desk: the clerk registers a corner shop in 3栋 with its three workers (one of the
 * register, one back from Wuhan with a trip and an observation, one living in the next district),
 * imports the day's temperatures the shop sent as an Excel sheet, takes the shop through 复工,
 * logs an inspection that asks for a rectification, and exports the 从业人员登记表.
 */
describe('商铺单位: a shop, its workers, their temperatures, 复工, an inspection and the 登记表', () => {
  let app: RunningApp
  let shell: ShellPage
  let units: UnitsPage

  beforeAll(async () => {
    // Noon at the office in Shanghai (04:00 UTC): the same calendar day whatever the machine's zone.
    app = await startApp({ now: '2026-02-03T04:00:00Z' })
    await app.page.setViewportSize({ width: 1366, height: 768 })
    shell = new ShellPage(app.page)
    await shell.openAndSetUp(app.url)
    const grid = await app.apiData('grids.create', { name: '第一网格', notes: '', leader: null, workers: [] })
    await app.apiData('grids.assignBuildings', { gridId: grid.id, buildings: [{ compound: '幸福里小区', building: '3栋' }] })
    const home = await app.apiData('households.create', {
      address: { compound: '幸福里小区', building: '3栋', unit: '2单元', room: '301' },
      tenure: 'owned',
      notes: ''
    })
    await app.apiData('residents.create', {
      name: '张建国',
      idType: 'mainland',
      idNumber: '110101198501011239',
      sex: null,
      birthDate: null,
      phones: ['13812345678'],
      tags: [],
      personType: 'registered',
      relation: 'head',
      notes: '',
      householdId: home.id
    })
    await app.apiData('disinfection.savePlace', {
      name: '好邻居便利店店面',
      kind: 'shop',
      building: '3栋',
      gridId: grid.id,
      schedule: 'per_day',
      timesPerDay: 2,
      intervalDays: 1,
      active: true,
      notes: ''
    })
    units = new UnitsPage(app.page)
  }, 120_000)

  afterAll(async () => {
    if (app) expect(await app.stop()).toBe(0)
  })

  it('registers the shop from 商铺单位, typed key by key; saving an empty form names the missing field first', async () => {
    await shell.navigate('商铺单位')
    await units.root.getByTestId('unit-new').click()
    await units.root.page().getByTestId('unit-save').click()
    expect(await units.formError()).toBe('请填写单位名称')
    await units.root.page().keyboard.press('Escape')
    await units.register({
      name: '好邻居便利店',
      compound: '幸福里小区',
      building: '三号楼',
      door: '底商2号',
      manager: '陈老板',
      phone: '13912345678',
      creditCode: '91350100M000100Y43',
      pledge: '2026-02-02'
    })
    const facts = await units.unit.innerText()
    expect(facts).toContain('幸福里小区 3栋 底商2号')
    expect(facts).toContain('第一网格')
    expect(facts).toContain('139****5678')
    expect(await units.status()).toBe('营业')
    await app.screenshot('units-registered')
  })

  it('registers three workers: one of the register, one back from Wuhan with a trip and an observation, one from the next district', async () => {
    await units.addResident('张建', '张建国', '店长')
    await units.addOutsider(
      { name: '李返岗', id: '420102199005054567', phone: '13700001111', home: '武汉市江岸区某路 8 号', role: '店员' },
      { originSearch: '武汉', originOption: '湖北省 / 武汉市', returnDate: '2026-02-01', trainNo: 'G502' }
    )
    await units.addOutsider({ name: '王邻区', id: '110105199203034563', phone: '13600002222', home: '朝阳区某小区 1 号楼', role: '收银员' })
    const rows = await units.workerRows(3)
    expect(rows).toHaveLength(3)
    expect(rows[1]).toContain('2026-02-01 自湖北省武汉市')
    expect(rows[1]).toContain('居家观察 观察中')
    expect(rows[1]).toContain('137****1111')
    await app.screenshot('units-workers')
  })

  it('finds a worker from the 台账 by pinyin initials, typed key by key; Enter opens their shop', async () => {
    await shell.navigate('商铺单位')
    const hits = await units.findWorker('lfg')
    expect(hits).toHaveLength(1)
    expect(hits[0]).toContain('李返岗')
    expect(hits[0]).toContain('137****1111')
    expect(hits[0]).toContain('好邻居便利店')
    expect(await units.workerSearchCount()).toBe('共 1 人')
    await app.screenshot('units-worker-search')
    await app.page.keyboard.press('Enter')
    await units.unit.waitFor()
    expect(await units.workerRows(3)).toHaveLength(3)
  })

  it('imports the day’s temperatures from the shop’s Excel sheet; the fever shows on the unit’s page', async () => {
    const book = new ExcelJS.Workbook()
    const sheet = book.addWorksheet('员工健康登记')
    sheet.addRow(['好邻居便利店员工健康登记表'])
    sheet.addRow(['序号', '单位名称', '姓名', '日期', '上午体温', '下午体温'])
    sheet.addRow([1, '好邻居便利店', '张建国', '2026-02-03', 36.5, 36.6])
    sheet.addRow([2, '好邻居便利店', '李返岗', '2026-02-03', 37.6, null])
    sheet.addRow([3, '好邻居便利店', '王邻区', '2026-02-03', 36.4, 36.5])
    sheet.addRow([4, '好邻居便利店', '赵不在', '2026-02-03', 36.4, null])
    await shell.navigate('导入')
    const wizard = new ExcelImportPage(app.page)
    await app.page.getByTestId('import-target').getByText('员工健康登记').click()
    await wizard.pick('员工健康登记.xlsx', new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer))
    await wizard.toMapping()
    await wizard.toCheck()
    expect((await wizard.rowErrors()).join(' ')).toContain('没有名为“赵不在”的在册从业人员')
    await app.screenshot('units-import-check')
    expect(await wizard.commit()).toContain('有错误未导入 1 行')
    await shell.navigate('商铺单位')
    await units.root.getByTestId('units-table').getByText('好邻居便利店').click()
    await units.tab('体温登记')
    const checks = await units.checkRows()
    expect(checks[1]).toContain('异常')
    expect(checks[0]).toContain('正常')
  })

  it('takes the shop through 复工: paused, its place linked and disinfected, applied with the stock ticked, approved', async () => {
    await units.setStatus('暂停营业', '按街道通知暂停营业')
    await units.tab('消杀')
    await units.linkPlace('好邻居便利店店面')
    await app.apiData('disinfection.log', {
      placeId: 1,
      doneAt: '2026-02-03 03:00',
      agent: '含氯消毒液',
      concentration: '500 mg/L',
      method: 'spray',
      operator: '陈老板',
      checker: '',
      note: ''
    })
    await app.page.reload()
    await units.unit.waitFor()
    await units.tab('复工')
    await units.applyReopen()
    expect(await units.status()).toBe('申请复工')
    const items = await units.checklist()
    expect(items.find((t) => t.startsWith('全部从业人员已登记'))).toContain('符合')
    expect(items.find((t) => t.startsWith('外地返回人员已观察'))).toContain('符合')
    await app.screenshot('units-reopen')
    await units.approveReopen('街道同意复工')
    expect(await units.status()).toBe('已复工')
  })

  it('logs an inspection with a rectification by a date', async () => {
    await units.tab('巡查')
    await units.inspect({ inspector: '李网格长', findings: ['口罩', '通风'], note: '店员未戴口罩，门窗紧闭', rectifyBy: '2026-02-05' })
    const rows = await units.inspectionRows()
    expect(rows[0]).toContain('口罩、通风')
    expect(rows[0]).toContain('2026-02-05')
    expect(rows[0]).toContain('整改中')
    await app.screenshot('units-inspection')
  })

  it('exports the 从业人员登记表 from the 台账, numbers masked', async () => {
    await shell.navigate('商铺单位')
    // The 台账 loads after the page opens: wait for its first row rather than read an empty table.
    await expect.poll(async () => (await units.listRows())[0] ?? '').toContain('已复工')
    await app.screenshot('units-list')
    const file = await units.export('导出从业人员登记表')
    expect(file.name).toBe('从业人员登记表-2026-02-03.xlsx')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(file.bytes as unknown as ArrayBuffer)
    const values = book.worksheets[0]?.getRow(6).values as unknown[]
    expect(values.slice(1, 5)).toEqual(['好邻居便利店', '李返岗', expect.stringMatching(/^420102\*+4567$/), '137****1111'])
  })
})
