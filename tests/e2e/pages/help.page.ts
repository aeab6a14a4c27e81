import { read } from './excel.page'
import type { Locator, Page } from 'playwright-core'
import { inputOf, openDropdownItem, success } from './element'

/** 居民求助台账: the list, the 登记求助 drawer, a request's drawer with its steps, the assign dialog. */
export class HelpPage {
  readonly root: Locator
  constructor(private readonly page: Page) {
    this.root = page.getByTestId('help-page')
  }

  /** Types into a field key by key, as a clerk at the desk does. */
  private async type(field: Locator, text: string): Promise<void> {
    await field.click()
    await this.page.keyboard.type(text)
  }

  /**
   * 登记求助 for a registered resident found by a few characters of their name; radio choices by
   * their labels; the content typed; saved with the button (Enter in a field never saves).
   */
  async register(
    who: { search: string; pick: string },
    need: { type: string; urgency: string; channel: string; content: string; wantedBy?: string }
  ): Promise<void> {
    await this.root.getByTestId('help-new').click()
    const form = this.page.getByTestId('help-form')
    await form.waitFor()
    await this.type(form.getByTestId('help-resident'), who.search)
    await openDropdownItem(this.page, who.pick).click()
    await form.getByTestId('help-channel').getByText(need.channel, { exact: true }).click()
    await this.type(form.getByTestId('help-type'), need.type)
    await openDropdownItem(this.page, need.type).click()
    await form.getByTestId('help-urgency').getByText(need.urgency, { exact: true }).click()
    await this.type(inputOf(form, 'help-content'), need.content)
    // Enter in the content adds a line; it must not save half a form.
    await this.page.keyboard.press('Enter')
    if (need.wantedBy) {
      // el-date-picker keeps its test id off the <input>: found by its label instead.
      await this.type(form.locator('.el-form-item').filter({ hasText: '要求完成' }).locator('input'), need.wantedBy)
      await this.page.keyboard.press('Enter')
    }
    await this.page.getByTestId('help-save').click()
    await success(this.page, '求助已登记')
  }

  /** The drawer of the request just registered or clicked. */
  detail(): Locator {
    return this.page.getByTestId('help-detail')
  }

  async status(): Promise<string> {
    return (await this.page.getByTestId('help-detail-status').innerText()).trim()
  }

  async actions(): Promise<string[]> {
    return (await this.page.getByTestId('help-actions').locator('button').allInnerTexts()).map((t) => t.trim())
  }

  /** 分配: the suggestions as shown (name and why), then the pick of the named volunteer. */
  async openAssign(): Promise<Locator> {
    await this.page.getByTestId('help-act-assign').click()
    const table = this.page.getByTestId('help-suggestions')
    await table.locator('tbody tr').first().waitFor()
    return table
  }

  async suggestionRows(): Promise<string[]> {
    return (await this.page.getByTestId('help-suggestions').locator('tbody tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())
  }

  async assignTo(name: string): Promise<void> {
    await this.page.getByTestId('help-suggestions').locator('tbody tr', { hasText: name }).getByRole('button', { name: '分配' }).click()
    await success(this.page, `已分配给 ${name}`)
  }

  async start(): Promise<void> {
    await this.page.getByTestId('help-act-start').click()
    await this.page.getByTestId('help-detail-status').getByText('处理中').waitFor()
  }

  /** 办结 / 无法完成 / 撤销 / 回访 with the words typed in their dialog. */
  async step(action: 'finish' | 'fail' | 'cancel' | 'follow_up', note: string, done: string): Promise<void> {
    await this.page.getByTestId(`help-act-${action}`).click()
    const dialog = this.page.getByTestId('help-step-form')
    await dialog.waitFor()
    if (note) await this.type(inputOf(dialog, 'help-step-note'), note)
    await this.page.getByTestId('help-step-save').click()
    await success(this.page, done)
  }

  /** The error under the step dialog's field (e.g. 办结 without a result). */
  async stepError(): Promise<string> {
    return (await this.page.getByTestId('help-step-form').locator('.el-form-item__error').first().innerText()).trim()
  }

  /** 办理经过: each step's name, and the whole line (time, who, volunteer, note). */
  async steps(): Promise<{ label: string; text: string }[]> {
    const items = this.page.getByTestId('help-steps').locator('.el-timeline-item')
    const labels = await items.locator('strong').allInnerTexts()
    const texts = await items.allInnerTexts()
    return labels.map((label, i) => ({ label: label.trim(), text: (texts[i] ?? '').replace(/\s+/g, ' ').trim() }))
  }

  async closeDetail(): Promise<void> {
    await this.page.keyboard.press('Escape')
    await this.detail().waitFor({ state: 'hidden' })
  }

  async rowTexts(): Promise<string[]> {
    const table = this.root.getByTestId('help-table')
    return (await table.locator('tbody tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())
  }

  /** 导出登记表: the downloaded 居民求助登记表's name and bytes. */
  async exportList(): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.root.getByTestId('help-export').click()])
    return read(download)
  }

  async filterStatus(label: string): Promise<void> {
    await this.root.getByTestId('help-filter-status').click()
    await openDropdownItem(this.page, label).click()
  }

  /** 求助记录 on a household's page: one line a request. */
  async householdHistory(): Promise<string[]> {
    const card = this.page.getByTestId('household-help')
    await card.locator('tbody tr').first().waitFor()
    return (await card.locator('tbody tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())
  }

  /** 记垫付 / 记还款 in the request's drawer, the amount typed key by key. */
  async money(kind: 'advance' | 'repay', yuan: string, extra: { receiptNo?: string; method?: string } = {}): Promise<void> {
    await this.page.getByTestId(kind === 'advance' ? 'help-money-advance' : 'help-money-repay').click()
    const form = this.page.getByTestId('help-money-form')
    await form.waitFor()
    await this.type(inputOf(form, 'help-money-yuan'), yuan)
    if (extra.receiptNo) await this.type(inputOf(form, 'help-money-receipt'), extra.receiptNo)
    if (extra.method) await form.getByTestId('help-money-method').getByText(extra.method, { exact: true }).click()
    await this.page.getByTestId('help-money-save').click()
    await success(this.page, kind === 'advance' ? '已记垫付' : '已记还款')
  }

  async moneySummary(): Promise<string> {
    return (await this.page.getByTestId('help-money-summary').innerText()).replace(/\s+/g, '')
  }
}
