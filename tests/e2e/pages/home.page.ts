import type { Locator, Page } from 'playwright-core'

/** 首页: database facts and the record count of each table. */
export class HomePage {
  readonly root: Locator
  readonly title: Locator
  readonly dbInfo: Locator
  readonly journalRecords: Locator
  readonly tableCounts: Locator
  readonly refreshButton: Locator
  /** Shown while the community name is empty. */
  readonly setupHint: Locator
  readonly errorAlert: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('home-page')
    this.title = this.root.locator('h1.page-title')
    this.dbInfo = this.root.getByTestId('db-info')
    this.journalRecords = this.root.getByTestId('journal-records')
    this.tableCounts = this.root.getByTestId('table-counts')
    this.refreshButton = this.root.getByTestId('refresh')
    this.setupHint = this.root.getByRole('alert').filter({ hasText: '还没有填写社区名称' })
    this.errorAlert = this.root.locator('.el-alert--error')
  }

  async waitForLoaded(): Promise<void> {
    await this.tableCounts.locator('.el-table__body tr').first().waitFor()
  }

  /** 类别 -> 记录数, read in one pass so the table cannot change halfway. */
  async readTableCounts(): Promise<Map<string, number>> {
    const rows = await this.tableCounts
      .locator('.el-table__body tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td: { textContent: string | null }) => (td.textContent ?? '').trim())))
    const counts = new Map<string, number>()
    for (const [label, rowCount] of rows) {
      if (label !== undefined && rowCount !== undefined) counts.set(label, Number(rowCount))
    }
    return counts
  }

  async tableCount(label: string): Promise<number | undefined> {
    return (await this.readTableCounts()).get(label)
  }

  async readJournalRecords(): Promise<number> {
    return Number((await this.journalRecords.textContent())?.trim())
  }

  async readTitle(): Promise<string> {
    return ((await this.title.textContent()) ?? '').trim()
  }

  /** Clicks 刷新 and waits for the system.info answer it triggers. */
  async refresh(): Promise<void> {
    const answered = this.page.waitForResponse((response) => response.url().endsWith('/api/system.info'))
    await this.refreshButton.click()
    await answered
  }
}
