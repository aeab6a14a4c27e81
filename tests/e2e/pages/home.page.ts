import type { Locator, Page } from 'playwright-core'

/** 首页: today's cards and the alerts that need someone (overdue disinfection, expired or expiring stock). */
export class HomePage {
  readonly root: Locator
  readonly title: Locator
  /** 需要处理: one line an overdue place or an expired / expiring batch, each a link. */
  readonly alerts: Locator
  /** Shown while the community name is empty. */
  readonly setupHint: Locator
  readonly errorAlert: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('home-page')
    this.title = this.root.locator('h1.page-title')
    this.alerts = this.root.getByTestId('home-alerts')
    this.setupHint = this.root.getByRole('alert').filter({ hasText: '还没有填写社区名称' })
    this.errorAlert = this.root.locator('.el-alert--error')
  }

  async waitForLoaded(): Promise<void> {
    await this.title.waitFor()
  }

  async readTitle(): Promise<string> {
    return ((await this.title.textContent()) ?? '').trim()
  }

  /** The alert lines as shown, in order. */
  async alertLines(): Promise<string[]> {
    await this.alerts.locator('li').first().waitFor()
    return (await this.alerts.locator('li').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim())
  }

  /** Clicks the alert line that mentions `text` (a place or an item). */
  async openAlert(text: string): Promise<void> {
    await this.alerts.locator('li a').filter({ hasText: text }).first().click()
  }
}
