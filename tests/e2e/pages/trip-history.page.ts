import type { Locator, Page } from 'playwright-core'

/** 返程记录 on a person's page (居民 → the person): every trip, 作废 ones greyed with their reason. */
export class TripHistoryPanel {
  readonly panel: Locator

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('resident-detail').getByTestId('trip-history')
  }

  /**
   * Resolves once the person's trips have arrived. The panel marks its own answer (data-loaded):
   * the page keeps an event stream open, so "the network went quiet" never comes.
   */
  async loaded(): Promise<void> {
    await this.page.getByTestId('resident-detail').locator('[data-testid="trip-history"][data-loaded="yes"]').waitFor()
  }

  /** The title line, e.g. '返程记录 2 次（其中 1 次已作废）'. */
  async heading(): Promise<string> {
    await this.loaded()
    return ((await this.panel.locator('.title').innerText()) ?? '').replace(/\s+/g, ' ').trim()
  }

  /** The row of one trip (found by its return date cell). */
  row(tripId: number): Locator {
    return this.panel.locator('.el-table__body tr', { has: this.page.getByTestId(`trip-date-${tripId}`) })
  }

  /** A trip's row as read on screen, whether it is greyed as 作废, and its 作废 line. */
  async trip(tripId: number): Promise<{ text: string; greyed: boolean; voidNote: string }> {
    await this.loaded()
    const row = this.row(tripId)
    // The table draws its rows just after the answer lands.
    await row.waitFor()
    const text = (await row.innerText()).replace(/\s+/g, ' ').trim()
    const greyed = ((await row.getAttribute('class')) ?? '').includes('voided-row')
    const note = row.getByTestId(`trip-void-${tripId}`)
    const voidNote = (await note.count()) > 0 ? ((await note.innerText()) ?? '').trim() : ''
    return { text, greyed, voidNote }
  }

  /** Every trip's return date, top to bottom (newest first). */
  async dates(): Promise<string[]> {
    await this.loaded()
    return (await this.panel.locator('[data-testid^="trip-date-"]').allInnerTexts()).map((t) => t.trim())
  }
}
