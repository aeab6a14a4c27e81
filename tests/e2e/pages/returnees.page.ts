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

  /** The list's row of a trip (found by its 修改 button). */
  row(tripId: number): Locator {
    return this.table.locator('.el-table__body tr', { has: this.page.getByTestId(`returnee-edit-${tripId}`) })
  }

  /** Replaces a text box's content by typing key by key, as a clerk does. */
  private async retype(input: Locator, text: string): Promise<void> {
    await input.click()
    await input.press('ControlOrMeta+A')
    await input.press('Backspace')
    await this.page.keyboard.type(text)
  }

  /** 修改: corrects a trip's number and return date in the drawer, typed key by key, then 保存修改. */
  async correct(tripId: number, v: { transportNo: string; returnDate: string }): Promise<void> {
    await this.page.getByTestId(`returnee-edit-${tripId}`).click()
    await this.drawer.getByText('修改返程登记').waitFor()
    await this.retype(inputOf(this.drawer, 'returnee-transport-no'), v.transportNo)
    await this.retype(inputOf(this.drawer, 'returnee-return-date'), v.returnDate)
    await this.page.keyboard.press('Enter')
    await this.page
      .locator('.el-picker-panel:visible')
      .waitFor({ state: 'hidden' })
      .catch(() => undefined)
  }

  async saveCorrection(name: string): Promise<void> {
    await this.drawer.getByTestId('returnee-save').click()
    await success(this.page, `已修改 ${name} 的返程登记`)
  }

  /** 作废: opens the box and types the reason key by key; confirm() finishes it. */
  async startVoid(tripId: number, reason: string): Promise<Locator> {
    await this.page.getByTestId(`returnee-void-${tripId}`).click()
    const box = this.page.locator('.el-message-box:visible')
    await box.locator('input').click()
    await this.page.keyboard.type(reason)
    return box
  }

  async confirmVoid(box: Locator, text: string): Promise<void> {
    await box.getByRole('button', { name: '作废' }).click()
    await success(this.page, text)
  }

  /** Ticks the rows of trips, then 开始观察（已选 N 人） and its one confirmation. */
  async startMany(tripIds: number[]): Promise<Locator> {
    for (const id of tripIds) await this.row(id).locator('.el-checkbox').click()
    await this.page.getByTestId('returnees-start-many').click()
    return this.page.locator('.el-message-box:visible')
  }

  async rowTexts(): Promise<string[]> {
    await this.table.locator('.el-table__body tr').first().waitFor()
    return (await this.table.locator('.el-table__body tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())
  }
}
