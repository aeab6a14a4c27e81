import type { Download, Locator, Page } from 'playwright-core'
import { inputOf } from './element'

export interface NewItem {
  name: string
  spec: string
  unit: string
  warningLevel: number
}

/** 物资 (stock, ledger, monthly summary, household distribution) and 消杀 pages. */
export class SuppliesPage {
  readonly root: Locator
  readonly stock: Locator
  readonly ledger: Locator
  readonly monthly: Locator
  readonly checklist: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('supplies-page')
    this.stock = page.getByTestId('stock-table')
    this.ledger = page.getByTestId('ledger-table')
    this.monthly = page.getByTestId('monthly-table')
    this.checklist = page.getByTestId('campaign-checklist')
  }

  private async pick(selectTestId: string, label: string): Promise<void> {
    await this.page.locator(`[data-testid="${selectTestId}"]`).click()
    await this.page.locator('.el-select-dropdown:visible .el-select-dropdown__item').filter({ hasText: label }).first().click()
  }

  private async setNumber(testId: string, value: number): Promise<void> {
    const input = inputOf(this.page, testId)
    await input.fill(String(value))
    await input.blur()
  }

  async tab(label: string): Promise<void> {
    await this.root.locator('.el-tabs__item', { hasText: label }).click()
  }

  async createItem(item: NewItem): Promise<void> {
    await this.root.getByTestId('supply-new-item').click()
    await inputOf(this.page, 'item-name').fill(item.name)
    await inputOf(this.page, 'item-spec').fill(item.spec)
    await inputOf(this.page, 'item-unit').fill(item.unit)
    await this.setNumber('item-warning', item.warningLevel)
    await this.page.getByTestId('item-save').click()
    await this.page.locator('.el-message--success').filter({ hasText: '已保存' }).last().waitFor()
    await this.stock.getByText(item.name, { exact: true }).waitFor()
  }

  /** Opens the booking dialog for one item from its row in the stock table. */
  private async openBooking(itemName: string, action: '入库' | '出库' | '盘点' | '报损'): Promise<void> {
    const row = this.stock.locator('.el-table__body tr').filter({ hasText: itemName }).first()
    await row.getByRole('button', { name: action, exact: true }).click()
    await this.page.getByTestId('booking-form').waitFor()
  }

  /** Clicks the dialog's confirm button; returns the success toast (containing `expect`). */
  async saveAndRead(expect: string): Promise<string> {
    return this.save(expect)
  }

  private async save(expect: string): Promise<string> {
    await this.page.getByTestId('booking-save').click()
    await this.page.getByTestId('booking-save').waitFor({ state: 'hidden' })
    const toast = this.page.locator('.el-message--success').filter({ hasText: expect }).last()
    await toast.waitFor()
    return (await toast.textContent()) ?? ''
  }

  async receive(itemName: string, quantity: number, sourceLabel: string, from: string): Promise<string> {
    await this.openBooking(itemName, '入库')
    await this.page.getByTestId('booking-source').getByText(sourceLabel, { exact: true }).click()
    await inputOf(this.page, 'booking-counterpart').fill(from)
    await this.setNumber('booking-quantity', quantity)
    return this.save('已入库')
  }

  /** 卡口 is picked from the checkpoints (typed to filter, Enter); any other kind is typed. */
  async issue(itemName: string, quantity: number, to: { kindLabel: string; name: string; receiver: string }): Promise<string> {
    await this.openBooking(itemName, '出库')
    await this.page.getByTestId('booking-counterpart-kind').getByText(to.kindLabel, { exact: true }).click()
    if (to.kindLabel === '卡口') await this.pickCheckpoint(to.name)
    else await inputOf(this.page, 'booking-counterpart').fill(to.name)
    await inputOf(this.page, 'booking-receiver').fill(to.receiver)
    await this.setNumber('booking-quantity', quantity)
    return this.save('已出库')
  }

  /** Tries an issue and returns the refusal shown under 数量; the dialog is closed afterwards. */
  async issueRefused(itemName: string, quantity: number, checkpoint: string): Promise<string> {
    await this.openBooking(itemName, '出库')
    await this.pickCheckpoint(checkpoint)
    await inputOf(this.page, 'booking-receiver').fill('王卡口')
    await this.setNumber('booking-quantity', quantity)
    await this.page.getByTestId('booking-save').click()
    const error = this.page.locator('.el-dialog .el-form-item__error').filter({ hasText: '库存不足' })
    await error.waitFor()
    const text = (await error.textContent()) ?? ''
    await this.page.locator('.el-dialog').getByRole('button', { name: '取消' }).click()
    return text
  }

  /** The 卡口 select of an 出库: a few characters typed, then Enter picks the highlighted one. */
  async pickCheckpoint(name: string): Promise<void> {
    await inputOf(this.page, 'booking-checkpoint').click()
    await this.page.keyboard.type(name.slice(0, 2))
    await this.page.locator('.el-select-dropdown__item:visible', { hasText: name }).first().waitFor()
    await this.page.keyboard.press('ArrowDown')
    await this.page.keyboard.press('Enter')
  }

  /**
   * 入库 of a batch, typed key by key: quantity, 批号, 有效期至. Returns the warning the dialog
   * shows for the date ('' when none) before anything is saved.
   */
  async typeBatchReceipt(itemName: string, quantity: number, batchNo: string, expiry: string): Promise<string> {
    await this.openBooking(itemName, '入库')
    await this.typeInto('booking-quantity', String(quantity))
    await this.typeInto('booking-batch-no', batchNo)
    // el-date-picker keeps its test id off the <input>: found by its label instead.
    await this.page.locator('.el-dialog .el-form-item').filter({ hasText: '有效期至' }).locator('input').click()
    await this.page.keyboard.press('Control+A')
    await this.page.keyboard.type(expiry)
    await this.page.keyboard.press('Enter')
    const warning = this.page.locator('[data-testid="booking-expired-warning"], [data-testid="booking-soon-warning"]')
    if ((await warning.count()) === 0) return ''
    return ((await warning.first().textContent()) ?? '').trim()
  }

  /** Clicks 确认入库 and returns the refusal shown under the 确认 box (expired, not yet confirmed). */
  async saveRefused(): Promise<string> {
    await this.page.getByTestId('booking-save').click()
    const error = this.page.locator('.el-dialog .el-form-item__error').first()
    await error.waitFor()
    return ((await error.textContent()) ?? '').trim()
  }

  /** Ticks 确认登记已过期批次 with the keyboard (Space) and saves; returns the warning toast's text. */
  async confirmExpiredAndSave(): Promise<string> {
    await this.page.getByTestId('booking-confirm-expired').locator('input').focus()
    await this.page.keyboard.press('Space')
    await this.save('已入库')
    const toast = this.page.locator('.el-message--warning').last()
    await toast.waitFor()
    return ((await toast.textContent()) ?? '').trim()
  }

  /** 盘点 of an item kept by batch: one counted quantity a batch, typed and Tabbed through. */
  async stocktake(itemName: string, counted: Record<string, number>): Promise<string> {
    await this.openBooking(itemName, '盘点')
    await this.page.getByTestId('stocktake-batches').locator('.el-table__body tr').first().waitFor()
    for (const [batchNo, value] of Object.entries(counted)) await this.typeInto(`stocktake-counted-${batchNo}`, String(value))
    await this.page.keyboard.press('Tab')
    return this.save('已盘点')
  }

  private async typeInto(testId: string, text: string): Promise<void> {
    const input = inputOf(this.page, testId)
    await input.click()
    await this.page.keyboard.press('Control+A')
    await this.page.keyboard.type(text)
  }

  /** Opens the item drawer from the name in the stock table; returns 可用库存 and 已过期 as shown. */
  async openItem(itemName: string): Promise<{ usable: string; expired: string }> {
    await this.stock.getByTestId('item-open').filter({ hasText: itemName }).first().click()
    return this.readDrawer()
  }

  async readDrawer(): Promise<{ usable: string; expired: string }> {
    const drawer = this.page.getByTestId('item-stock-drawer')
    await drawer.waitFor()
    return {
      usable: ((await drawer.getByTestId('drawer-usable').textContent()) ?? '').trim(),
      expired: ((await drawer.getByTestId('drawer-expired').textContent()) ?? '').trim()
    }
  }

  async drawerBatchRows(): Promise<string[][]> {
    const table = this.page.getByTestId('drawer-batches')
    await table.locator('.el-table__body tr').first().waitFor()
    const rows = await table.locator('.el-table__body tr').all()
    return Promise.all(rows.map(async (r) => (await r.locator('td').allTextContents()).map((t) => t.trim())))
  }

  async closeDrawer(): Promise<void> {
    await this.page.keyboard.press('Escape')
    await this.page.getByTestId('item-stock-drawer').waitFor({ state: 'hidden' })
  }

  async expiredOf(itemName: string): Promise<string> {
    const row = this.stock.locator('.el-table__body tr').filter({ hasText: itemName }).first()
    const cell = row.getByTestId('stock-expired')
    return (await cell.count()) ? ((await cell.textContent()) ?? '').trim() : ''
  }

  /** 盘点: enters the counted quantity; returns the difference the dialog shows. */
  async count(itemName: string, counted: number): Promise<string> {
    await this.openBooking(itemName, '盘点')
    await this.setNumber('booking-counted', counted)
    const hint = (await this.page.locator('.el-dialog .diff').textContent()) ?? ''
    await this.save('已盘点')
    return hint
  }

  async stockOf(itemName: string): Promise<string> {
    const row = this.stock.locator('.el-table__body tr').filter({ hasText: itemName }).first()
    return ((await row.getByTestId('stock-qty').textContent()) ?? '').trim()
  }

  async ledgerRows(): Promise<string[][]> {
    await this.ledger.locator('.el-table__body tr').first().waitFor()
    const rows = await this.ledger.locator('.el-table__body tr').all()
    return Promise.all(rows.map(async (r) => (await r.locator('td').allTextContents()).map((t) => t.trim())))
  }

  async createCampaign(name: string, itemName: string, perHousehold: number): Promise<void> {
    await this.root.getByTestId('campaign-new').click()
    await inputOf(this.page, 'campaign-name').fill(name)
    await this.pick('campaign-item', itemName)
    await this.setNumber('campaign-per-household', perHousehold)
    await this.page.getByTestId('campaign-save').click()
    await this.page.locator('.el-message--success').filter({ hasText: '已创建' }).last().waitFor()
  }

  async pickBuilding(label: string): Promise<void> {
    await this.root.getByTestId('campaign-buildings').locator('.building', { hasText: label }).click()
    await this.checklist.locator('.el-table__body tr').first().waitFor()
  }

  /** 登记领取 for the household whose address contains `room`, collected by `who`. */
  async markReceived(room: string, who: string): Promise<void> {
    const row = this.checklist.locator('.el-table__body tr').filter({ hasText: room }).first()
    await row.getByTestId('campaign-receive').click()
    const box = this.page.locator('.el-message-box')
    await box.locator('input').fill(who)
    await box.getByRole('button', { name: '确认领取' }).click()
    await this.page.locator('.el-message--success').filter({ hasText: '已领取' }).last().waitFor()
    await row.getByText('已领取').waitFor()
  }

  async checklistRows(): Promise<string[][]> {
    const rows = await this.checklist.locator('.el-table__body tr').all()
    return Promise.all(rows.map(async (r) => (await r.locator('td').allTextContents()).map((t) => t.trim())))
  }

  async showMonth(month: string): Promise<void> {
    const input = inputOf(this.page, 'monthly-month')
    await input.fill(month)
    await input.press('Enter')
    await this.monthly.locator('.el-table__body tr').first().waitFor()
  }

  async exportMonthly(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.root.getByTestId('monthly-export').click()])
    return download
  }
}

export class DisinfectionPage {
  readonly root: Locator
  readonly places: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('disinfection-page')
    this.places = page.getByTestId('places-table')
  }

  async addPlace(name: string, kindLabel: string, building: string, timesPerDay: number): Promise<void> {
    await this.root.getByTestId('place-new').click()
    await inputOf(this.page, 'place-name').fill(name)
    await this.page.locator('[data-testid="place-kind"]').click()
    await this.page.locator('.el-select-dropdown:visible .el-select-dropdown__item').filter({ hasText: kindLabel }).first().click()
    await inputOf(this.page, 'place-building').fill(building)
    const times = inputOf(this.page, 'place-times')
    await times.fill(String(timesPerDay))
    await times.blur()
    await this.page.getByTestId('place-save').click()
    await this.places.getByText(name, { exact: true }).waitFor()
  }

  async log(placeName: string, operator: string, checker: string): Promise<void> {
    const row = this.places.locator('.el-table__body tr').filter({ hasText: placeName }).first()
    await row.getByRole('button', { name: '登记消杀' }).click()
    await inputOf(this.page, 'log-operator').fill(operator)
    await inputOf(this.page, 'log-checker').fill(checker)
    await this.page.getByTestId('log-save').click()
    await this.page.locator('.el-message--success').filter({ hasText: '已登记' }).last().waitFor()
    await this.page.getByTestId('log-save').waitFor({ state: 'hidden' })
  }

  async openDaySheet(): Promise<Locator> {
    await this.root.getByTestId('day-sheet-open').click()
    const sheet = this.page.getByTestId('day-sheet')
    await sheet.locator('tbody tr').first().waitFor()
    return sheet
  }
}
