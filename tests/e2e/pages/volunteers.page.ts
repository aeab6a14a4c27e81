import type { Locator, Page } from 'playwright-core'
import { choose, inputOf, success } from './element'

/** 志愿者花名册: the list and the registration drawer. */
export class VolunteersPage {
  readonly root: Locator
  constructor(private readonly page: Page) {
    this.root = page.getByTestId('volunteers-page')
  }

  async register(name: string, phone: string, kind: string, canLead = false): Promise<void> {
    await this.root.getByTestId('volunteer-new').click()
    const form = this.page.getByTestId('volunteer-form')
    await inputOf(form, 'volunteer-name').fill(name)
    await inputOf(form, 'volunteer-phone').fill(phone)
    await choose(this.page, form.getByTestId('volunteer-kind'), kind)
    if (canLead) await form.getByTestId('volunteer-can-lead').click()
    await this.page.getByTestId('volunteer-save').click()
    await success(this.page, '已保存')
  }

  rowTexts(): Promise<string[]> {
    return this.root.getByTestId('volunteers-table').locator('tbody tr').allInnerTexts()
  }
}
