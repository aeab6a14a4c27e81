import type { Locator, Page } from 'playwright-core'
import { choose, inputOf, success } from './element'
import { ExportControl } from './excel.page'

/** Sets an Element Plus date picker by typing the date, as a clerk can. */
export async function setDate(page: Page, testId: string, date: string): Promise<void> {
  const input = inputOf(page, testId)
  await input.click()
  await input.fill(date)
  // Enter commits the typed date and closes the panel (Escape would close a drawer around it).
  await input.press('Enter')
  await page
    .locator('.el-picker-panel:visible')
    .waitFor({ state: 'hidden' })
    .catch(() => undefined)
}

/** 返程人员: the list and the registration drawer. */
export class ReturneesPage {
  readonly table: Locator
  readonly drawer: Locator

  constructor(readonly page: Page) {
    this.table = page.getByTestId('returnees-table')
    this.drawer = page.getByTestId('returnee-drawer')
  }

  /** Registers a trip for someone already in the register, origin picked by typing its name. */
  async register(v: { person: string; originSearch: string; originOption: string; returnDate: string; transportNo: string }): Promise<void> {
    await this.page.getByTestId('returnee-new').click()
    await this.page.getByTestId('returnee-save').waitFor()
    await choose(this.page, this.page.getByTestId('returnee-person'), v.person)
    const origin = inputOf(this.page, 'returnee-origin')
    await origin.click()
    await origin.fill(v.originSearch)
    await this.page.locator('.el-cascader__suggestion-item:visible', { hasText: v.originOption }).first().click()
    await setDate(this.page, 'returnee-return-date', v.returnDate)
    await inputOf(this.page, 'returnee-transport-no').fill(v.transportNo)
    await this.page.getByTestId('returnee-save').click()
    await success(this.page, `已登记 ${v.person} 的返程`)
  }

  /** The page's one 导出 menu (plain list, CSV, full numbers, the report templates), with the list's filters. */
  get exporter(): ExportControl {
    return new ExportControl(this.page, this.page.getByTestId('returnees-export'))
  }

  /** Narrows the list to trips returning between two days, typed as a clerk can; null clears the range. */
  async setRange(range: [string, string] | null): Promise<void> {
    // The page's one date range (返程日期从 … 到); Element Plus puts no testid on its box.
    const editor = this.page.getByTestId('returnees-page').locator('.el-range-editor')
    if (range === null) {
      await editor.hover()
      await editor.locator('.el-range__close-icon').click()
    } else {
      const from = editor.getByPlaceholder('返程日期从')
      const to = editor.getByPlaceholder('到')
      await from.click()
      await from.fill(range[0])
      await to.fill(range[1])
      await to.press('Enter')
      await this.page
        .locator('.el-picker-panel:visible')
        .waitFor({ state: 'hidden' })
        .catch(() => undefined)
    }
    await this.table
      .locator('.el-loading-mask')
      .waitFor({ state: 'hidden' })
      .catch(() => undefined)
  }

  async rowTexts(): Promise<string[]> {
    await this.table.locator('.el-table__body tr').first().waitFor()
    return (await this.table.locator('.el-table__body tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())
  }
}
