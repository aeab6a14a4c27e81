import type { Page } from 'playwright-core'
import { ShellPage } from './shell.page'

/**
 * A walk through every sidebar page an account sees, asking which of a page's buttons it shows.
 * A page counts as shown once its main area has content and no loading mask; only then is a
 * missing button really missing.
 */
export class RoleTourPage {
  readonly shell: ShellPage

  /** Calls to the backend still unanswered (the event stream is long-lived and not counted). */
  private inFlight = 0

  constructor(readonly page: Page) {
    this.shell = new ShellPage(page)
    const isCall = (url: string) => url.includes('/api/') && !url.endsWith('/api/events')
    page.on('request', (request) => {
      if (isCall(request.url())) this.inFlight++
    })
    const done = (request: { url(): string }) => {
      if (isCall(request.url())) this.inFlight--
    }
    page.on('requestfinished', done)
    page.on('requestfailed', done)
  }

  /** Until no call has been in flight for 300 ms (networkidle never comes with the event stream open). */
  private async callsSettled(): Promise<void> {
    let quietSince = Date.now()
    for (;;) {
      if (this.inFlight > 0) quietSince = Date.now()
      else if (Date.now() - quietSince >= 300) return
      await this.page.waitForTimeout(50)
    }
  }

  /** Opens a sidebar page by its title and waits until it has rendered and loaded. */
  async visit(title: string): Promise<void> {
    await this.shell.navigate(title)
    await this.page.locator('.el-menu-item.is-active', { hasText: title }).waitFor()
    await this.page.locator('main.main > *').first().waitFor()
    await this.callsSettled()
    await this.page.locator('main .el-loading-mask').first().waitFor({ state: 'hidden' })
  }

  /** Whether the page shows a button (by test id) now. */
  async shows(testId: string): Promise<boolean> {
    const button = this.page.getByTestId(testId)
    return (await button.count()) > 0 && (await button.first().isVisible())
  }

  /** Whether the page's table offers a row button with this text (修改, 撤销 ...). */
  async rowButton(text: string): Promise<boolean> {
    return (await this.page.locator('main .el-table__body').getByRole('button', { name: text, exact: true }).count()) > 0
  }

  /** Opens a grid's page from the 网格 list by clicking its name. */
  async openGrid(name: string): Promise<void> {
    await this.page.locator('main .el-table__body').getByRole('button', { name, exact: true }).click()
    await this.page.waitForURL(/#\/grids\/\d+/)
    // Loaded once the title reads the grid's name (it says 网格 until then); its buttons come with it.
    await this.page.getByTestId('grid-title').filter({ hasText: name }).waitFor()
    await this.callsSettled()
  }

  /** The sidebar's lowest entry's bottom edge and the window height, to prove the menu fits. */
  async menuFit(): Promise<{ lastBottom: number; menuBottom: number; height: number }> {
    return (await this.page.evaluate(`(() => {
      const items = document.querySelectorAll('[data-testid="main-menu"] .el-menu-item')
      const last = items[items.length - 1].getBoundingClientRect()
      const menu = document.querySelector('[data-testid="main-menu"]').getBoundingClientRect()
      return { lastBottom: last.bottom, menuBottom: menu.bottom, height: window.innerHeight }
    })()`)) as { lastBottom: number; menuBottom: number; height: number }
  }
}
