import type { Locator, Page } from 'playwright-core'
import { choose, inputOf, success } from './element'

/** A cell of 可值班时间: weekday 0 (周一) .. 6 (周日) and the period. */
export interface AvailabilitySlot {
  day: number
  period: 'morning' | 'afternoon' | 'night'
}

export interface VolunteerExtras {
  /** 技能 picked from the suggestions (or typed, for a new one). */
  skills?: string[]
  /** 可值班时间 cells to untick (a new volunteer starts available at every one). */
  unavailable?: AvailabilitySlot[]
}

/** 志愿者花名册: the list and the registration drawer. */
export class VolunteersPage {
  readonly root: Locator
  constructor(private readonly page: Page) {
    this.root = page.getByTestId('volunteers-page')
  }

  async register(name: string, phone: string, kind: string, canLead = false, extras: VolunteerExtras = {}): Promise<void> {
    await this.root.getByTestId('volunteer-new').click()
    const form = this.page.getByTestId('volunteer-form')
    await inputOf(form, 'volunteer-name').fill(name)
    await inputOf(form, 'volunteer-phone').fill(phone)
    await choose(this.page, form.getByTestId('volunteer-kind'), kind)
    if (canLead) await form.getByTestId('volunteer-can-lead').click()
    if (extras.skills?.length) {
      const skills = form.getByTestId('volunteer-skills')
      for (const skill of extras.skills) await choose(this.page, skills, skill)
      // The dropdown of a multiple select stays open; a click on the drawer's title closes it.
      await this.page.locator('.el-drawer__title', { hasText: '登记志愿者' }).click()
      await this.page.locator('.el-select-dropdown:visible').waitFor({ state: 'hidden' })
    }
    for (const slot of extras.unavailable ?? []) await form.getByTestId(`availability-${slot.day}-${slot.period}`).click()
    await this.page.getByTestId('volunteer-save').click()
    await success(this.page, '已保存')
  }

  /** The 技能 tags in a volunteer's row of the list. */
  async skillTags(name: string): Promise<string[]> {
    const row = this.root.getByTestId('volunteers-table').locator('tbody tr', { hasText: name }).first()
    await row.waitFor()
    return (await row.getByTestId('volunteer-skill').allTextContents()).map((t) => t.trim())
  }

  /** 修改 in a volunteer's row: the drawer opens on their record. */
  async openEdit(name: string): Promise<void> {
    const row = this.root.getByTestId('volunteers-table').locator('tbody tr', { hasText: name }).first()
    await row.getByRole('button', { name: '修改' }).click()
    await this.page.getByTestId('volunteer-form').waitFor()
  }

  nameField(): Locator {
    return inputOf(this.page.getByTestId('volunteer-form'), 'volunteer-name')
  }

  /** Replaces the name key by key and presses 保存; resolves with the refusal's dialog text. */
  async renameAndSave(name: string): Promise<string> {
    await this.nameField().click()
    await this.page.keyboard.press('Control+A')
    await this.page.keyboard.type(name)
    await this.page.getByTestId('volunteer-save').click()
    const box = this.page.locator('.el-message-box')
    await box.waitFor()
    return ((await box.textContent()) ?? '').trim()
  }

  /** Replaces the name key by key and saves; waits for 已保存. */
  async renameAndSaveOk(name: string): Promise<void> {
    await this.nameField().click()
    await this.page.keyboard.press('Control+A')
    await this.page.keyboard.type(name)
    await this.page.getByTestId('volunteer-save').click()
    await success(this.page, '已保存')
  }

  /** 重新载入 in the refusal's dialog. */
  async reload(): Promise<void> {
    await this.page.locator('.el-message-box').getByRole('button', { name: '重新载入' }).click()
  }

  rowTexts(): Promise<string[]> {
    return this.root.getByTestId('volunteers-table').locator('tbody tr').allInnerTexts()
  }
}
