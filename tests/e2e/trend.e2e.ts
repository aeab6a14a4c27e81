import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { computeCheckChar } from '../../shared/domain/id-card'
import { ReportPage } from './pages/report.page'
import { ShellPage } from './pages/shell.page'
import { TrendPage } from './pages/trend.page'
import { REPO_ROOT, startApp } from './support/app'
import type { RunningApp } from './support/app'

const TODAY = '2026-03-10'
const wuhan = { province: '湖北省', city: '武汉市', district: '江岸区' }
const base = { origin: wuhan, via: '', transport: 'train' as const, transportNo: 'G1234', companions: [], reason: '探亲', notes: '' }

/** Weeks of returnees, a release today, gate traffic and a key supply, then the pictures on 首页, 每日报表 and its print. */
describe('趋势图: 首页, 每日报表 and the printed report', () => {
  let app: RunningApp
  let trend: TrendPage
  let report: ReportPage

  beforeAll(async () => {
    app = await startApp({ now: `${TODAY}T03:00:00Z` })
    await new ShellPage(app.page).openAndSetUp(app.url)
    const household = await app.apiData('households.create', {
      address: { compound: '幸福里小区', building: '3栋', unit: '2单元', room: '301' },
      tenure: 'owned',
      notes: ''
    })
    const people: number[] = []
    for (const [name, first17] of [
      ['曾小明', '11010119800101123'],
      ['单田芳', '11010119750505234'],
      ['欧阳娜', '11010119900909345'],
      ['司马光', '11010119660606456']
    ] as const) {
      const r = await app.apiData('residents.create', {
        name,
        idType: 'mainland',
        idNumber: first17 + computeCheckChar(first17),
        sex: null,
        birthDate: null,
        phones: [],
        tags: [],
        personType: 'registered',
        relation: null,
        notes: '',
        householdId: household.id
      })
      people.push(r.id)
    }
    const [a = 0, b = 0, c = 0, d = 0] = people
    // 司马光 from 02-10 (inside 30 days, before 14), released today; the others start inside the 14 days.
    const returns = [
      [d, '2026-02-10', 'home_observation'],
      [b, '2026-02-28', 'home_isolation'],
      [a, '2026-03-01', 'home_observation'],
      [c, '2026-03-09', 'health_monitoring']
    ] as const
    const trips = []
    for (const [residentId, returnDate, kind] of returns)
      trips.push(await app.apiData('returnees.register', { residentId, returnDate, ...base, episode: { kind } }))
    await app.apiData('monitoring.setStatus', { episodeId: trips[0]?.episode?.id ?? 0, status: 'released', reason: '期满解除' })
    const gate = await app.apiData('checkpoints.create', { name: '东门', place: '', kind: 'both', hours: '24小时' })
    const entry = { checkpointId: gate.id, who: 'visitor' as const, residentId: null, phone: '13600004444', reason: '送餐', plate: '', passNumber: '' }
    await app.apiData('gate.register', { ...entry, direction: 'in', name: '外卖员', temperature: 36.5, action: 'pass' })
    await app.apiData('gate.register', { ...entry, direction: 'in', name: '快递员', temperature: 38.2, action: 'turn_back' })
    await app.apiData('gate.register', { ...entry, direction: 'out', name: '外卖员', temperature: 36.4, action: 'pass' })
    const masks = await app.apiData('supplies.saveItem', {
      name: '医用口罩',
      category: 'protective',
      spec: '',
      unit: '个',
      warningLevel: 10,
      hasBatches: false,
      notes: ''
    })
    await app.apiData('supplies.receive', { itemId: masks.id, quantity: 500, source: 'allocated', counterpartName: '幸福街道办事处', note: '' })
    trend = new TrendPage(app.page)
    report = new ReportPage(app.page)
  })

  afterAll(async () => {
    if (app) expect(await app.stop()).toBe(0)
  })

  it('draws 在观察, 新增与解除 and 卡口进出 on 首页, and switches to 30 days', async () => {
    await app.page.reload()
    const observing = await trend.read(trend.homeCard, 'observing')
    expect(observing.legend).toEqual(expect.arrayContaining(['居家观察', '居家隔离', '集中隔离', '健康监测']))
    expect(observing.paths).toBeGreaterThan(3)
    expect(observing.ariaLabel).toContain('2026-02-25 至 2026-03-10')
    expect(observing.ariaLabel).toContain('在观察·居家观察：最近一天 1 人')
    const flow = await trend.read(trend.homeCard, 'flow')
    expect(flow.legend).toEqual(expect.arrayContaining(['新增观察', '解除观察']))
    expect((await trend.read(trend.homeCard, 'gate')).ariaLabel).toContain('卡口进：最近一天 2 人次')
    await trend.homeCard.scrollIntoViewIfNeeded()
    await app.screenshot('trend-home')
    await trend.chooseDays(trend.homeCard, 30, '2026-02-09')
    // 司马光's 02-10 start is inside 30 days: his observation shows, and its end today.
    expect((await trend.read(trend.homeCard, 'observing')).ariaLabel).toContain('在观察·居家观察：最近一天 1 人，30 天最高 2 人')
    await app.screenshot('trend-home-30')
  })

  it('draws every picture on 每日报表 with 本周 vs 上周 and the numbers in a table', async () => {
    await report.open()
    await trend.reportPanel.scrollIntoViewIfNeeded()
    for (const id of ['observing', 'flow', 'abnormal', 'gate', 'disinfection', 'stock']) {
      const drawn = await trend.read(trend.reportPanel, id)
      expect(drawn.paths, id).toBeGreaterThan(1)
    }
    expect((await trend.read(trend.reportPanel, 'stock')).legend).toContain('医用口罩')
    expect((await trend.read(trend.reportPanel, 'stock')).ariaLabel).toContain('医用口罩：最近一天 500 个')
    expect((await trend.read(trend.reportPanel, 'abnormal')).ariaLabel).toContain('异常：最近一天 1 人')
    const week = await trend.weekRows()
    // This week (03-04..03-10) started 欧阳娜; last week (02-25..03-03) 单田芳 and 曾小明.
    expect(week.get('新增观察')?.slice(0, 2)).toEqual(['1 人', '2 人'])
    expect(week.get('解除观察')).toEqual(['1 人', '0 人', '↑ +1'])
    expect(week.get('卡口进')?.[0]).toBe('2 人次')
    const table = await trend.dataTable()
    // 02-25 … 03-10: 单田芳 on 02-28, 曾小明 on 03-01, 欧阳娜 on 03-09.
    expect(table.get('新增观察（人）')).toEqual([0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0])
    expect(table.get('解除观察（人）')?.at(-1)).toBe(1)
    await trend.chart(trend.reportPanel, 'observing').scrollIntoViewIfNeeded()
    await app.screenshot('trend-report')
    expect(app.consoleErrors).toEqual([])
  })

  it('prints the report with its pictures, readable in black and white', async () => {
    await report.root.getByTestId('report-print').click()
    await report.printPage.getByTestId('report-print-table').waitFor()
    const printed = await trend.read(trend.printSection, 'observing')
    expect(printed.legend).toContain('居家隔离')
    await app.screenshot('trend-print')
    const file = path.join(REPO_ROOT, 'test-results/e2e/report-with-trend.pdf')
    const pdf = await app.page.pdf({ path: file, format: 'A4', preferCSSPageSize: true })
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF')
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length).toBeGreaterThanOrEqual(2)
    try {
      execFileSync('pdftoppm', ['-png', '-gray', '-r', '60', file, file.replace(/\.pdf$/, '')])
    } catch {
      // pdftoppm is only for looking at the pages; its absence does not fail the flow.
    }
    expect(app.consoleErrors).toEqual([])
  })
})
