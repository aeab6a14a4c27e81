import type { Locator, Page } from 'playwright-core'
import { focusedTestId, waitForFocus } from './element'

/** 登记求助 on the gate screen (F2): a need met at the gate, typed by keyboard only. */
export class GateHelpPage {
  readonly dialog: Locator
  readonly openButton: Locator

  constructor(readonly page: Page) {
    this.dialog = page.getByTestId('gate-help-dialog')
    this.openButton = page.getByTestId('gate-help-open')
  }

  /** F2 from the gate form; resolves when the 居民 box has the focus. */
  async openByKey(): Promise<void> {
    await this.page.keyboard.press('F2')
    await this.waitForFocus('gate-help-lookup')
  }

  focused(): Promise<string | null> {
    return focusedTestId(this.page)
  }

  async waitForFocus(testid: string): Promise<void> {
    await waitForFocus(this.page, testid)
  }

  /** Types a few characters of the resident, takes the first suggestion holding the name with ↓ and Enter. */
  async pickResident(query: string, name: string): Promise<void> {
    await this.page.keyboard.type(query)
    await this.page.locator('.el-autocomplete-suggestion li').filter({ hasText: name }).first().waitFor()
    await this.page.keyboard.press('Enter')
    await this.dialog.getByTestId('gate-help-picked').filter({ hasText: name }).waitFor()
  }

  /** Tab to 类型, the digit key of the type, Tab to 内容, the text; Enter saves. */
  async typeAndContent(typeKey: string, content: string): Promise<void> {
    await this.focus('gate-help-type')
    await this.page.keyboard.press(typeKey)
    await this.focus('gate-help-content')
    await this.page.keyboard.type(content)
  }

  /** Tabs forward until the element with this data-testid has the focus (at most 8 stops). */
  private async focus(testid: string): Promise<void> {
    for (let i = 0; i < 8; i += 1) {
      if ((await this.focused()) === testid) return
      await this.page.keyboard.press('Tab')
    }
    throw new Error(`Tab never reached ${testid}`)
  }

  readBack(): Promise<string> {
    return this.dialog.getByTestId('gate-help-readback').innerText()
  }

  /** Enter in 内容: resolves when the dialog has closed (saved). */
  async saveByEnter(): Promise<void> {
    await this.page.keyboard.press('Enter')
    await this.dialog.waitFor({ state: 'hidden' })
  }

  /** Enter when something is missing: the message shown in the dialog. */
  async refusedByEnter(): Promise<string> {
    await this.page.keyboard.press('Enter')
    const error = this.dialog.getByTestId('gate-help-error')
    await error.waitFor()
    return error.innerText()
  }
}

/** 打印任务单 from 求助台账: the volunteer's A4 task list. */
export class HelpTasksPage {
  readonly root: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('help-tasks')
  }

  async openFromDesk(): Promise<void> {
    await this.page.getByTestId('help-tasks-open').click()
    await this.root.waitFor()
    await this.page.getByTestId('help-tasks-phones').waitFor()
  }

  /** Each sheet: its heading line (志愿者 …) and its rows' cells. */
  async sheets(): Promise<{ meta: string; rows: string[][] }[]> {
    const groups = this.root.getByTestId('help-tasks-group')
    const out: { meta: string; rows: string[][] }[] = []
    for (let i = 0; i < (await groups.count()); i += 1) {
      const group = groups.nth(i)
      const meta = (await group.locator('.meta').innerText()).replace(/\s+/g, ' ')
      const rows = await group
        .getByTestId('help-tasks-row')
        .evaluateAll((trs) =>
          trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td: { textContent: string | null }) => (td.textContent ?? '').replace(/\s+/g, ' ').trim()))
        )
      out.push({ meta, rows })
    }
    return out
  }

  phonesNote(): Promise<string> {
    return this.page.getByTestId('help-tasks-phones').innerText()
  }
}
