import type { Locator, Page } from 'playwright-core'

export interface SetupValues {
  communityName: string
  username: string
  displayName: string
  password: string
}

/** A first-run administrator that passes the password rules (8+, two kinds, no user name). */
export const E2E_ADMIN: SetupValues = {
  communityName: '幸福里社区居民委员会',
  username: 'admin',
  displayName: '王主任',
  password: 'Shouwang#2024'
}

/** The first-run setup (#/setup) and login (#/login) screens. */
export class AuthPage {
  constructor(readonly page: Page) {}

  /** ElInput puts data-testid on its native <input>; accept a wrapper too. */
  field(testId: string): Locator {
    return this.page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`)
  }

  /**
   * Fills 首次设置 and submits, copies the recovery code shown once, ticks that it was written
   * down and goes on; resolves with the code once the shell (main menu) shows.
   */
  async completeSetup(values: SetupValues = E2E_ADMIN): Promise<string> {
    await this.field('setup-community').fill(values.communityName)
    await this.field('setup-username').fill(values.username)
    await this.field('setup-display-name').fill(values.displayName)
    await this.field('setup-password').fill(values.password)
    await this.field('setup-confirm').fill(values.password)
    await this.page.getByTestId('setup-submit').click()
    const code = await this.takeRecoveryCode()
    await this.page.getByTestId('main-menu').waitFor()
    return code
  }

  /** The recovery-code panel (after setup or a recovery): reads the code, acknowledges, goes on. */
  async takeRecoveryCode(): Promise<string> {
    const shown = this.page.getByTestId('recovery-code')
    await shown.waitFor()
    const code = ((await shown.textContent()) ?? '').trim()
    await this.page.getByTestId('recovery-code-ack').click()
    await this.page.getByTestId('recovery-code-done').click()
    return code
  }

  async login(username: string, password: string): Promise<void> {
    await this.field('login-username').fill(username)
    await this.field('login-password').fill(password)
    await this.page.getByTestId('login-submit').click()
    await this.page.getByTestId('main-menu').waitFor()
  }
}
