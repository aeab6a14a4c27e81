import type { Locator, Page } from 'playwright-core'
import { inputOf } from './element'

/** 操作日志 (administrator): search the trail and read its rows. */
export class AuditPage {
  readonly table: Locator

  constructor(readonly page: Page) {
    this.table = page.getByTestId('audit-table')
  }

  /** 关键字 (content or record) then 查询; resolves when a row holding the text is shown. */
  async search(text: string): Promise<void> {
    await inputOf(this.page, 'audit-text').fill(text)
    await this.page.getByTestId('audit-search').click()
    await this.table.locator('.el-table__body tr', { hasText: text }).first().waitFor()
  }

  async rowTexts(): Promise<string[]> {
    return (await this.table.locator('.el-table__body tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())
  }
}
