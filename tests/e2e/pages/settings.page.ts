import type { Locator, Page } from 'playwright-core'

export interface SettingsValues {
  communityName?: string
  streetName?: string
  contactPhone?: string
}

const TEST_IDS: Record<keyof SettingsValues, string> = {
  communityName: 'community-name',
  streetName: 'street-name',
  contactPhone: 'contact-phone'
}

/** 设置: the office's own details, and 关于本机数据 (the data folder and record counts). */
export class SettingsPage {
  readonly root: Locator
  readonly saveButton: Locator
  readonly successMessage: Locator
  readonly about: Locator
  readonly dbInfo: Locator
  readonly dataDir: Locator
  readonly journalRecords: Locator
  readonly tableCounts: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('settings-page')
    this.saveButton = this.root.getByTestId('save-settings')
    this.successMessage = page.locator('.el-message--success').filter({ hasText: '已保存' })
    this.about = this.root.getByTestId('about-data')
    this.dbInfo = this.about.getByTestId('db-info')
    this.dataDir = this.about.getByTestId('data-dir')
    this.journalRecords = this.about.getByTestId('journal-records')
    this.tableCounts = this.about.getByTestId('table-counts')
  }

  /** Waits until 关于本机数据 shows its record counts. */
  async waitForAbout(): Promise<void> {
    await this.tableCounts.locator('.el-table__body tr').first().waitFor()
  }

  /** 关于本机数据: 类别 -> 记录数, read in one pass so the table cannot change halfway. */
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

  /** Clicks 刷新 of 关于本机数据 and waits for the system.info answer it triggers. */
  async refreshAbout(): Promise<void> {
    const answered = this.page.waitForResponse((response) => response.url().endsWith('/api/system.info'))
    await this.about.getByTestId('about-refresh').click()
    await answered
  }

  /**
   * The real <input>. ElInput passes non-class attributes through to its native input
   * (inheritAttrs: false), so the test id lands on the <input> itself; accept a wrapper too.
   */
  input(field: keyof SettingsValues): Locator {
    const id = TEST_IDS[field]
    return this.root.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`)
  }

  /** The validation message under a field, found by its label (e.g. 社区名称). */
  fieldError(label: string): Locator {
    return this.root
      .locator('.el-form-item')
      .filter({ has: this.page.locator('.el-form-item__label', { hasText: label }) })
      .locator('.el-form-item__error')
  }

  /**
   * Runs the navigation (a menu click, a reload) and waits until the form holds the stored
   * values: the view fills the form from settings.get on mount, and that would overwrite
   * anything typed before the answer arrives.
   */
  async openWith(navigate: () => Promise<void>): Promise<void> {
    const answered = this.page.waitForResponse((response) => response.url().endsWith('/api/settings.get'))
    await navigate()
    await answered
    await this.root.getByTestId('settings-form').waitFor()
    // One frame for Vue to copy the answer into the form (a string: no DOM lib on the Node side).
    await this.page.evaluate('new Promise((resolve) => requestAnimationFrame(() => resolve(null)))')
  }

  async fill(values: SettingsValues): Promise<void> {
    for (const field of Object.keys(TEST_IDS) as (keyof SettingsValues)[]) {
      const value = values[field]
      if (value !== undefined) await this.input(field).fill(value)
    }
  }

  /** Clicks 保存 and waits for the 已保存 message. */
  async save(): Promise<void> {
    await this.saveButton.click()
    await this.successMessage.waitFor()
  }

  async fillAndSave(values: SettingsValues): Promise<void> {
    await this.fill(values)
    await this.save()
  }

  /** 时间与时区: the office PC's zone and wall clock, as shown. */
  async clock(): Promise<{ zone: string; now: string }> {
    const card = this.root.getByTestId('clock-card')
    await card.getByTestId('clock-zone').waitFor()
    await card.scrollIntoViewIfNeeded()
    const text = async (id: string) => ((await card.getByTestId(id).textContent()) ?? '').trim()
    return { zone: await text('clock-zone'), now: await text('clock-now') }
  }
}
