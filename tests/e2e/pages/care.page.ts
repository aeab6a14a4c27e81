import type { Locator, Page } from 'playwright-core'
import { inputOf, openDropdownItem, success } from './element'

/** 重点人群关爱: 今日关爱 (the keyboard table and the contact dialog), 新建关爱计划, the 关爱联系单 print. */
export class CarePage {
  readonly root: Locator
  constructor(private readonly page: Page) {
    this.root = page.getByTestId('care-page')
  }

  private async type(field: Locator, text: string): Promise<void> {
    await field.click()
    await this.page.keyboard.type(text)
  }

  /** 新建关爱计划 for a key-group person found by a few characters of their name. */
  async newPlan(search: string, pick: string, frequency: string, worker: string): Promise<void> {
    await this.root.getByTestId('care-plan-new').click()
    const form = this.page.getByTestId('care-plan-form')
    await form.waitFor()
    await this.type(form.getByTestId('care-plan-resident'), search)
    await openDropdownItem(this.page, pick).click()
    await form.getByTestId('care-plan-frequency').getByText(frequency, { exact: true }).click()
    await this.type(form.getByTestId('care-plan-worker'), worker)
    await openDropdownItem(this.page, worker).click()
    await this.page.getByTestId('care-plan-save').click()
    await success(this.page, '建立关爱计划')
  }

  /** 建关爱计划 in the 重点人群关爱 part of a person's page; resolves with the plan line shown there. */
  async planOnResidentPage(frequency: string, worker: string): Promise<string> {
    const part = this.page.getByTestId('resident-care')
    await part.getByTestId('resident-care-new').click()
    const form = this.page.getByTestId('care-plan-form')
    await form.waitFor()
    await form.getByTestId('care-plan-frequency').getByText(frequency, { exact: true }).click()
    await this.type(form.getByTestId('care-plan-worker'), worker)
    await openDropdownItem(this.page, worker).click()
    await this.page.getByTestId('care-plan-save').click()
    await success(this.page, '建立关爱计划')
    return (await part.getByTestId('resident-care-plan').innerText()).replace(/\s+/g, ' ').trim()
  }

  /** The rows of 今日关爱's table as shown (empty-list row excluded). */
  async rows(): Promise<string[]> {
    const table = this.root.getByTestId('care-table')
    await table.waitFor()
    const texts = (await table.locator('tbody tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())
    return texts.filter((t) => !t.startsWith('这一天') && !t.startsWith('前一天'))
  }

  async list(label: string): Promise<void> {
    await this.root.getByTestId('care-list').getByText(label).click()
  }

  async listLabels(): Promise<string[]> {
    return (await this.root.getByTestId('care-list').locator('label').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())
  }

  /** Puts the keyboard on the table, on its first row. */
  async focusTable(): Promise<void> {
    await this.root.getByTestId('care-table').locator('tbody tr').first().click()
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key)
  }

  contactForm(): Locator {
    return this.page.getByTestId('care-contact-form')
  }

  /** In the open contact dialog: the help type picked by typing, the note typed key by key. */
  async fillNeed(type: string, note: string): Promise<void> {
    const form = this.contactForm()
    await form.waitFor()
    await this.type(form.getByTestId('care-help-type'), type)
    await openDropdownItem(this.page, type).click()
    await this.type(inputOf(form, 'care-note'), note)
  }

  async openPrint(): Promise<void> {
    await this.root.getByTestId('care-print-open').click()
    await this.page.getByTestId('care-print-group').first().waitFor()
  }

  /** The print's day, typed into the date picker (which keeps its test id off the <input>). */
  async printDay(day: string): Promise<void> {
    const input = this.page.locator('[data-testid="care-print"] .toolbar .el-date-editor input')
    await input.click()
    await this.page.keyboard.press('Control+A')
    await this.page.keyboard.type(day)
    await this.page.keyboard.press('Enter')
  }

  /** Each printed sheet: its header line and its rows' cells. */
  async sheets(): Promise<{ meta: string; rows: string[][] }[]> {
    const groups = this.page.getByTestId('care-print-group')
    const out: { meta: string; rows: string[][] }[] = []
    for (let i = 0; i < (await groups.count()); i++) {
      const group = groups.nth(i)
      const meta = (await group.locator('.meta').innerText()).replace(/\s+/g, ' ')
      const rows: string[][] = []
      const trs = group.getByTestId('care-print-row')
      for (let r = 0; r < (await trs.count()); r++) {
        rows.push((await trs.nth(r).locator('td').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()))
      }
      out.push({ meta, rows })
    }
    return out
  }
}
