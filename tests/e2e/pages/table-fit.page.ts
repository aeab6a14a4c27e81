import type { Locator, Page } from 'playwright-core'

/** How one table cell sits on the screen: its text, whether the text is cut, whether it is in view. */
export interface CellFit {
  text: string
  /** The text is wider than its cell (cut with … or hidden under the next column). */
  clipped: boolean
  /** The cell's right edge, in CSS pixels from the left of the window. */
  right: number
  /** The window's width, for "the right edge is within the viewport". */
  viewport: number
  /** Lines the text takes (a number or a time broken over two lines reads wrong). */
  lines: number
}

/**
 * A list's el-table as the clerk sees it at the office's screen size: finds a cell by its column
 * heading and the row that holds some text, and measures it (the .cell element Element Plus puts
 * in every td is what clips: scrollWidth beyond clientWidth means part of the text is not shown).
 */
export class TableFit {
  constructor(
    readonly page: Page,
    readonly table: Locator
  ) {}

  async headers(): Promise<string[]> {
    return (await this.table.locator('.el-table__header-wrapper th').allTextContents()).map((h) => h.trim())
  }

  async cell(header: string, rowText: string): Promise<CellFit> {
    const headers = await this.headers()
    const index = headers.indexOf(header)
    if (index < 0) throw new Error(`表格没有“${header}”列：${headers.join('、')}`)
    const cell = this.table.locator('.el-table__body-wrapper tr', { hasText: rowText }).first().locator('td').nth(index).locator('.cell')
    await cell.waitFor()
    return cell.evaluate((el) => {
      const box = el.getBoundingClientRect()
      return {
        text: (el.textContent ?? '').trim(),
        clipped: el.scrollWidth > el.clientWidth,
        right: box.right,
        viewport: el.ownerDocument.documentElement.clientWidth,
        lines: Math.round(el.clientHeight / parseFloat(el.ownerDocument.defaultView?.getComputedStyle(el).lineHeight ?? '23'))
      }
    })
  }

  /** Headings that take more than one line (their column is narrower than the heading). */
  async wrappedHeaders(): Promise<string[]> {
    return this.table
      .locator('.el-table__header-wrapper th .cell')
      .evaluateAll((cells) => cells.filter((c) => c.getBoundingClientRect().height > 30).map((c) => (c.textContent ?? '').trim()))
  }

  /** The table scrolls sideways: some column is out of view until the clerk scrolls. */
  async scrollsSideways(): Promise<boolean> {
    return this.table
      .locator('.el-table__body-wrapper .el-scrollbar__wrap')
      .first()
      .evaluate((el) => el.scrollWidth > el.clientWidth + 1)
  }
}
