import type { Locator, Page } from 'playwright-core'
import { read } from './excel.page'

/** 出入记录 (the office's day view of the gate): its table and the 出入登记表 export. */
export class GateDayPage {
  readonly root: Locator
  readonly table: Locator
  readonly exportButton: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('gate-day-page')
    this.table = page.getByTestId('gate-day-table')
    this.exportButton = page.getByTestId('gate-export')
  }

  /** From the sidebar; resolves when the day's entries are shown. */
  async open(): Promise<void> {
    await this.page.getByTestId('main-menu').getByRole('menuitem', { name: '出入记录', exact: true }).click()
    await this.table.locator('.el-table__body tr').first().waitFor()
  }

  /** The 时间 column as the clerk reads it on screen (HH:mm), newest first. */
  async times(): Promise<string[]> {
    return (await this.table.locator('.el-table__body tr td:first-child').allInnerTexts()).map((t) => t.trim())
  }

  /** 导出出入登记表: the downloaded file's name and bytes. */
  async exportDay(): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.exportButton.click()])
    return read(download)
  }
}
