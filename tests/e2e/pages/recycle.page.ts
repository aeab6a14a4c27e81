import type { Locator, Page } from 'playwright-core'
import { success } from './element'

/** 回收站: deleted residents and households, to restore or purge. */
export class RecyclePage {
  readonly root: Locator
  readonly table: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('recycle-page')
    this.table = this.root.getByTestId('recycle-table')
  }

  row(text: string): Locator {
    return this.table.locator('.el-table__body tr', { hasText: text })
  }

  async restore(text: string): Promise<void> {
    await this.row(text).getByTestId('recycle-restore').click()
    await success(this.page, '已恢复')
    await this.row(text).waitFor({ state: 'detached' })
  }
}
