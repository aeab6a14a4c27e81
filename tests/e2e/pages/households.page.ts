import type { Locator, Page } from 'playwright-core'
import { choose, inputOf, openDropdownItem, success, tick } from './element'

export interface MemberValues {
  name: string
  idNumber: string
  phone?: string
  /** Label of 与户主关系, e.g. 户主, 配偶, 子女. */
  relation: string
  /** Labels of 重点人群 to tick, e.g. 独居老人, 慢性病. */
  keyGroups?: string[]
}

/** 住户: the list, the new-household drawer and a household's page with its members. */
export class HouseholdsPage {
  readonly list: Locator
  readonly detail: Locator
  readonly members: Locator

  constructor(readonly page: Page) {
    this.list = page.getByTestId('households-page')
    this.detail = page.getByTestId('household-detail')
    this.members = this.detail.getByTestId('members-table')
  }

  /** Creates a household from the list page; resolves on its page. */
  async create(address: { compound: string; building: string; unit: string; room: string }): Promise<void> {
    await this.list.getByTestId('household-new').click()
    const form = this.page.getByTestId('household-form')
    await choose(this.page, form.getByTestId('household-compound'), address.compound)
    await choose(this.page, form.getByTestId('household-building'), address.building)
    await inputOf(form, 'household-unit').fill(address.unit)
    await inputOf(form, 'household-room').fill(address.room)
    await this.page.getByTestId('household-save').click()
    await success(this.page, '已保存')
    // The page shows a placeholder title until households.get answers.
    await this.detail
      .getByTestId('household-title')
      .filter({ hasText: `${address.building} ${address.unit} ${address.room}` })
      .waitFor()
  }

  /** Opens a household from the list by (part of) its address; resolves on its page. */
  async open(address: string): Promise<void> {
    await this.list.getByTestId('households-table').locator('.el-table__body tr', { hasText: address }).first().click()
    await this.detail.getByTestId('household-title').filter({ hasText: address }).waitFor()
  }

  /** 添加成员 on the household's page. */
  async addMember(member: MemberValues): Promise<void> {
    await this.detail.getByTestId('member-add').click()
    const form = this.page.getByTestId('resident-form')
    await inputOf(form, 'resident-name-input').fill(member.name)
    await inputOf(form, 'resident-id-number').fill(member.idNumber)
    if (member.phone) await inputOf(form, 'resident-phone').fill(member.phone)
    await form.getByTestId('resident-relation').click()
    await openDropdownItem(this.page, member.relation).click()
    if (member.keyGroups) await tick(form.getByTestId('resident-tags'), member.keyGroups)
    await this.page.getByTestId('resident-save').click()
    await success(this.page, `已登记 ${member.name}`)
    await this.memberRow(member.name).waitFor()
  }

  /** Opens 添加成员 and types a name and ID number, leaving the drawer open. */
  async startMember(name: string, idNumber: string): Promise<Locator> {
    await this.detail.getByTestId('member-add').click()
    const form = this.page.getByTestId('resident-form')
    await inputOf(form, 'resident-name-input').fill(name)
    await inputOf(form, 'resident-id-number').fill(idNumber)
    await inputOf(form, 'resident-name-input').click()
    return form
  }

  /** The message under a field of the open resident form, found by its label. */
  fieldError(form: Locator, label: string): Locator {
    return form
      .locator('.el-form-item')
      .filter({ has: this.page.locator('.el-form-item__label', { hasText: label }) })
      .locator('.el-form-item__error')
  }

  memberRow(name: string): Locator {
    return this.members.locator('.el-table__body tr', { hasText: name })
  }

  /** The 重点人群 tags shown in a member's row. */
  async memberTags(name: string): Promise<string[]> {
    return (await this.memberRow(name).locator('.el-tag').allTextContents()).map((t) => t.trim())
  }

  /** Opens a member's own page (居民) from the household's member list. */
  async openMember(name: string): Promise<void> {
    await this.memberRow(name).getByTestId('resident-name').click()
    await this.page.getByTestId('resident-detail').locator('.page-title', { hasText: name }).waitFor()
  }

  async memberNames(): Promise<string[]> {
    return this.members
      .getByTestId('resident-name')
      .allTextContents()
      .then((names) => names.map((n) => n.trim()))
  }

  /** 迁到其他户 on a member's row: finds the target by what is typed (e.g. its building). */
  async moveMember(name: string, find: string, targetLabel: string, relation: string): Promise<void> {
    await this.memberRow(name).getByTestId('member-move').click()
    const dialog = this.page.locator('.el-dialog', { hasText: '迁到另一户' })
    await choose(this.page, dialog.getByTestId('move-household'), find, targetLabel)
    await dialog.getByTestId('move-relation').click()
    await openDropdownItem(this.page, relation).click()
    await dialog.getByTestId('move-confirm').click()
    await success(this.page, '已迁入')
    await this.memberRow(name).waitFor({ state: 'detached' })
  }

  async title(): Promise<string> {
    return ((await this.detail.getByTestId('household-title').textContent()) ?? '').trim()
  }
}
