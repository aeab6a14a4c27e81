import type { Download, Locator, Page } from 'playwright-core'
import { choose } from './element'

/** 导入: the five-step wizard and the 报表模板 tab. */
export class ExcelImportPage {
  readonly root: Locator
  readonly checkTable: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('import-page')
    this.checkTable = page.getByTestId('check-table')
  }

  async pick(name: string, bytes: Uint8Array): Promise<void> {
    await this.root
      .getByTestId('import-file')
      .setInputFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(bytes) })
  }

  async error(): Promise<string> {
    return ((await this.root.getByTestId('import-error').textContent()) ?? '').trim()
  }

  /** The sheet the wizard proposed (the checked radio button). */
  async proposedSheet(): Promise<string> {
    return ((await this.root.locator('[data-testid="sheet-choice"] .is-active').textContent()) ?? '').trim()
  }

  async toMapping(): Promise<void> {
    await this.root.getByTestId('sheet-next').click()
    await this.root.getByTestId('mapping-table').waitFor()
  }

  async map(letter: string, fieldLabel: string): Promise<void> {
    await choose(this.page, this.root.getByTestId(`map-${letter}`), fieldLabel)
  }

  async toCheck(): Promise<void> {
    await this.root.getByTestId('mapping-next').click()
    await this.checkTable.waitFor()
  }

  async rowErrors(): Promise<string[]> {
    return (await this.checkTable.getByTestId('row-error').allTextContents()).map((t) => t.trim())
  }

  /** Clicks a control that downloads a file and returns its bytes. */
  async download(control: Locator): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), control.click()])
    return read(download)
  }

  async commit(): Promise<string> {
    await this.root.getByTestId('import-commit').click()
    await this.page.locator('.el-message-box').getByRole('button', { name: '导入' }).click()
    await this.root.getByTestId('import-summary').waitFor()
    return ((await this.root.getByTestId('import-summary').textContent()) ?? '').trim()
  }
}

export async function read(download: Download): Promise<{ name: string; bytes: Buffer }> {
  const stream = await download.createReadStream()
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return { name: download.suggestedFilename(), bytes: Buffer.concat(chunks) }
}

/** The 导出 control on a list page. */
export class ExportControl {
  constructor(
    readonly page: Page,
    readonly scope: Locator
  ) {}

  /** whileOpen runs with the menu open (a screenshot of it), before the item is clicked. */
  async export(itemTestId: string, whileOpen?: () => Promise<unknown>): Promise<{ name: string; bytes: Buffer }> {
    await this.scope.getByTestId('export-button').click()
    const item = this.page.getByTestId(itemTestId)
    await item.waitFor()
    await whileOpen?.()
    const [download] = await Promise.all([this.page.waitForEvent('download'), item.click()])
    return read(download)
  }

  /**
   * A full-numbers entry ('export-full', 'export-template-full-<name>'): the reason dialog is
   * answered, then the file arrives. whileAsked runs with the dialog open (a screenshot of it).
   */
  async exportFull(itemTestId: string, reason: string, whileAsked?: () => Promise<unknown>): Promise<{ name: string; bytes: Buffer }> {
    await this.scope.getByTestId('export-button').click()
    await this.page.getByTestId(itemTestId).click()
    const dialog = this.page.locator('.el-message-box', { hasText: '导出完整号码' })
    await dialog.locator('input').fill(reason)
    await whileAsked?.()
    const [download] = await Promise.all([this.page.waitForEvent('download'), dialog.getByRole('button', { name: '导出' }).click()])
    return read(download)
  }
}
