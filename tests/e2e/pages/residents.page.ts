import type { Locator, Page } from 'playwright-core'
import { inputOf, openDropdownItem, success, tick } from './element'

/** 居民: the search-as-you-type list, and a person's page (reveal, delete). */
export class ResidentsPage {
  readonly list: Locator
  readonly search: Locator
  readonly table: Locator
  readonly detail: Locator

  constructor(readonly page: Page) {
    this.list = page.getByTestId('residents-page')
    this.search = this.list.locator('[data-testid="resident-search"] input, input[data-testid="resident-search"]').first()
    this.table = this.list.getByTestId('residents-table')
    this.detail = page.getByTestId('resident-detail')
  }

  /** Types into the search box and waits for the list answer to that exact text. */
  async find(text: string): Promise<string[]> {
    const answered = this.page.waitForResponse(
      (response) => response.url().endsWith('/api/residents.list') && (response.request().postData() ?? '').includes(JSON.stringify(text).slice(1, -1))
    )
    // The list keeps its search between visits: clear first so typing the same text searches again.
    await this.search.fill('')
    await this.search.fill(text)
    await answered
    await this.page.evaluate('new Promise((resolve) => requestAnimationFrame(() => resolve(null)))')
    return this.names()
  }

  /** Types a search the backend refuses (a number shape the account may not use); resolves with the message shown. */
  async refusedSearch(text: string): Promise<string> {
    const messages = this.page.locator('.el-message--error').filter({ hasText: '查找' })
    // Earlier messages may still be on screen: wait for one more than there were.
    const fresh = messages.nth(await messages.count())
    await this.search.fill('')
    await this.search.fill(text)
    await fresh.waitFor()
    return ((await fresh.textContent()) ?? '').trim()
  }

  /** 出生日期 and 性别 / 年龄 on a person's page, as shown. */
  async birth(): Promise<{ birth: string; age: string }> {
    return {
      birth: ((await this.detail.getByTestId('resident-birth').textContent()) ?? '').trim(),
      age: ((await this.detail.getByTestId('resident-age').textContent()) ?? '').trim()
    }
  }

  async names(): Promise<string[]> {
    return (await this.table.getByTestId('resident-name').allTextContents()).map((n) => n.trim())
  }

  row(name: string): Locator {
    return this.table.locator('.el-table__body tr', { hasText: name })
  }

  /** Cells of a row by column header, e.g. 证件号码 -> 110101********1234. */
  async cell(name: string, header: string): Promise<string> {
    const headers = (await this.table.locator('.el-table__header th').allTextContents()).map((h) => h.trim())
    const index = headers.indexOf(header)
    return ((await this.row(name).first().locator('td').nth(index).textContent()) ?? '').trim()
  }

  /** Opens a person's page from the list; resolves once their record has loaded. */
  async open(name: string): Promise<void> {
    await this.row(name).first().getByTestId('resident-name').click()
    await this.detail.locator('.page-title', { hasText: name }).waitFor()
  }

  /** 删除 on the person's page: gives the reason, resolves back on the list. */
  async deleteOpen(reason: string): Promise<void> {
    await this.detail.getByTestId('resident-delete').click()
    const box = this.page.locator('.el-message-box')
    await box.locator('input').fill(reason)
    await box.getByRole('button', { name: '删除' }).click()
    await success(this.page, '已删除')
    await this.list.waitFor()
  }

  async reveal(): Promise<{ id: string; phones: string }> {
    await this.detail.getByTestId('reveal').click()
    await this.detail.getByText('已显示完整号码').waitFor()
    return {
      id: ((await this.detail.getByTestId('resident-id').textContent()) ?? '').trim(),
      phones: ((await this.detail.getByTestId('resident-phones').textContent()) ?? '').trim()
    }
  }

  /** The 重点人群 tags on the person's page. */
  async keyGroups(): Promise<string[]> {
    return (await this.detail.getByTestId('resident-tag').allTextContents()).map((t) => t.trim())
  }

  /** 修改 on the person's page: ticks or unticks the 重点人群 boxes by label and saves. */
  async toggleKeyGroups(labels: string[]): Promise<void> {
    await this.detail.getByTestId('resident-edit').click()
    const form = this.page.getByTestId('resident-form')
    await tick(form.getByTestId('resident-tags'), labels)
    await this.page.getByTestId('resident-save').click()
    await success(this.page, '已保存')
  }

  /**
   * 登记居民 from the list, typed as a clerk does: name and phone, then the 住户 — an existing one
   * found by typing part of its address, or a new one typed in the same form. Clicks 保存 and
   * resolves on the new person's page (or, when the form refuses, with the drawer still open).
   */
  async register(v: {
    name: string
    phone: string
    household: { find: string; option: string } | { compound: string; building: string; unit: string; room: string } | 'none' | 'unpicked'
    relation?: string
  }): Promise<void> {
    await this.list.getByTestId('resident-new').click()
    const form = this.page.getByTestId('resident-form')
    await inputOf(form, 'resident-name-input').click()
    await this.page.keyboard.type(v.name)
    await inputOf(form, 'resident-phone').click()
    await this.page.keyboard.type(v.phone)
    const choice = form.getByTestId('resident-household')
    const h = v.household
    if (h === 'none') await choice.getByText('暂不归户').click()
    else if (h !== 'unpicked' && 'find' in h) {
      await inputOf(choice, 'resident-household-picker').click()
      await this.page.keyboard.type(h.find)
      await openDropdownItem(this.page, h.option).click()
    } else if (h !== 'unpicked') {
      await choice.getByText('新建住户').click()
      for (const [testId, text] of [
        ['resident-household-compound', h.compound],
        ['resident-household-building', h.building]
      ] as const) {
        await inputOf(choice, testId).click()
        await this.page.keyboard.type(text)
        await this.page.keyboard.press('Enter')
      }
      await inputOf(choice, 'resident-household-unit').click()
      await this.page.keyboard.type(h.unit)
      await inputOf(choice, 'resident-household-room').click()
      await this.page.keyboard.type(h.room)
    }
    if (v.relation) {
      await form.getByTestId('resident-relation').click()
      await openDropdownItem(this.page, v.relation).click()
    }
    await this.page.getByTestId('resident-save').click()
    if (h === 'unpicked') return
    await success(this.page, `已登记 ${v.name}`)
    await this.detail.locator('.page-title', { hasText: v.name }).waitFor()
  }

  /** The message under a field of the open 登记居民 form, by its label. */
  formError(label: string): Locator {
    return this.page
      .getByTestId('resident-form')
      .locator('.el-form-item')
      .filter({ has: this.page.locator('.el-form-item__label', { hasText: label }) })
      .locator('.el-form-item__error')
  }

  /** The 住户 line on a person's page: the household's address, or （无住户）. */
  async householdText(): Promise<string> {
    const link = this.detail.getByTestId('resident-household')
    if ((await link.count()) > 0) return ((await link.textContent()) ?? '').trim()
    return ((await this.detail.getByText('（无住户）').textContent()) ?? '').trim()
  }
}
