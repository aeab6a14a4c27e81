import type { Locator, Page } from 'playwright-core'
import { inputOf } from './element'

/** 操作日志 (administrator): search the trail and read its rows. */
export class AuditPage {
  readonly table: Locator

  constructor(readonly page: Page) {
    this.table = page.getByTestId('audit-table')
  }

  /**
   * 关键字 (content or record) then 查询; resolves when the table shows only rows holding the text
   * (the unfiltered list shown before may already hold one, so waiting for a match is not enough).
   */
  async search(text: string): Promise<void> {
    await inputOf(this.page, 'audit-text').fill(text)
    await this.page.getByTestId('audit-search').click()
    const rows = this.table.locator('.el-table__body tr')
    await rows.filter({ hasText: text }).first().waitFor()
    await rows.filter({ hasNotText: text }).first().waitFor({ state: 'detached' })
  }

  async rowTexts(): Promise<string[]> {
    return (await this.table.locator('.el-table__body tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())
  }
}
