import type { Locator, Page } from 'playwright-core'
import { inputOf, openDropdownItem, success, tick } from './element'
import { read } from './excel.page'

/** 通知公告: the list, the 发布通知 drawer, a notice's page with its posts, progress and door-to-door checklist. */
export class NoticesPage {
  readonly root: Locator
  constructor(private readonly page: Page) {
    this.root = page.getByTestId('notices-page')
  }

  /** Types into a field key by key, as a clerk at the desk does. */
  private async type(field: Locator, text: string): Promise<void> {
    await field.click()
    await this.page.keyboard.type(text)
  }

  /**
   * 发布通知: title and text typed (Enter in the text starts a new paragraph and never publishes),
   * channels ticked, buildings found by typing their number; published with the button.
   */
  async publish(
    n: { title: string; paragraphs: string[]; channels: string[]; buildings?: string[]; unitGrids?: string[] },
    whenFilled?: () => Promise<unknown>
  ): Promise<void> {
    await this.root.getByTestId('notices-new').click()
    const form = this.page.getByTestId('notice-form')
    await form.waitFor()
    await this.type(inputOf(form, 'notice-title'), n.title)
    // Enter in the title must not publish half a notice.
    await this.page.keyboard.press('Enter')
    await inputOf(form, 'notice-body').click()
    for (const [i, para] of n.paragraphs.entries()) {
      if (i > 0) await this.page.keyboard.press('Enter')
      await this.page.keyboard.type(para)
    }
    await tick(form.getByTestId('notice-channels'), n.channels)
    // 按楼栋 with buildings found by typing their number, or 商铺单位 of grids found by typing their name.
    const units = n.unitGrids !== undefined
    await form
      .getByTestId('notice-target-kind')
      .getByText(units ? '商铺单位' : '按楼栋', { exact: true })
      .click()
    const select = form.getByTestId(units ? 'notice-target-grids' : 'notice-target-buildings')
    for (const item of n.unitGrids ?? n.buildings ?? []) {
      await this.type(select, item)
      await openDropdownItem(this.page, item).click()
    }
    // Close the list by clicking the form's own label, not Escape (which would close the drawer).
    await form.locator('.el-form-item__label', { hasText: '告知范围' }).click()
    await whenFilled?.()
    await this.page.getByTestId('notice-save').click()
  }

  detail(): Locator {
    return this.page.getByTestId('notice-page')
  }

  /** 登记发布记录 of a group chat: its name and member count typed. */
  async postToGroup(group: string, members: string): Promise<void> {
    await this.detail().getByTestId('notice-add-post').click()
    const form = this.page.getByTestId('post-form')
    await form.waitFor()
    await this.type(inputOf(form, 'post-group'), group)
    await this.type(inputOf(form, 'post-members'), members)
    await this.page.getByTestId('post-save').click()
    await success(this.page, '发布记录已登记')
  }

  async postRows(): Promise<string[]> {
    return (await this.detail().getByTestId('notice-posts').locator('tbody tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())
  }

  /** The checklist's household rows as shown (address, householder, phone, grid, result, who). */
  async checklistRows(): Promise<string[]> {
    return (await this.page.getByTestId('door-table').locator('tbody tr:not(.building-row)').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())
  }

  /** Clicks the first household of the checklist, then marks the next ones with one key each. */
  async markByKeys(fromAddress: string, keys: string[]): Promise<void> {
    await this.page.getByTestId(`door-row-${fromAddress}`).locator('td').nth(1).click()
    const summary = this.detail().getByTestId('notice-door-summary')
    for (const key of keys) {
      const before = await summary.innerText()
      await this.page.keyboard.press(key)
      // Each key is one mark: wait until the count changed before the next.
      await summary.filter({ hasNotText: before }).waitFor()
    }
  }

  /** Ticks a building's box on the checklist and marks the ticked households. */
  async markBuilding(building: string, button: string): Promise<void> {
    await this.page.getByTestId(`door-building-${building}`).click()
    await this.page.getByTestId('door-checklist').getByRole('button', { name: button }).click()
    await success(this.page, '已标记')
  }

  /** The checklist's unit rows of a notice to 商铺单位 (name, kind, address, manager, phone, grid, result, who). */
  async unitRows(): Promise<string[]> {
    return (await this.page.getByTestId('unit-door-table').locator('tbody tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())
  }

  /** Clicks a unit of the checklist, then marks it and the next ones with one key each. */
  async markUnitsByKeys(fromName: string, keys: string[]): Promise<void> {
    await this.page.getByTestId(`unit-door-row-${fromName}`).locator('td').nth(1).click()
    const summary = this.detail().getByTestId('notice-door-summary')
    for (const key of keys) {
      const before = await summary.innerText()
      await this.page.keyboard.press(key)
      await summary.filter({ hasNotText: before }).waitFor()
    }
  }

  async summary(): Promise<string> {
    return (await this.detail().getByTestId('notice-door-summary').innerText()).replace(/\s+/g, '')
  }

  async progressRows(): Promise<string[]> {
    return (await this.detail().getByTestId('notice-progress').locator('tbody tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())
  }

  /** 导出宣传台账 on the list page, with the 发布日期 range typed; the file's name and bytes. */
  async exportLedger(from: string, to: string): Promise<{ name: string; bytes: Buffer }> {
    const inputs = this.root.locator('.el-date-editor--daterange input')
    await inputs.first().click()
    await this.page.keyboard.type(from)
    await inputs.nth(1).click()
    await this.page.keyboard.type(to)
    await this.page.keyboard.press('Enter')
    await this.root.getByTestId('notices-table').click({ position: { x: 5, y: 5 } })
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.root.getByTestId('notices-export').click()])
    return read(download)
  }
}
