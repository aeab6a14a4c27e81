import type { Locator, Page } from 'playwright-core'
import { choose, inputOf, openDropdownItem, success } from './element'

/** 网格: the list, the new-grid drawer, and a grid's own page. */
export class GridsPage {
  readonly list: Locator
  readonly detail: Locator

  constructor(readonly page: Page) {
    this.list = page.getByTestId('grids-page')
    this.detail = page.getByTestId('grid-detail')
  }

  /** Creates a grid from the list page, with 添加网格员 once a worker; resolves on the new grid's page. */
  async create(name: string, leader: { name: string; phone: string }, workers: { name: string; phone: string }[] = []): Promise<void> {
    await this.list.getByTestId('grid-new').click()
    const form = this.page.getByTestId('grid-form')
    await inputOf(form, 'grid-name').fill(name)
    await inputOf(form, 'grid-leader-name').fill(leader.name)
    await inputOf(form, 'grid-leader-phone').fill(leader.phone)
    for (const [i, worker] of workers.entries()) {
      await form.getByTestId('grid-add-worker').click()
      await inputOf(form, `grid-worker-name-${i}`).fill(worker.name)
      await inputOf(form, `grid-worker-phone-${i}`).fill(worker.phone)
    }
    await this.page.getByTestId('grid-save').click()
    await success(this.page, `已保存 ${name}`)
    await this.detail.getByTestId('grid-title').filter({ hasText: name }).waitFor()
  }

  /** 网格员 on a grid's page, as shown: '姓名 电话、姓名 电话'. */
  async workersText(): Promise<string> {
    return ((await this.detail.getByTestId('grid-workers').textContent()) ?? '').trim()
  }

  /** 划入楼栋 on a grid's page: a compound (new or known) and its buildings. */
  async assignBuildings(compound: string, buildings: string[]): Promise<void> {
    await this.detail.getByTestId('grid-assign').click()
    const dialog = this.page.locator('.el-dialog', { hasText: '划入楼栋' })
    await choose(this.page, dialog.getByTestId('assign-compound'), compound)
    for (const building of buildings) await choose(this.page, dialog.getByTestId('assign-buildings'), building)
    await dialog.locator('.el-dialog__title').click()
    await dialog.getByTestId('assign-confirm').click()
    await success(this.page, '已划入')
  }

  /** The 楼栋 tab: "小区 楼栋" per row. */
  async buildings(): Promise<string[]> {
    const rows = this.detail.getByTestId('grid-buildings').locator('.el-table__body tr')
    await rows.first().waitFor()
    return rows.evaluateAll((trs) =>
      trs.map((tr) =>
        Array.from(tr.querySelectorAll('td'), (td: { textContent: string | null }) => (td.textContent ?? '').trim())
          .slice(0, 2)
          .join(' ')
      )
    )
  }

  /** '有 N 户不在任何网格里' on the list page, or null when the warning card is not shown. */
  async unassignedWarning(): Promise<string | null> {
    const card = this.list.getByTestId('unassigned-card')
    if ((await card.count()) === 0) return null
    return ((await card.getByTestId('unassigned-total').textContent()) ?? '').trim()
  }

  /** Waits until the warning card is gone (every household is in a grid). */
  async unassignedCleared(): Promise<void> {
    await this.list.getByTestId('unassigned-card').waitFor({ state: 'detached' })
  }

  /** 合并到… on the warning card's row of a building: the dialog opens with it as the one merged away. */
  async mergeFromWarning(building: string): Promise<Locator> {
    await this.list.getByTestId('unassigned-buildings').locator('.el-table__body tr', { hasText: building }).getByText('合并到…').click()
    const dialog = this.page.getByTestId('merge-dialog')
    await dialog.waitFor()
    return dialog
  }

  /** Picks the building to keep by typing part of its name, as a clerk does; resolves on the preview. */
  async keep(dialog: Locator, typed: string, option: string): Promise<string> {
    await dialog.getByTestId('merge-into').click()
    await this.page.keyboard.press('Control+A')
    await this.page.keyboard.type(typed)
    await openDropdownItem(this.page, option).click()
    const preview = dialog.getByTestId('merge-preview')
    await preview.filter({ hasText: option.split('（')[0] ?? option }).waitFor()
    return ((await preview.textContent()) ?? '').replace(/\s+/g, ' ').trim()
  }

  async confirmMerge(dialog: Locator): Promise<void> {
    await dialog.getByTestId('merge-confirm').click()
    await success(this.page, '已合并')
  }
}
