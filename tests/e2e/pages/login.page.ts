import type { Locator, Page } from 'playwright-core'

/** The login / lock screen, and where a login can lead: 设置新密码 and 用恢复码重设密码. */
export class LoginPage {
  readonly notice: Locator
  readonly passwordError: Locator
  /** The 设置新密码 page a new or reset account lands on. */
  readonly setPasswordPage: Locator
  readonly recoverError: Locator

  constructor(readonly page: Page) {
    this.notice = page.getByTestId('login-notice')
    this.passwordError = page
      .locator('.el-form-item')
      .filter({ has: page.locator('input[data-testid="login-password"]') })
      .locator('.el-form-item__error')
    this.setPasswordPage = page.getByTestId('set-password-notice')
    this.recoverError = page.getByTestId('recover-error')
  }

  field(testId: string): Locator {
    return this.page.locator(`input[data-testid="${testId}"]`)
  }

  async waitFor(): Promise<void> {
    await this.page.getByTestId('login-submit').waitFor()
  }

  /** Submits and resolves when the shell, the 设置新密码 page or an error shows. */
  async submit(username: string, password: string): Promise<void> {
    await this.field('login-username').fill(username)
    await this.field('login-password').fill(password)
    await this.page.getByTestId('login-submit').click()
    await Promise.race([this.page.getByTestId('main-menu').waitFor(), this.setPasswordPage.waitFor(), this.passwordError.waitFor()])
  }

  /** On 设置新密码: types the password the administrator gave and a new one twice; resolves in the shell. */
  async setNewPassword(current: string, fresh: string): Promise<void> {
    await this.setPasswordPage.waitFor()
    await this.field('set-password-current').fill(current)
    await this.field('set-password-new').fill(fresh)
    await this.field('set-password-confirm').fill(fresh)
    await this.page.getByTestId('set-password-submit').click()
    await this.page.getByTestId('main-menu').waitFor()
  }

  /** A first login with the administrator's password, then the person's own. */
  async firstLogin(username: string, given: string, own: string): Promise<void> {
    await this.submit(username, given)
    await this.setNewPassword(given, own)
  }

  /**
   * 忘记管理员密码 from the login screen: user name, recovery code, a new password twice. Resolves
   * when the new recovery code shows (AuthPage.takeRecoveryCode reads it) or an error does.
   */
  async recover(username: string, code: string, password: string): Promise<void> {
    await this.page.getByTestId('login-forgot').click()
    await this.field('recover-username').fill(username)
    await this.field('recover-code').fill(code)
    await this.field('recover-password').fill(password)
    await this.field('recover-confirm').fill(password)
    await this.page.getByTestId('recover-submit').click()
    await Promise.race([this.page.getByTestId('recovery-code').waitFor(), this.recoverError.waitFor()])
  }
}
