import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DisinfectionPage, SuppliesPage } from './pages/supplies.page'
import { ShellPage } from './pages/shell.page'
import { REPO_ROOT, startApp } from './support/app'
import type { RunningApp } from './support/app'

const MASKS = { name: '一次性医用口罩', spec: '17.5×9.5cm', unit: '个', warningLevel: 100 }

/** The office's current month, as the backend books it. */
function thisMonth(): string {
  const now = new Date()
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`
}

describe('物资台账: receive, issue, household campaign, count, monthly export', () => {
  let app: RunningApp
  let shell: ShellPage
  let supplies: SuppliesPage

  beforeAll(async () => {
    app = await startApp()
    shell = new ShellPage(app.page)
    supplies = new SuppliesPage(app.page)
    await shell.openAndSetUp(app.url)
    // The register is another module's screen; its households are the campaign's checklist.
    for (const room of ['301', '302', '401']) {
      await app.apiData('households.create', { address: { compound: '幸福里小区', building: '3栋', unit: '1单元', room }, tenure: 'owned', notes: '' })
    }
    await app.apiData('households.create', { address: { compound: '幸福里小区', building: '5栋', unit: '1单元', room: '101' }, tenure: 'owned', notes: '' })
    // The checkpoints are another module's screen; an 出库 picks from them.
    await app.apiData('checkpoints.create', { name: '东门卡口', place: '幸福路 1 号', kind: 'both', hours: '24小时' })
    await app.apiData('checkpoints.create', { name: '西门卡口', place: '幸福路 9 号', kind: 'pedestrian', hours: '' })
  })

  afterAll(async () => {
    if (app) expect(await app.stop()).toBe(0)
  })

  it('receives masks from the street office and issues some to a checkpoint', async () => {
    await shell.navigate('物资')
    await supplies.stock.waitFor()
    await supplies.createItem(MASKS)
    expect(await supplies.stockOf(MASKS.name)).toBe('0')
    expect(await supplies.receive(MASKS.name, 1000, '街道下拨', '幸福街道办事处')).toMatch(/单号 RK\d{8}-0001，结存 1000 个/)
    expect(await supplies.issue(MASKS.name, 200, { kindLabel: '卡口', name: '东门卡口', receiver: '李卡口' })).toMatch(/单号 CK\d{8}-0001，结存 800 个/)
    expect(await supplies.stockOf(MASKS.name)).toBe('800')
    const refusal = await supplies.issueRefused(MASKS.name, 900, '西门卡口')
    expect(refusal).toBe('库存不足：“一次性医用口罩”现有可用 800 个，本次需要 900 个。')
    await app.page.locator('.el-message').last().waitFor({ state: 'detached' })
    await app.screenshot('supplies-stock')
  })

  it('runs a household campaign for one building; a household is not served twice', async () => {
    await supplies.tab('住户发放')
    await supplies.createCampaign('口罩发放第一轮', MASKS.name, 10)
    await supplies.pickBuilding('3栋')
    await supplies.markReceived('301', '张建国')
    await supplies.markReceived('302', '李梅')
    const rows = await supplies.checklistRows()
    expect(rows.map((r) => [r[0], r[1], r[2]])).toEqual([
      ['幸福里小区 3栋 1单元 301', '已领取', '张建国'],
      ['幸福里小区 3栋 1单元 302', '已领取', '李梅'],
      ['幸福里小区 3栋 1单元 401', '未领取', '']
    ])
    // The button is gone for a household that has received; the backend refuses a second issue anyway.
    const campaigns = await app.apiData('supplies.campaigns', {})
    const households = await app.apiData('supplies.checklist', { campaignId: campaigns[0]!.id, compound: '幸福里小区', building: '3栋' })
    const again = await app.api('supplies.campaignReceive', {
      campaignId: campaigns[0]!.id,
      householdId: households.rows[0]!.householdId,
      collectedBy: '张建国'
    })
    expect(again.envelope).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    await expect.poll(() => supplies.root.getByTestId('campaign-buildings').textContent()).toContain('2/3')
    await app.screenshot('supplies-campaign')
  })

  it('counts the stock with a difference, which becomes an adjustment line', async () => {
    await supplies.tab('当前库存')
    expect(await supplies.stockOf(MASKS.name)).toBe('780')
    expect(await supplies.count(MASKS.name, 775)).toBe('，差异 -5')
    expect(await supplies.stockOf(MASKS.name)).toBe('775')
    await supplies.tab('出入库明细')
    const rows = await supplies.ledgerRows()
    expect(rows[0]?.slice(3, 6)).toEqual(['盘点调整', '-5 个', '780 → 775'])
    expect(rows.map((r) => r[3])).toEqual(['盘点调整', '出库', '出库', '出库', '入库'])
    await app.screenshot('supplies-ledger')
  })

  it('exports the monthly 物资台账, whose totals balance', async () => {
    await supplies.tab('月度汇总')
    await supplies.monthly.locator('.el-table__body tr').first().waitFor()
    await app.screenshot('supplies-monthly')
    const download = await supplies.exportMonthly()
    const month = thisMonth()
    expect(download.suggestedFilename()).toBe(`物资台账-${month.replace('-', '年')}月.xlsx`)
    const dir = path.join(REPO_ROOT, 'test-results/e2e')
    await mkdir(dir, { recursive: true })
    const file = path.join(dir, 'supplies-monthly.xlsx')
    await download.saveAs(file)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(file)
    const sheet = workbook.getWorksheet('物资台账')!
    expect(String(sheet.getCell('A2').value)).toContain('填报单位：')
    const row = (sheet.getRow(5).values as unknown[]).slice(1)
    // 序号 名称 类别 规格 单位 | 期初 入库 出库 盘点 报损 期末 | 其中可用 其中已过期 (masks have no expiry)
    expect(row).toEqual([1, MASKS.name, '防护用品', MASKS.spec, '个', 0, 1000, 220, -5, 0, 775, 775, 0])
    const [opening, received, issued, adjusted, lost, closing] = row.slice(5) as number[]
    expect(opening! + received! - issued! + adjusted! - lost!).toBe(closing)
    expect(String(closing)).toBe(
      await (async () => {
        await supplies.tab('当前库存')
        return supplies.stockOf(MASKS.name)
      })()
    )
    expect(workbook.getWorksheet('出入库明细')!.rowCount).toBe(4 + 5)
  })
})

describe('消杀: places, log, day sheet', () => {
  let app: RunningApp
  let shell: ShellPage
  let disinfection: DisinfectionPage

  beforeAll(async () => {
    app = await startApp()
    shell = new ShellPage(app.page)
    disinfection = new DisinfectionPage(app.page)
    await shell.openAndSetUp(app.url)
  })

  afterAll(async () => {
    if (app) expect(await app.stop()).toBe(0)
  })

  it('adds places, logs a disinfection, and prints the day sheet on A4', async () => {
    await shell.navigate('消杀')
    await disinfection.places.waitFor()
    await disinfection.addPlace('3栋楼道', '楼道', '3栋', 2)
    await disinfection.addPlace('3栋电梯', '电梯', '3栋', 1)
    await disinfection.log('3栋楼道', '刘师傅', '陈主任')
    await app.screenshot('disinfection-places')
    const sheet = await disinfection.openDaySheet()
    // 3栋楼道 twice (once done), 3栋电梯 once.
    expect(await sheet.locator('tbody tr').count()).toBe(3)
    await expect.poll(() => sheet.locator('tbody tr').filter({ hasText: '3栋楼道' }).first().textContent()).toContain('刘师傅')
    await app.screenshot('disinfection-day-sheet')
    const dir = path.join(REPO_ROOT, 'test-results/e2e')
    await app.page.emulateMedia({ media: 'print' })
    const pdf = await app.page.pdf({ path: path.join(dir, 'disinfection-day-sheet.pdf'), format: 'A4', preferCSSPageSize: true })
    await app.page.emulateMedia({ media: 'screen' })
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF')
  })

  it('prints a long day sheet on several A4 pages, the heading repeated on each', async () => {
    for (let i = 1; i <= 40; i++) {
      const name = `${i}号楼楼道`
      await app.apiData('disinfection.savePlace', {
        name,
        kind: 'corridor',
        building: `${i}栋`,
        gridId: null,
        schedule: 'per_day',
        timesPerDay: 1,
        intervalDays: 1,
        active: true,
        notes: ''
      })
    }
    await app.page.reload()
    const sheet = app.page.getByTestId('day-sheet')
    await expect.poll(() => sheet.locator('tbody tr').count()).toBe(43)
    await app.page.emulateMedia({ media: 'print' })
    const pdf = await app.page.pdf({ path: path.join(REPO_ROOT, 'test-results/e2e/disinfection-day-sheet-long.pdf'), format: 'A4', preferCSSPageSize: true })
    await app.page.emulateMedia({ media: 'screen' })
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []
    expect(pages.length).toBeGreaterThan(1)
  })
})
