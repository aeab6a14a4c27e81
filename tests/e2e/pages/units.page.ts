import type { Locator, Page } from 'playwright-core'
import { inputOf, openDropdownItem, success, tick, waitForFocus } from './element'
import { read } from './excel.page'

/** 商铺单位: the 单位台账, the 登记单位 drawer, a unit's page with its tabs, and the three exports. */
export class UnitsPage {
  readonly root: Locator
  readonly unit: Locator
  constructor(private readonly page: Page) {
    this.root = page.getByTestId('units-page')
    this.unit = page.getByTestId('unit-page')
  }

  /** Types into a field key by key, as a clerk at the desk does (the field emptied first). */
  private async type(field: Locator, text: string): Promise<void> {
    await field.click()
    await this.page.keyboard.press('Control+A')
    await this.page.keyboard.press('Backspace')
    await this.page.keyboard.type(text)
  }

  /** A date typed into an Element Plus picker, committed with Enter. */
  private async typeDate(field: Locator, date: string): Promise<void> {
    await this.type(field, date)
    await this.page.keyboard.press('Enter')
  }

  /** 登记单位 in a building of the community; saving opens the unit's page. */
  async register(u: {
    name: string
    compound: string
    building: string
    door: string
    manager: string
    phone: string
    creditCode: string
    pledge: string
  }): Promise<void> {
    await this.root.getByTestId('unit-new').click()
    const form = this.page.getByTestId('unit-form')
    await form.waitFor()
    await this.type(inputOf(form, 'unit-name'), u.name)
    await this.type(inputOf(form, 'unit-compound'), u.compound)
    await this.type(inputOf(form, 'unit-building'), u.building)
    await this.type(inputOf(form, 'unit-door'), u.door)
    await this.type(inputOf(form, 'unit-manager'), u.manager)
    await this.type(inputOf(form, 'unit-manager-phone'), u.phone)
    await this.type(inputOf(form, 'unit-credit-code'), u.creditCode)
    await this.typeDate(form.locator('.el-form-item').filter({ hasText: '承诺书签订' }).locator('input'), u.pledge)
    await this.page.getByTestId('unit-save').click()
    await success(this.page, '单位已登记')
    await this.unit.waitFor()
  }

  /** The error under a field of the 登记单位 drawer after 保存. */
  async formError(): Promise<string> {
    return (await this.page.getByTestId('unit-form').locator('.el-form-item__error').first().innerText()).trim()
  }

  async status(): Promise<string> {
    return (await this.unit.getByTestId('unit-status').innerText()).trim()
  }

  async tab(label: string): Promise<void> {
    await this.unit
      .getByTestId('unit-tabs')
      .getByRole('tab', { name: new RegExp(`^${label}`) })
      .click()
  }

  /** 登记从业人员: a person of the register found by a few characters of their name. */
  async addResident(search: string, pick: string, role: string): Promise<void> {
    const form = await this.openWorker()
    await form.getByTestId('worker-resident').click()
    await this.page.keyboard.type(search)
    await openDropdownItem(this.page, pick).click()
    await this.role(form, role)
    await this.page.getByTestId('worker-save').click()
    await success(this.page, '从业人员已登记')
  }

  /** 登记从业人员 for someone living elsewhere; with a trip (and the observation switched on) when given. */
  async addOutsider(
    p: { name: string; id: string; phone: string; home: string; role: string },
    trip?: { originSearch: string; originOption: string; returnDate: string; trainNo: string }
  ): Promise<void> {
    const form = await this.openWorker()
    await form.getByTestId('worker-who').getByText('外地/非本社区人员').click()
    await this.type(inputOf(form, 'worker-name'), p.name)
    await this.type(inputOf(form, 'worker-id'), p.id)
    await this.type(inputOf(form, 'worker-phone'), p.phone)
    await this.type(inputOf(form, 'worker-home'), p.home)
    await this.role(form, p.role)
    if (trip) {
      await form.getByTestId('worker-returned').click()
      await inputOf(form, 'worker-origin').click()
      await this.page.keyboard.type(trip.originSearch)
      await this.page.locator('.el-cascader__suggestion-item:visible', { hasText: trip.originOption }).first().click()
      await this.typeDate(inputOf(form, 'worker-return-date'), trip.returnDate)
      await this.type(inputOf(form, 'worker-transport-no'), trip.trainNo)
    }
    await this.page.getByTestId('worker-save').click()
    await success(this.page, '从业人员已登记')
  }

  private async openWorker(): Promise<Locator> {
    await this.unit.getByTestId('worker-new').click()
    const form = this.page.getByTestId('worker-form')
    await form.waitFor()
    return form
  }

  private async role(form: Locator, role: string): Promise<void> {
    await form.getByTestId('worker-role').click()
    await this.page.keyboard.type(role)
    await this.page.keyboard.press('Enter')
  }

  /** The 从业人员 table once it shows `count` rows (it redraws after each save). */
  /**
   * 查找从业人员 on the 台账: types the search key by key into the dialog (focused when it opens) and
   * returns the hits once the first has come; Enter then opens the chosen one's unit.
   */
  async findWorker(text: string): Promise<string[]> {
    await this.root.getByTestId('worker-search').click()
    // Element Plus puts the test id on the <input> itself; the dialog focuses it when it opens.
    await this.page.getByTestId('worker-search-q').waitFor()
    await waitForFocus(this.page, 'worker-search-q')
    await this.page.keyboard.type(text)
    const table = this.page.getByTestId('worker-search-table')
    await table.locator('tbody tr').first().waitFor()
    return (await table.locator('tbody tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())
  }

  async workerSearchCount(): Promise<string> {
    return ((await this.page.getByTestId('worker-search-count').textContent()) ?? '').trim()
  }

  async workerRows(count?: number): Promise<string[]> {
    if (count)
      await this.unit
        .getByTestId('workers-table')
        .locator('tbody tr')
        .nth(count - 1)
        .waitFor()
    return (await this.unit.getByTestId('workers-table').locator('tbody tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())
  }

  async checkRows(): Promise<string[]> {
    return (await this.unit.getByTestId('checks-table').locator('tbody tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())
  }

  /** 营业状态 → a status, with the prompt's note typed. */
  async setStatus(label: string, note: string): Promise<void> {
    await this.unit.getByTestId('unit-set-status').click()
    await this.page.locator('.el-dropdown-menu__item:visible', { hasText: label }).click()
    const box = this.page.locator('.el-message-box')
    await box.locator('input').click()
    await this.page.keyboard.type(note)
    await box.getByRole('button', { name: '确定' }).click()
    await success(this.page, '状态已更新')
  }

  async linkPlace(name: string): Promise<void> {
    await this.unit.getByTestId('place-pick').click()
    await openDropdownItem(this.page, name).click()
    await this.unit.getByTestId('place-link').click()
    await this.unit.getByTestId('unit-place').filter({ hasText: name }).waitFor()
  }

  async applyReopen(): Promise<void> {
    const box = this.unit.getByTestId('reopen-apply')
    await tick(box, ['口罩', '体温计', '消毒用品'])
    await box.getByTestId('reopen-apply-save').click()
    await success(this.page, '已提交复工申请')
  }

  async approveReopen(note: string): Promise<void> {
    const box = this.unit.getByTestId('reopen-approve')
    await this.type(inputOf(box, 'reopen-note'), note)
    await box.getByTestId('reopen-approve-save').click()
    await success(this.page, '已批准复工')
  }

  async checklist(): Promise<string[]> {
    return (await this.unit.getByTestId('reopen-checklist').locator('tbody tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())
  }

  async inspect(v: { inspector: string; findings: string[]; note: string; rectifyBy: string }): Promise<void> {
    const form = this.unit.getByTestId('inspection-form')
    await this.type(inputOf(form, 'inspection-inspector'), v.inspector)
    await tick(form.getByTestId('inspection-findings'), v.findings)
    await this.type(inputOf(form, 'inspection-note'), v.note)
    // el-date-picker keeps its test id off the <input>: found by its label instead.
    await this.typeDate(form.locator('.el-form-item').filter({ hasText: '整改期限' }).locator('input'), v.rectifyBy)
    await form.getByTestId('inspection-save').click()
    await success(this.page, '巡查已登记')
  }

  async inspectionRows(): Promise<string[]> {
    return (await this.unit.getByTestId('inspections-table').locator('tbody tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())
  }

  async listRows(): Promise<string[]> {
    return (await this.root.getByTestId('units-table').locator('tbody tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())
  }

  /** One of the 台账's three 导出 menus (by its button's words), masked Excel; returns the file. */
  async export(label: string): Promise<{ name: string; bytes: Buffer }> {
    await this.root.locator('.export', { hasText: label }).getByTestId('export-button').click()
    const item = this.page.locator('[data-testid="export-xlsx"]:visible')
    await item.waitFor()
    const [download] = await Promise.all([this.page.waitForEvent('download'), item.click()])
    return read(download)
  }
}
