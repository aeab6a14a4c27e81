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
    await this.page.locator('.el-overlay-dialog:visible').waitFor({ state: 'hidden' })
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

  /** The first candidate the rules allow: the picker lists them first. */
  async pickFirstFree(dialog: Locator): Promise<string> {
    await inputOf(dialog, 'pick-search').fill('')
    const row = dialog.getByTestId('pick-candidates').locator('tbody tr').filter({ hasText: '可以' }).first()
    const name = (await row.locator('td').first().innerText()).trim()
    await row.getByRole('button', { name: '排入' }).click()
    await dialog.getByTestId(`placed-${name}`).waitFor()
    return name
  }

  async autoFill(): Promise<string> {
    await this.root.getByTestId('roster-autofill').click()
    const added = this.page.getByTestId('autofill-added')
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
