import type { Locator, Page } from 'playwright-core'

/** 卡口登记: the gate screen, driven with the keyboard only. */
export class GatePage {
  readonly root: Locator
  readonly form: Locator
  readonly recent: Locator
  readonly feverBanner: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('gate-page')
    this.form = page.getByTestId('gate-form')
    this.recent = page.getByTestId('gate-recent')
    this.feverBanner = page.getByTestId('gate-fever')
  }

  async chooseCheckpoint(name: string): Promise<void> {
    await this.page.getByTestId('gate-checkpoint').click()
    await this.page.locator('.el-select-dropdown:visible .el-select-dropdown__item').filter({ hasText: name }).click()
    await this.form.waitFor()
  }

  /** The element that has the keyboard focus, by its data-testid (inputs carry them directly). */
  focusedTestId(): Promise<string | null> {
    return this.page.evaluate('document.activeElement && document.activeElement.getAttribute("data-testid")') as Promise<string | null>
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text)
  }

  async press(...keys: string[]): Promise<void> {
    for (const key of keys) await this.page.keyboard.press(key)
  }

  /** Waits until the list of today's entries holds n rows. */
  async waitForRecentCount(n: number): Promise<void> {
    await this.recent.locator('.el-table__body tr').nth(n - 1).waitFor()
  }

  async recentRows(): Promise<string[][]> {
    return this.recent.locator('.el-table__body tr').evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td: { textContent: string | null }) => (td.textContent ?? '').trim()))
    )
  }

  async isRed(): Promise<boolean> {
    return (await this.form.getAttribute('class'))?.includes('fever') ?? false
  }
}
