import type { Locator, Page } from 'playwright-core'
import { chosenTags, pickMany } from './element'
import { ExportControl } from './excel.page'
import { setDate } from './returnees.page'

/** 健康监测: the worklists, keyboard check entry, release, print, the 居家观察台账 export. */
export class MonitoringPage {
  readonly summary: Locator

  constructor(readonly page: Page) {
    this.summary = page.getByTestId('monitoring-summary')
  }

  async waitFor(): Promise<void> {
    await this.summary.waitFor()
  }

  async setDay(date: string): Promise<void> {
    await setDate(this.page, 'monitoring-day', date)
    await this.page.waitForFunction(`document.querySelector('[data-testid="monitoring-day"] input')?.value === ${JSON.stringify(date)}`)
    await this.page.locator('.el-loading-mask').first().waitFor({ state: 'hidden' })
  }

  async tab(list: 'due' | 'abnormal' | 'ending' | 'missed'): Promise<void> {
    await this.page.getByTestId(`worklist-tab-${list}`).click()
  }

  row(name: string): Locator {
    return this.page.getByTestId(`check-row-${name}`)
  }

  /** Types the morning temperature, Tab to the evening, types it and presses Enter (save, next person). */
  async enterTemperatures(name: string, morning: string, evening: string): Promise<void> {
    const row = this.row(name)
    await row.getByTestId('check-morning').fill(morning)
    await row.getByTestId('check-morning').press('Tab')
    await this.page.keyboard.type(evening)
    await this.page.keyboard.press('Enter')
    await row.locator('.done').waitFor()
  }

  /** The people of the 待测温 grid, top to bottom. */
  async gridNames(): Promise<string[]> {
    await this.page.getByTestId('check-entry').waitFor()
    const ids = await this.page
      .getByTestId('check-entry')
      .locator('tbody tr[data-testid^="check-row-"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid') ?? ''))
    return ids.map((id) => id.replace('check-row-', ''))
  }

  /**
   * Types readings blind, as a clerk reading from a paper list: click the first morning box
   * once, then for each person the morning, Tab, the evening (if any), Enter, never looking.
   */
  async typeBlind(readings: readonly (readonly [string, string])[]): Promise<void> {
    await this.page.getByTestId('check-entry').getByTestId('check-morning').first().click()
    for (const [morning, evening] of readings) {
      await this.page.keyboard.type(morning)
      if (evening) {
        await this.page.keyboard.press('Tab')
        await this.page.keyboard.type(evening)
      }
      await this.page.keyboard.press('Enter')
    }
  }

  /** Where the keyboard is: the focused box's test id and the row it sits in. */
  async focused(): Promise<{ box: string; row: string }> {
    return (await this.page.evaluate(
      "({ box: document.activeElement?.getAttribute('data-testid') ?? '', row: document.activeElement?.closest('tr')?.getAttribute('data-testid') ?? '' })"
    )) as { box: string; row: string }
  }

  /** What a reading box of a person's row shows now. */
  reading(name: string, field: 'morning' | 'evening'): Promise<string> {
    return this.row(name).getByTestId(`check-${field}`).inputValue()
  }

  /** Resolves once the given number of rows of the grid show ✓ (saved). */
  async waitSaved(count: number): Promise<void> {
    await this.page
      .getByTestId('check-entry')
      .locator('.done')
      .nth(count - 1)
      .waitFor()
  }

  /**
   * One person's check with the mouse: types the morning temperature, picks the 症状 in the
   * row's multi-select, clicks 保存; resolves when the row shows it saved.
   */
  async checkWithSymptoms(name: string, morning: string, symptoms: string[]): Promise<void> {
    const row = this.row(name)
    await row.getByTestId('check-morning').fill(morning)
    await pickMany(this.page, row.getByTestId('check-symptoms'), symptoms)
    await row.getByTestId('check-save').click()
    await row.locator('.done').waitFor()
  }

  /** The 症状 chosen in a person's row of the 待测温 grid, as its tags show them (collapsed: '+ 1'). */
  symptomTags(name: string): Promise<string[]> {
    return chosenTags(this.row(name).getByTestId('check-symptoms'))
  }

  /** A person's row in one of the read-only worklists (异常, 期满, 漏测), as text. */
  async worklistRow(list: 'abnormal' | 'ending' | 'missed', name: string): Promise<string> {
    await this.tab(list)
    const row = this.page.getByTestId(`worklist-${list}`).locator('.el-table__body tr', { hasText: name }).first()
    await row.waitFor()
    return row.innerText()
  }

  async isRed(name: string): Promise<boolean> {
    return (await this.row(name).getAttribute('class'))?.includes('abnormal') ?? false
  }

  async releaseFromEnding(name: string): Promise<void> {
    await this.tab('ending')
    await this.page.getByTestId(`release-${name}`).click()
    await this.page.locator('.el-message--success', { hasText: `${name} 已解除观察` }).waitFor()
  }

  /**
   * 导出居家观察台账 through the page's 导出 control: itemTestId is 'export-xlsx', 'export-template-居家观察台账' ...;
   * includeClosed ticks or unticks 含已解除 first.
   */
  async exportLedger(itemTestId: string, includeClosed = false, whileOpen?: () => Promise<unknown>): Promise<{ name: string; bytes: Buffer }> {
    const box = this.page.getByTestId('ledger-include-closed')
    if (((await box.getAttribute('class')) ?? '').includes('is-checked') !== includeClosed) await box.click()
    return new ExportControl(this.page, this.page.getByTestId('monitoring-export')).export(itemTestId, whileOpen)
  }

  /** The printed sheet's rows as text, one array per row. */
  async sheetRows(): Promise<string[][]> {
    await this.page.getByTestId('daily-sheet-row').first().waitFor()
    const rows = this.page.getByTestId('daily-sheet-row')
    const out: string[][] = []
    for (let i = 0; i < (await rows.count()); i++) out.push((await rows.nth(i).locator('td').allInnerTexts()).map((t) => t.trim()))
    return out
  }
}
