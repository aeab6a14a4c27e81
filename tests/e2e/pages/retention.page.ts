import type { Locator, Page } from 'playwright-core'
import type { RetentionPeriodKind } from '../../../shared/domain/retention'
import { inputOf, success } from './element'

/** 设置 → 数据保留与清理: the periods, the preview, 立即清理, the 清理记录 and the certificate. */
export class RetentionPage {
  readonly root: Locator
  readonly dialog: Locator
  readonly certificate: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('retention-page')
    this.dialog = page.getByTestId('purge-dialog')
    this.certificate = page.getByTestId('certificate-page')
  }

  /** From 设置, by its card's button, as a clerk finds it. */
  async openFromSettings(): Promise<void> {
    await this.page.getByTestId('open-retention').click()
    await this.root.getByTestId('retention-preview').waitFor()
  }

  /** Types a period key by key over the old one and saves. */
  async setPeriod(kind: RetentionPeriodKind, days: number): Promise<void> {
    const input = inputOf(this.root, `period-${kind}`)
    await input.click()
    await this.page.keyboard.press('Control+A')
    await this.page.keyboard.type(String(days))
    await this.page.keyboard.press('Tab')
    await this.root.getByTestId('save-periods').click()
    await success(this.page, '保留期限已保存')
  }

  /** The preview's count for a category (by its label's start). */
  async previewCount(label: string): Promise<number> {
    const row = this.root.getByTestId('retention-preview').locator('.el-table__row', { hasText: label }).first()
    return Number((await row.locator('td').nth(1).textContent())?.trim())
  }

  async previewTotal(): Promise<string> {
    return (await this.root.getByTestId('preview-total').textContent()) ?? ''
  }

  /** 立即清理 with a reason and the administrator's password; lands on the certificate. */
  async purge(reason: string, password: string): Promise<void> {
    await this.root.getByTestId('open-purge').click()
    await inputOf(this.dialog, 'purge-reason').click()
    await this.page.keyboard.type(reason)
    await inputOf(this.dialog, 'purge-password').click()
    await this.page.keyboard.type(password)
    await this.dialog.getByTestId('confirm-purge').click()
  }

  async purgeError(): Promise<string> {
    const error = this.dialog.locator('.el-form-item__error').first()
    await error.waitFor()
    return (await error.textContent()) ?? ''
  }

  async retypePassword(password: string): Promise<void> {
    const input = inputOf(this.dialog, 'purge-password')
    await input.click()
    await this.page.keyboard.press('Control+A')
    await this.page.keyboard.type(password)
    await this.dialog.getByTestId('confirm-purge').click()
  }

  async certificateText(): Promise<string> {
    await this.certificate.getByTestId('certificate-table').waitFor()
    return (await this.certificate.getByTestId('certificate').textContent()) ?? ''
  }

  async backFromCertificate(): Promise<void> {
    await this.certificate.getByRole('button', { name: '返回' }).click()
    await this.root.getByTestId('retention-preview').waitFor()
  }

  /** The 清理记录 rows as text. */
  async history(): Promise<string[]> {
    await this.root.getByTestId('purge-history').locator('.el-table__row').first().waitFor()
    return this.root.getByTestId('purge-history').locator('.el-table__row').allTextContents()
  }
}
