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

/** 设置: the office's own details. */
export class SettingsPage {
  readonly root: Locator
  readonly saveButton: Locator
  readonly successMessage: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('settings-page')
    this.saveButton = this.root.getByTestId('save-settings')
    this.successMessage = page.locator('.el-message--success').filter({ hasText: '已保存' })
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
