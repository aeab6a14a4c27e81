import type { Locator, Page } from 'playwright-core'
import { inputOf } from './element'

/** 数据备份: settings, 立即备份, the list, and the restore dialog. */
export class BackupPage {
  readonly root: Locator
  readonly dialog: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('backup-page')
    this.dialog = page.getByTestId('restore-dialog')
  }

  /** Types the folder key by key, as a clerk does, and saves. */
  async chooseFolder(folder: string): Promise<void> {
    const input = inputOf(this.root, 'backup-folder')
    await input.click()
    await this.page.keyboard.type(folder)
    await this.root.getByTestId('save-backup-settings').click()
    await this.page.locator('.el-message--success', { hasText: '备份设置已保存' }).waitFor()
  }

  async setPassword(password: string): Promise<void> {
    await this.root.getByTestId('set-backup-password').click()
    const dialog = this.page.getByTestId('backup-password-dialog')
    await inputOf(dialog, 'backup-password').click()
    await this.page.keyboard.type(password)
    await inputOf(dialog, 'backup-password-again').click()
    await this.page.keyboard.type(password)
    // Enter never saves a dialog: the button does.
    await this.page.keyboard.press('Enter')
    await dialog.getByTestId('save-backup-password').click()
    await this.root.getByTestId('password-set').waitFor()
  }

  async backUpNow(): Promise<void> {
    await this.root.getByTestId('backup-now').click()
    await this.page.locator('.el-message--success', { hasText: '备份完成' }).waitFor()
  }

  /** File names in the list, newest first. */
  async fileNames(): Promise<string[]> {
    await this.root.getByTestId('backup-list').locator('.el-table__row').first().waitFor()
    return this.root.getByTestId('backup-list').locator('.el-table__row .hint').allTextContents()
  }

  /** The list once it shows a file whose name starts so (the list loads after the page shows). */
  async waitForFile(prefix: string): Promise<string> {
    const row = this.root.getByTestId('backup-list').locator('.el-table__row .hint', { hasText: prefix }).first()
    await row.waitFor()
    return (await row.textContent()) ?? ''
  }

  /** Opens 恢复… for a file; resolves once the dialog shows the backup's counts. */
  async openRestore(fileName: string): Promise<void> {
    await this.root.getByTestId(`restore-${fileName}`).click()
    await this.dialog.getByTestId('restore-counts').waitFor()
  }

  /** The 居民 row of the counts table: [in the backup, now]. */
  async residentCounts(): Promise<[string, string]> {
    const row = this.dialog.getByTestId('restore-counts').locator('.el-table__row', { hasText: '居民' }).first()
    const cells = await row.locator('td').allTextContents()
    return [cells[1]?.trim() ?? '', cells[2]?.trim() ?? '']
  }

  async confirmRestore(adminPassword: string): Promise<string> {
    await inputOf(this.dialog, 'restore-admin-password').click()
    await this.page.keyboard.type(adminPassword)
    await this.dialog.getByTestId('confirm-restore').click()
    const box = this.page.locator('.el-message-box', { hasText: '恢复完成' })
    await box.waitFor()
    const text = (await box.locator('.el-message-box__message').textContent()) ?? ''
    await box.getByRole('button', { name: '重新登录' }).click()
    return text
  }
}
