import type { Locator, Page } from 'playwright-core'
import { read } from './excel.page'
import { inputOf, success } from './element'

/** 每日报表 → 按街道模板导出: registers a street office's form, then exports it filled. */
export class ReportTemplateDialog {
  readonly dialog: Locator

  constructor(readonly page: Page) {
    this.dialog = page.getByTestId('report-template-dialog')
  }

  async open(): Promise<void> {
    await this.page.getByTestId('report-template').click()
    await this.dialog.waitFor()
  }

  /** Picks the file, types the name key by key, clicks 登记. */
  async register(name: string, fileName: string, bytes: Buffer): Promise<void> {
    await this.dialog.getByTestId('report-template-file').setInputFiles({ name: fileName, mimeType: 'application/octet-stream', buffer: bytes })
    const input = inputOf(this.dialog, 'report-template-name')
    await input.fill('')
    await input.click()
    await this.page.keyboard.type(name)
    await this.dialog.getByTestId('report-template-register').click()
    await success(this.page, '已登记模板')
  }

  /** 导出: the downloaded file's name and bytes. */
  async exportFilled(): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.dialog.getByTestId('report-template-export').click()])
    return read(download)
  }
}
