import type { Locator, Page } from 'playwright-core'
import { choose, inputOf, success } from './element'

/** 排班: the week grid, its cell picker, the shift settings and the auto-fill report. */
export class RosterPage {
  readonly root: Locator
  constructor(private readonly page: Page) {
    this.root = page.getByTestId('roster-page')
  }

  async addShift(checkpoint: string, name: string, start: string, end: string, minStaff: number, lead: boolean): Promise<void> {
    const form = this.page.getByTestId('shift-form')
    await choose(this.page, form.getByTestId('shift-checkpoint'), checkpoint)
    await inputOf(form, 'shift-name').fill(name)
    await inputOf(form, 'shift-start').fill(start)
    await inputOf(form, 'shift-end').fill(end)
    await inputOf(form, 'shift-min').fill(String(minStaff))
    if (lead) await form.getByTestId('shift-lead').click()
    await form.getByTestId('shift-save').click()
    await success(this.page, '班次已保存')
  }

  async openShifts(): Promise<void> {
    await this.root.getByTestId('roster-shifts').click()
    await this.page.getByTestId('shift-form').waitFor()
  }

  async closeDialog(): Promise<void> {
    await this.page.keyboard.press('Escape')
    // The picker and the conflict box may close together: wait for every one of them.
    for (const open of await this.page.locator('.el-overlay-dialog:visible').all()) await open.waitFor({ state: 'hidden' })
  }

  cell(checkpoint: string, shift: string, dayIndex: number): Locator {
    return this.root.getByTestId(`cell-${checkpoint}-${shift}-${dayIndex}`)
  }

  async openCell(checkpoint: string, shift: string, dayIndex: number): Promise<Locator> {
    await this.cell(checkpoint, shift, dayIndex).click()
    const dialog = this.page.getByRole('dialog').filter({ has: this.page.getByTestId('pick-candidates') })
    await dialog.waitFor()
    return dialog
  }

  /** Picks a person in an open cell dialog; confirms the conflict warning when one comes. */
  async pick(dialog: Locator, name: string, confirmConflict = false): Promise<void> {
    await inputOf(dialog, 'pick-search').fill(name)
    await dialog.getByTestId(`pick-${name}`).click()
    if (confirmConflict) await this.page.getByRole('button', { name: '仍然排入' }).click()
    await dialog.getByTestId(`placed-${name}`).waitFor()
  }

  /** Types a name into the open cell's search, key by key, and presses its 排入 button. */
  async typeAndPick(dialog: Locator, name: string): Promise<void> {
    await inputOf(dialog, 'pick-search').click()
    await this.page.keyboard.press('Control+A')
    await this.page.keyboard.type(name)
    await dialog.getByTestId(`pick-${name}`).click()
  }

  /** The 排班有冲突 box the picker raises before placing against the rules. */
  conflictBox(): Locator {
    return this.page.getByTestId('pick-conflict')
  }

  /** The first candidate the rules allow: the picker lists them first. */
  async pickFirstFree(dialog: Locator): Promise<string> {
    await inputOf(dialog, 'pick-search').fill('')
    const row = dialog.getByTestId('pick-candidates').locator('tbody tr').filter({ hasText: '可以' }).first()
    const name = (await row.locator('td').first().innerText()).trim()
    await row.getByRole('button', { name: '排入' }).click()
    await dialog.getByTestId(`placed-${name}`).waitFor()
    return name
  }

  /**
   * 自动排班. When the week has days gone by, the clerk is asked first: the past stays as it is
   * unless includePast ticks the box. Returns the report's first line.
   */
  async autoFill(includePast = false): Promise<string> {
    await this.root.getByTestId('roster-autofill').click()
    const added = this.page.getByTestId('autofill-added')
    const ask = this.page.getByTestId('autofill-ask')
    await Promise.race([ask.waitFor(), added.waitFor()])
    if (await ask.isVisible()) {
      if (includePast) await ask.getByTestId('autofill-include-past').click()
      await ask.getByTestId('autofill-run').click()
    }
    await added.waitFor()
    return added.innerText()
  }

  async isConflict(checkpoint: string, shift: string, dayIndex: number): Promise<boolean> {
    return (await this.cell(checkpoint, shift, dayIndex).getAttribute('class'))?.includes('conflict') ?? false
  }

  async openPrint(): Promise<Locator> {
    await this.root.getByTestId('roster-print-open').click()
    const sheet = this.page.getByTestId('roster-print')
    await sheet.waitFor()
    return sheet
  }
}

/** 签到 / 签退 under the week grid: a day's placements with their attendance buttons. */
export class AttendancePanel {
  readonly root: Locator
  constructor(private readonly page: Page) {
    this.root = page.getByTestId('roster-attend')
  }

  async chooseDay(label: string): Promise<void> {
    await this.root.getByTestId('attend-day').getByText(label).click()
  }

  status(name: string): Promise<string> {
    return this.root.getByTestId(`attend-status-${name}`).innerText()
  }

  button(action: 'in' | 'out' | 'absent' | 'undo', name: string): Locator {
    return this.root.getByTestId(`attend-${action}-${name}`)
  }

  /** 签到 at a time typed over the proposed one (now), confirmed with Enter as a clerk would. */
  async checkIn(name: string, time: string): Promise<void> {
    await this.button('in', name).click()
    const box = this.page.locator('.el-message-box', { hasText: '时间（时:分）' })
    await box.locator('input').waitFor()
    await box.locator('input').click()
    await this.page.keyboard.press('Control+A')
    await this.page.keyboard.type(time)
    await this.page.keyboard.press('Enter')
    await box.waitFor({ state: 'hidden' })
  }

  /** 撤销签到 / 撤销签退 / 撤销缺勤 of a row, confirmed in the box that names what goes. */
  async undo(name: string): Promise<string> {
    const button = this.button('undo', name)
    const label = (await button.innerText()).trim()
    await button.click()
    const box = this.page.locator('.el-message-box', { hasText: '撤销会记入操作日志' })
    await box.waitFor()
    const text = await box.innerText()
    await box.getByRole('button', { name: label }).click()
    await box.waitFor({ state: 'hidden' })
    return text
  }
}
