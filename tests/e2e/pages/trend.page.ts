import type { Locator, Page } from 'playwright-core'

/** What one drawn chart shows: its legend's words, how many SVG paths carry a drawing, its accessible summary. */
export interface DrawnChart {
  legend: string[]
  paths: number
  ariaLabel: string
}

/** The trend pictures (首页 近期趋势, 每日报表 趋势, the print view's 近 14 天趋势) and the 本周 vs 上周 table. */
export class TrendPage {
  readonly reportPanel: Locator
  readonly homeCard: Locator
  readonly printSection: Locator

  constructor(readonly page: Page) {
    this.reportPanel = page.getByTestId('report-trend')
    this.homeCard = page.getByTestId('home-trend')
    this.printSection = page.getByTestId('report-print-trend')
  }

  chart(scope: Locator, id: string): Locator {
    return scope.getByTestId(`trend-chart-${id}`)
  }

  /** Resolves once the chart's SVG has a drawn path (the library chunk loaded and the box had a size). */
  async waitDrawn(scope: Locator, id: string): Promise<void> {
    await this.chart(scope, id).locator('svg path[d]').first().waitFor({ state: 'attached' })
  }

  /** Reads a drawn chart: legend texts (SVG <text>), non-empty paths, and the aria-label a screen reader reads. */
  async read(scope: Locator, id: string): Promise<DrawnChart> {
    await this.waitDrawn(scope, id)
    const chart = this.chart(scope, id)
    const texts = await chart.locator('svg text').allTextContents()
    const paths = await chart.locator('svg path').evaluateAll((els) => els.filter((e) => (e.getAttribute('d') ?? '').length > 10).length)
    const ariaLabel = (await chart.locator('[role="img"]').first().getAttribute('aria-label')) ?? ''
    return { legend: texts.map((t) => t.trim()).filter(Boolean), paths, ariaLabel }
  }

  /** 近 14 天 / 近 30 天: clicks the choice and waits for the pictures to start on `firstDay`. */
  async chooseDays(scope: Locator, days: 14 | 30, firstDay: string): Promise<void> {
    await scope
      .locator('.el-radio-button')
      .filter({ hasText: `近 ${days} 天` })
      .click()
    await scope.locator(`[role="img"][aria-label*="${firstDay} 至"]`).first().waitFor()
  }

  /** The 本周 vs 上周 table: 项目 -> [本周, 上周, 变化]. */
  async weekRows(): Promise<Map<string, [string, string, string]>> {
    const rows = await this.reportPanel
      .getByTestId('report-week-table')
      .locator('.el-table__body tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td: { textContent: string | null }) => (td.textContent ?? '').trim())))
    return new Map(rows.map(([label, a, b, c]) => [label ?? '', [a ?? '', b ?? '', c ?? ''] as [string, string, string]]))
  }

  /** Opens 按日数据表 and reads it: 项目（单位） -> the day's values. */
  async dataTable(): Promise<Map<string, number[]>> {
    await this.reportPanel.getByText('按日数据表').click()
    const table = this.reportPanel.getByTestId('trend-table')
    await table.waitFor()
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map(
          (tr) =>
            [
              (tr.querySelector('th')?.textContent ?? '').trim(),
              Array.from(tr.querySelectorAll('td'), (td: { textContent: string | null }) => Number((td.textContent ?? '').trim()))
            ] as const
        )
      )
    return new Map(rows.map(([label, values]) => [label, [...values]]))
  }
}
