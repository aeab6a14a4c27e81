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
    await this.recent
      .locator('.el-table__body tr')
      .nth(n - 1)
      .waitFor()
  }

  async recentRows(): Promise<string[][]> {
    return this.recent
      .locator('.el-table__body tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td: { textContent: string | null }) => (td.textContent ?? '').trim())))
  }

  /** Types a resident query and picks the suggestion holding the name; returns every suggestion's text. */
  async pickResident(query: string, name: string): Promise<string[]> {
    await this.page.locator('input[data-testid="gate-lookup"]').fill(query)
    const item = this.page.locator('.el-autocomplete-suggestion li').filter({ hasText: name })
    await item.waitFor()
    const texts = await this.page.locator('.el-autocomplete-suggestion li').allTextContents()
    await item.click()
    await this.page.getByTestId('gate-picked').filter({ hasText: name }).waitFor()
    return texts
  }

  /** Types a pass number, leaves the field (the check runs on change) and returns the new note shown beside it. */
  async checkPass(number: string): Promise<string> {
    const note = this.page.getByTestId('gate-pass-note')
    const before = (await note.count()) > 0 ? await note.textContent() : null
    await this.page.locator('input[data-testid="gate-pass"]').fill(number)
    await this.page.locator('input[data-testid="gate-pass"]').press('Tab')
    // The note goes while the check runs and comes back with its answer (a different one each time here).
    await (before === null ? note : note.filter({ hasNotText: before })).waitFor()
    return (await note.textContent()) ?? ''
  }

  /** Chooses 进 or 出 with the mouse. */
  async direction(label: '进' | '出'): Promise<void> {
    await this.page.getByTestId('gate-direction').getByText(label, { exact: true }).click()
  }

  /** Types the temperature and presses Enter; resolves when today's list holds count rows. */
  async registerWith(temperature: string, count: number): Promise<void> {
    await this.page.locator('input[data-testid="gate-temperature"]').fill(temperature)
    await this.page.locator('input[data-testid="gate-temperature"]').press('Enter')
    await this.waitForRecentCount(count)
  }

  /** Everything the page shows as text, popups and messages included. */
  visibleText(): Promise<string> {
    return this.page.evaluate('document.body.innerText') as Promise<string>
  }

  async isRed(): Promise<boolean> {
    return (await this.form.getAttribute('class'))?.includes('fever') ?? false
  }
}
