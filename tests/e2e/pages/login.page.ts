import type { Locator, Page } from 'playwright-core'

/** The login / lock screen. */
export class LoginPage {
  readonly notice: Locator
  readonly passwordError: Locator

  constructor(readonly page: Page) {
    this.notice = page.getByTestId('login-notice')
    this.passwordError = page.locator('.el-form-item').filter({ has: page.locator('input[data-testid="login-password"]') }).locator('.el-form-item__error')
  }

  field(testId: string): Locator {
    return this.page.locator(`input[data-testid="${testId}"]`)
  }

  async waitFor(): Promise<void> {
    await this.page.getByTestId('login-submit').waitFor()
  }

  /** Submits and resolves when either the shell or an error shows. */
  async submit(username: string, password: string): Promise<void> {
    await this.field('login-username').fill(username)
    await this.field('login-password').fill(password)
    await this.page.getByTestId('login-submit').click()
    await Promise.race([this.page.getByTestId('main-menu').waitFor(), this.passwordError.waitFor()])
  }
}
