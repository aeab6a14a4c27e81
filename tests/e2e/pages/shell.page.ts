import type { Locator, Page } from 'playwright-core'
import { AuthPage, E2E_ADMIN } from './auth.page'
import type { SetupValues } from './auth.page'

/** The frame around every page: sidebar brand and menu. */
export class ShellPage {
  readonly menu: Locator
  /** The line under 守望 in the sidebar: the community name, or a default. */
  readonly brandSub: Locator

  constructor(readonly page: Page) {
    this.menu = page.getByTestId('main-menu')
    this.brandSub = page.locator('.brand-sub')
  }

  /** Opens a URL and waits until the shell has rendered (the session is already logged in). */
  async open(url: string): Promise<void> {
    await this.page.goto(url)
    await this.menu.waitFor()
  }

  /** Opens the launch URL of a new data folder and completes 首次设置 as the administrator; returns the recovery code. */
  async openAndSetUp(url: string, values: SetupValues = E2E_ADMIN): Promise<string> {
    await this.page.goto(url)
    return new AuthPage(this.page).completeSetup(values)
  }

  /** 退出登录 from the user menu; resolves on the login screen. */
  async logout(): Promise<void> {
    await this.page.getByTestId('user-menu').click()
    await this.page.getByTestId('logout').click()
    await this.page.getByTestId('login-submit').waitFor()
  }

  /** The titles of the sidebar entries this account sees. */
  async menuTitles(): Promise<string[]> {
    return (await this.menu.getByRole('menuitem').allTextContents()).map((text) => text.trim())
  }

  menuItem(title: string): Locator {
    return this.menu.getByRole('menuitem', { name: title, exact: true })
  }

  /** Clicks a sidebar entry by its title, e.g. 首页 or 设置. */
  async navigate(title: string): Promise<void> {
    await this.menuItem(title).click()
  }
}
