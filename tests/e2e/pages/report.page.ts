import type { Locator, Page } from 'playwright-core'
import { read } from './excel.page'

/** 每日报表: the day's figures by group, 复制为文字, 报送 / 更正, the export and the print view. */
export class ReportPage {
  readonly root: Locator
  readonly differences: Locator
  readonly submissions: Locator
  readonly submitButton: Locator
  readonly textBox: Locator
  readonly printPage: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('report-page')
    this.differences = page.getByTestId('report-differences')
    this.submissions = page.getByTestId('report-submissions')
    this.submitButton = page.getByTestId('report-submit')
    this.textBox = page.locator('[data-testid="report-text"] textarea, textarea[data-testid="report-text"]')
    this.printPage = page.getByTestId('report-print-page')
  }

  /** From the sidebar; resolves when the figures are shown. */
  async open(): Promise<void> {
    await this.page.getByTestId('main-menu').getByRole('menuitem', { name: '每日报表', exact: true }).click()
    await this.root.getByTestId('report-group-returnees').waitFor()
  }

  async reload(): Promise<void> {
    await this.root.getByRole('button', { name: '刷新' }).click()
  }

  /** A figure's number as the clerk reads it. */
  async figure(key: string): Promise<number> {
    const text = await this.root.getByTestId(`figure-${key}`).locator('.value b').innerText()
    return Number(text.trim())
  }

  /** The definition shown when the mouse rests on a figure's name. */
  async definitionOf(key: string): Promise<string> {
    await this.root.getByTestId(`figure-${key}`).locator('.label').hover()
    const tip = this.page.locator('.el-popper[role="tooltip"]:visible').last()
    await tip.waitFor()
    const text = (await tip.innerText()).trim()
    await this.page.mouse.move(0, 0)
    return text
  }

  /** 复制为文字: the message as shown in its dialog (closed afterwards). */
  async copyText(): Promise<string> {
    await this.root.getByTestId('report-copy').click()
    await this.textBox.waitFor()
    const text = await this.textBox.inputValue()
    await this.page.keyboard.press('Escape')
    await this.textBox.waitFor({ state: 'hidden' })
    return text
  }

  /** 报送 (or 提交更正): the people and a note typed key by key, then the dialog's button. */
  async submit(values: { reporter?: string; phone?: string; reviewer?: string; note: string }): Promise<void> {
    await this.submitButton.click()
    const form = this.page.getByTestId('report-submit-form')
    await form.waitFor()
    for (const [id, value] of [
      ['report-reporter', values.reporter],
      ['report-phone', values.phone],
      ['report-reviewer', values.reviewer],
      ['report-note', values.note]
    ] as const) {
      if (value === undefined) continue
      // Element Plus hands an el-input's attributes to its native input or textarea.
      const box = form.locator(`input[data-testid="${id}"], textarea[data-testid="${id}"]`)
      await box.click()
      await box.press('Control+A')
      await this.page.keyboard.type(value)
    }
    await this.page.getByTestId('report-submit-confirm').click()
    await form.waitFor({ state: 'hidden' })
  }

  /** The differences table: 项目 -> [已报送, 现在]. */
  async readDifferences(): Promise<Map<string, [string, string]>> {
    const rows = await this.differences
      .locator('.el-table__body tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td: { textContent: string | null }) => (td.textContent ?? '').trim())))
    return new Map(rows.map(([label, sent, now]) => [label ?? '', [sent ?? '', now ?? ''] as [string, string]]))
  }

  async exportDay(): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.root.getByTestId('report-export').click()])
    return read(download)
  }

  async exportSubmission(id: number): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.root.getByTestId(`report-submission-export-${id}`).click()])
    return read(download)
  }

  /** 按原样打印 of a submission: resolves on the print view with its table. */
  async openPrintOf(id: number): Promise<void> {
    await this.root.getByTestId(`report-submission-print-${id}`).click()
    await this.printPage.getByTestId('report-print-table').waitFor()
  }

  /** The print view's rows: 项目 -> 数值 as printed. */
  async printedFigures(): Promise<Map<string, string>> {
    const rows = await this.printPage
      .getByTestId('report-print-table')
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td: { textContent: string | null }) => (td.textContent ?? '').trim())))
    // A group's first row starts with the group cell (rowspan): the label is then the second cell.
    return new Map(
      rows.filter((cells) => cells.length >= 3).map((cells) => (cells.length === 4 ? [cells[1] ?? '', cells[2] ?? ''] : [cells[0] ?? '', cells[1] ?? '']))
    )
  }
}
