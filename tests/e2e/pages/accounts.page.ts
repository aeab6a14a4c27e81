import type { Locator, Page } from 'playwright-core'

export interface NewAccount {
  username: string
  displayName: string
  /** The role's Chinese label as the select shows it, e.g. 网格员. */
  roleLabel: string
  /** Grid names, for 网格员. */
  grids?: string[]
  password: string
}

/** 账号: the administrator's list of accounts and the new-account drawer. */
export class AccountsPage {
  readonly root: Locator
  readonly table: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('accounts-page')
    this.table = this.root.getByTestId('accounts-table')
  }

  private field(testId: string): Locator {
    return this.page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`)
  }

  private async pick(selectTestId: string, label: string): Promise<void> {
    await this.page.locator(`[data-testid="${selectTestId}"]`).click()
    await this.page.locator('.el-select-dropdown:visible .el-select-dropdown__item').filter({ hasText: label }).first().click()
  }

  async create(account: NewAccount): Promise<void> {
    await this.root.getByTestId('account-new').click()
    await this.field('account-username').fill(account.username)
    await this.field('account-display-name').fill(account.displayName)
    await this.pick('account-role', account.roleLabel)
    for (const grid of account.grids ?? []) await this.pick('account-grids', grid)
    await this.field('account-password').fill(account.password)
    await this.page.getByTestId('account-save').click()
    await this.page.locator('.el-message--success').filter({ hasText: '已保存' }).last().waitFor()
    await this.table.getByText(account.username, { exact: true }).waitFor()
  }

  /** 重置密码 on an account's row: types the new password and confirms. */
  async resetPassword(username: string, password: string): Promise<void> {
    const row = this.table.locator('.el-table__body tr').filter({ has: this.page.getByText(username, { exact: true }) })
    await row.first().getByRole('button', { name: '重置密码' }).click()
    await this.field('reset-password').fill(password)
    await this.page.getByTestId('reset-password-submit').click()
    await this.page.locator('.el-message--success').filter({ hasText: '密码已重置' }).last().waitFor()
  }

  /** Waits until an account's row shows text (the list reloads after a change). */
  async waitForRowText(username: string, text: string): Promise<void> {
    const row = this.table.locator('.el-table__body tr').filter({ has: this.page.getByText(username, { exact: true }) })
    await row.first().getByText(text, { exact: true }).waitFor()
  }

  /** The row of an account as its cell texts. */
  async row(username: string): Promise<string[]> {
    const row = this.table.locator('.el-table__body tr').filter({ has: this.page.getByText(username, { exact: true }) })
    return (await row.first().locator('td').allTextContents()).map((text) => text.trim())
  }
}
