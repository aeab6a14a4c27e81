import type { Locator, Page } from 'playwright-core'
import { waitForFocus } from './element'

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
    await this.page.getByRole('radiogroup', { name: '方向' }).getByRole('radio', { name: label }).click()
  }

  /** Types the temperature and presses Enter; resolves when today's list holds count rows. */
  async registerWith(temperature: string, count: number): Promise<void> {
    await this.page.locator('input[data-testid="gate-temperature"]').fill(temperature)
    await this.page.locator('input[data-testid="gate-temperature"]').press('Enter')
    await this.waitForRecentCount(count)
  }

  /** What a finger taps on the gate screen (fields, choices, buttons, the checkpoint), with each one's height in px. */
  async touchTargets(): Promise<{ what: string; height: number }[]> {
    return this.root
      .locator('.el-input__wrapper, .el-select__wrapper, [role="radio"], .el-button')
      .evaluateAll((nodes) =>
        nodes
          .filter((node) => node.getBoundingClientRect().width > 0)
          .map((node) => ({ what: (node.textContent ?? '').trim().slice(0, 12) || node.className, height: Math.round(node.getBoundingClientRect().height) }))
      )
  }

  /** Everything the page shows as text, popups and messages included. */
  visibleText(): Promise<string> {
    return this.page.evaluate('document.body.innerText') as Promise<string>
  }

  /** The option a keyboard choice (gate-direction, gate-who, gate-action) holds: what will be saved. */
  chosen(testid: 'gate-direction' | 'gate-who' | 'gate-action'): Promise<string | null> {
    return this.page.getByTestId(testid).getAttribute('data-value')
  }

  /** Waits until the large read-back line (what Enter will save) says the text; returns the whole line. */
  async readBack(text: string): Promise<string> {
    const line = this.page.getByTestId('gate-readback')
    await line.filter({ hasText: text }).waitFor({ timeout: 5_000 })
    return ((await line.textContent()) ?? '').trim()
  }

  /** Waits until the element with this data-testid has the keyboard focus. */
  async waitForFocus(testid: string): Promise<void> {
    await waitForFocus(this.page, testid)
  }

  /** 更正 of a row of today's list: the dialog, filled by keyboard, saved with Ctrl+Enter. */
  async correct(row: number, steps: { temperature?: string; actionKey?: string; note: string }): Promise<void> {
    await this.recent.locator('.el-table__body').getByTestId('gate-recent-correct').nth(row).click()
    const dialog = this.page.getByTestId('gate-correct-dialog')
    await dialog.getByTestId('gate-correct-note').waitFor()
    // The dialog puts the focus on its first field once it has opened: wait for that, or it would take
    // the focus away from a field being typed into (seen on a loaded machine).
    await waitForFocus(this.page, 'gate-correct-direction')
    if (steps.temperature !== undefined) {
      await dialog.locator('input[data-testid="gate-correct-temperature"]').fill('')
      await dialog.locator('input[data-testid="gate-correct-temperature"]').focus()
      await this.page.keyboard.type(steps.temperature)
    }
    if (steps.actionKey !== undefined) {
      await dialog.getByTestId('gate-correct-action').focus()
      await this.page.keyboard.press(steps.actionKey)
    }
    await dialog.locator('input[data-testid="gate-correct-note"]').focus()
    await this.page.keyboard.type(steps.note)
    await this.page.keyboard.press('Control+Enter')
    await dialog.waitFor({ state: 'hidden' })
  }

  async isRed(): Promise<boolean> {
    return (await this.form.getAttribute('class'))?.includes('fever') ?? false
  }
}
