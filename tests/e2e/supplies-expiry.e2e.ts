import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HomePage } from './pages/home.page'
import { ShellPage } from './pages/shell.page'
import { SuppliesPage } from './pages/supplies.page'
import { startApp } from './support/app'
import type { RunningApp } from './support/app'

const GEL = { name: '84消毒液', category: 'disinfectant', spec: '500ml', unit: '瓶', warningLevel: 50, hasBatches: true, notes: '' } as const

/** A day counted from today on the office's clock (the backend's), 'YYYY-MM-DD'. */
function dayFromToday(days: number): string {
  const d = new Date()
  d.setDate(d.getDate() + days)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

const EXPIRED = dayFromToday(-10)
const SOON = dayFromToday(10)
const LATER = dayFromToday(200)

describe('物资: an expired batch kept apart, a stocktake of two batches, and the alerts on 首页', () => {
  let app: RunningApp
  let shell: ShellPage
  let supplies: SuppliesPage
  let home: HomePage

  beforeAll(async () => {
    app = await startApp()
    shell = new ShellPage(app.page)
    supplies = new SuppliesPage(app.page)
    home = new HomePage(app.page)
    await shell.openAndSetUp(app.url)
    await app.apiData('supplies.saveItem', GEL)
    // A corridor last done three days ago on a once-a-day schedule: overdue.
    const place = await app.apiData('disinfection.savePlace', {
      name: '3栋楼道',
      kind: 'corridor',
      building: '3栋',
      gridId: null,
      schedule: 'per_day',
      timesPerDay: 1,
      intervalDays: 1,
      active: true,
      notes: ''
    })
    const at = `${dayFromToday(-3)} 09:00`
    await app.apiData('disinfection.log', {
      placeId: place.id,
      doneAt: at,
      agent: '含氯消毒液',
      concentration: '含氯 500 mg/L',
      method: 'spray',
      operator: '刘师傅',
      checker: '',
      note: ''
    })
  })

  afterAll(async () => {
    if (app) expect(await app.stop()).toBe(0)
  })

  it('receives a batch in date without a warning', async () => {
    await shell.navigate('物资')
    await supplies.stock.waitFor()
    expect(await supplies.typeBatchReceipt(GEL.name, 7000, 'B-GOOD', LATER)).toBe('')
    await supplies.saveAndRead('已入库')
    expect(await supplies.stockOf(GEL.name)).toBe('7000')
  })

  it('warns of an expired batch, refuses it until confirmed, then keeps it out of usable stock', async () => {
    const warning = await supplies.typeBatchReceipt(GEL.name, 100, 'B-OLD', EXPIRED)
    expect(warning).toContain(`这个批次已于 ${EXPIRED} 过期`)
    expect(warning).toContain('不计入可用库存')
    await app.screenshot('supplies-expired-warning')
    expect(await supplies.saveRefused()).toContain('请勾选“确认登记已过期批次”')
    expect((await app.apiData('supplies.items', {}))[0]?.stock).toBe(7000)
    const toast = await supplies.confirmExpiredAndSave()
    expect(toast).toContain('批号 B-OLD 已过期')
    // The 7100 of the issue: 7000 usable, 100 expired, shown apart.
    await expect.poll(() => supplies.expiredOf(GEL.name)).toBe('100 瓶')
    expect(await supplies.stockOf(GEL.name)).toBe('7000')
    await app.screenshot('supplies-expired-stock')
  })

  it('warns of a batch that expires within 30 days', async () => {
    const warning = await supplies.typeBatchReceipt(GEL.name, 50, 'B-SOON', SOON)
    expect(warning).toContain(`这个批次将于 ${SOON} 到期（还有 10 天）`)
    await supplies.saveAndRead('已入库')
    expect(await supplies.stockOf(GEL.name)).toBe('7050')
  })

  it('shows usable and expired apart in the item drawer, batch by batch', async () => {
    expect(await supplies.openItem(GEL.name)).toEqual({ usable: '7050', expired: '100' })
    const rows = await supplies.drawerBatchRows()
    expect(rows.map((r) => [r[0], r[3]?.replace(/\s+/g, '')])).toEqual([
      ['B-OLD', '已过期10天'],
      ['B-SOON', '还有10天到期'],
      ['B-GOOD', '可用']
    ])
    await app.screenshot('supplies-item-drawer')
    await supplies.closeDrawer()
  })

  it('counts two batches in one stocktake, each difference a line of its own', async () => {
    const toast = await supplies.stocktake(GEL.name, { 'B-GOOD': 6990, 'B-OLD': 100 })
    expect(toast).toMatch(/已盘点，单号 PD\d{8}-0001，结存 7140 瓶/)
    const ledger = await app.apiData('supplies.ledger', { kind: 'count' })
    expect(ledger.rows.map((l) => [l.batchNo, l.quantity, l.counted]).sort()).toEqual([
      ['B-GOOD', -10, 6990],
      ['B-OLD', 0, 100]
    ])
    expect(await supplies.stockOf(GEL.name)).toBe('7040')
    expect(await supplies.expiredOf(GEL.name)).toBe('100 瓶')
  })

  it('lists the overdue place and the expired and expiring batches on 首页, each opening its place or item', async () => {
    await shell.navigate('首页')
    const lines = await home.alertLines()
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatch(/^逾期消杀 ?3栋楼道（每天 1 次，逾期 \d 天/)
    expect(lines[1]).toMatch(new RegExp(`^物资已过期 ?84消毒液 批号 B-OLD：100 瓶，已于 ${EXPIRED} 过期，不能发放，请报损`))
    expect(lines[2]).toMatch(new RegExp(`^物资将到期 ?84消毒液 批号 B-SOON：50 瓶，${SOON} 到期（还有 10 天），请优先发放`))
    await app.screenshot('home-alerts')

    await home.openAlert('B-OLD')
    expect(await supplies.readDrawer()).toEqual({ usable: '7040', expired: '100' })
    await supplies.closeDrawer()

    await shell.navigate('首页')
    await home.openAlert('3栋楼道')
    const row = app.page.getByTestId('places-table').locator('tr.focus-row')
    await row.waitFor()
    expect(await row.textContent()).toContain('3栋楼道')
    await app.screenshot('home-alert-place')
    // The one refusal the spec asked for (an expired batch not yet confirmed) is the only 4xx the browser logged.
    expect(app.consoleErrors.filter((e) => !e.includes('422 (Unprocessable Entity) (http://127.0.0.1'))).toEqual([])
    expect(app.consoleErrors.filter((e) => e.includes('/api/supplies.receive'))).toHaveLength(1)
  })
})
