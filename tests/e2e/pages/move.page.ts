import type { Locator, Page } from 'playwright-core'
import { openDropdownItem, success } from './element'

/** 迁到其他户 (MoveDialog) from a person's page: the household, the relation, who takes over an observation. */
export class MoveDialogPage {
  readonly dialog: Locator

  constructor(readonly page: Page) {
    this.dialog = page.locator('.el-dialog', { hasText: '迁到另一户' })
  }

  /** Opens the dialog from the person's page (居民详情). */
  async open(): Promise<void> {
    await this.page.getByTestId('resident-detail').getByTestId('resident-move').click()
    await this.dialog.waitFor()
  }

  /** Types part of the address key by key in 迁入住户 and picks the household whose label contains `option`. */
  async household(typed: string, option: string): Promise<void> {
    await this.dialog.getByTestId('move-household').click()
    await this.page.keyboard.type(typed)
    await openDropdownItem(this.page, option).click()
  }

  async relation(label: string): Promise<void> {
    await this.dialog.getByTestId('move-relation').click()
    await openDropdownItem(this.page, label).click()
  }

  /** The observation notice and who takes over, as the clerk reads them; resolves once shown. */
  async handover(): Promise<string> {
    const box = this.dialog.getByTestId('move-handover')
    await box.waitFor()
    return ((await box.textContent()) ?? '').replace(/\s+/g, ' ').trim()
  }

  async confirm(): Promise<void> {
    await this.dialog.getByTestId('move-confirm').click()
    await success(this.page, '已迁入')
    await this.dialog.waitFor({ state: 'hidden' })
  }
}
