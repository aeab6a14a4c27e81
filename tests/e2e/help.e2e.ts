import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EMPTY_VOLUNTEER } from '../../shared/schemas/volunteers'
import { HelpPage } from './pages/help.page'
import { HouseholdsPage } from './pages/households.page'
import { ShellPage } from './pages/shell.page'
import { startApp } from './support/app'
import type { RunningApp } from './support/app'

/**
 * 居民求助 at the desk: an elderly woman living alone rings for her blood-pressure pills; the clerk
 * registers the call, assigns it to the volunteer with the medical skill, and closes it with the
 * result, then records the follow-up call.
 */
describe('居民求助: a call → request → assigned by skill → done with a 代购 amount → paid back', () => {
  let app: RunningApp
  let shell: ShellPage
  let help: HelpPage

  beforeAll(async () => {
    // A Tuesday morning at the office (10:00 in Shanghai).
    app = await startApp({ now: '2026-02-03T02:00:00Z' })
    await app.page.setViewportSize({ width: 1366, height: 768 })
    shell = new ShellPage(app.page)
    await shell.openAndSetUp(app.url)
    const grid = await app.apiData('grids.create', { name: '第一网格', notes: '', leader: null, workers: [] })
    await app.apiData('grids.assignBuildings', { gridId: grid.id, buildings: [{ compound: '幸福里小区', building: '3栋' }] })
    const home = await app.apiData('households.create', {
      address: { compound: '幸福里小区', building: '3栋', unit: '2单元', room: '301' },
      tenure: 'owned',
      notes: ''
    })
    await app.apiData('residents.create', {
      name: '刘秀英',
      idType: 'mainland',
      idNumber: '110101194001011242',
      sex: 'F',
      birthDate: null,
      phones: ['13812345678'],
      tags: ['alone_elderly', 'over80'],
      personType: 'registered',
      relation: 'head',
      notes: '',
      householdId: home.id
    })
    const volunteer = { ...EMPTY_VOLUNTEER, phone: '' }
    await app.apiData('volunteers.create', { ...volunteer, name: '邻居小吴', building: '3号楼', gridId: grid.id })
    await app.apiData('volunteers.create', { ...volunteer, name: '陈医生', kind: 'medical', skills: ['医疗'] })
    await app.apiData('volunteers.create', { ...volunteer, name: '暂停的王护士', kind: 'medical', skills: ['医疗'], status: 'paused' })
    help = new HelpPage(app.page)
  }, 120_000)

  afterAll(async () => {
    if (app) expect(await app.stop()).toBe(0)
  })

  it('registers the call from the sidebar’s 居民求助, typed key by key; Enter in the content does not save', async () => {
    await shell.navigate('居民求助')
    await help.register(
      { search: '刘秀', pick: '刘秀英' },
      {
        channel: '电话',
        type: '药品代购/代配',
        urgency: '影响健康',
        content: '降压药（硝苯地平缓释片）吃完了，想请人去社区医院代配一盒',
        wantedBy: '2026-02-03 18:00'
      }
    )
    const detail = await help.detail().innerText()
    expect(detail).toContain('刘秀英')
    expect(detail).toContain('138****5678')
    expect(detail).toContain('2026-02-03 18:00')
    expect(await help.status()).toBe('待分配')
    expect(await help.actions()).toEqual(['分配', '无法完成', '撤销'])
    await app.screenshot('help-registered')
  })

  it('suggests the volunteer with the medical skill first, never the paused one, and assigns', async () => {
    await help.openAssign()
    const rows = await help.suggestionRows()
    expect(rows[0]).toContain('陈医生')
    expect(rows[0]).toContain('技能：医疗')
    expect(rows[1]).toContain('邻居小吴')
    expect(rows[1]).toContain('同楼栋')
    expect(rows.some((r) => r.includes('暂停的王护士'))).toBe(false)
    await app.screenshot('help-assign')
    await help.assignTo('陈医生')
    expect(await help.status()).toBe('已分配')
  })

  it('starts, refuses 办结 without a result, closes with one and records the follow-up call', async () => {
    await help.start()
    await app.page.getByTestId('help-act-finish').click()
    await app.page.getByTestId('help-step-save').click()
    expect(await help.stepError()).toContain('请填写办理结果')
    await app.page.keyboard.press('Escape')
    await help.step('finish', '已代配硝苯地平缓释片一盒，送到家门口，老人当面签收', '已办结')
    expect(await help.status()).toBe('已完成')
    // The volunteer paid for the pills: 35.50 with the receipt, paid back by WeChat the same day.
    await help.money('advance', '35.5', { receiptNo: 'XP-0203-17' })
    expect(await help.moneySummary()).toBe('垫付35.50元，已还0.00元，尚欠35.50元')
    await help.money('repay', '35.50', { method: '微信' })
    expect(await help.moneySummary()).toBe('垫付35.50元，已还35.50元，尚欠0.00元')
    await help.step('follow_up', '电话回访，药已按时吃上', '已回访')
    const steps = await help.steps()
    expect(steps.map((s) => s.label)).toEqual(['登记', '分配', '开始处理', '办结', '代购款', '代购款', '回访'])
    expect(steps[4]?.text).toContain('垫付 35.50 元（小票 XP-0203-17）')
    expect(steps[5]?.text).toContain('还款 35.50 元（微信）')
    expect(steps[1]?.text).toContain('给 陈医生')
    expect(steps[6]?.text).toContain('满意：电话回访，药已按时吃上')
    await app.screenshot('help-done')
    await help.closeDetail()
  })

  it('lists it as 已完成 under 全部 and no longer under 未办结', async () => {
    // The desk opens on 未办结: nothing left to do.
    await expect.poll(() => help.rowTexts()).toEqual([])
    await help.filterStatus('已完成')
    // The list reloads after the filter changes: wait for it rather than read the old rows.
    await expect.poll(() => help.rowTexts()).toHaveLength(1)
    const rows = await help.rowTexts()
    expect(rows[0]).toContain('刘秀英')
    expect(rows[0]).toContain('独居老人')
    expect(rows[0]).toContain('陈医生')
    await app.screenshot('help-list')
  })

  it('shows the request in the household’s 求助记录', async () => {
    await shell.navigate('住户')
    const households = new HouseholdsPage(app.page)
    await households.open('3栋')
    const history = await help.householdHistory()
    expect(history).toHaveLength(1)
    expect(history[0]).toContain('药品代购/代配')
    expect(history[0]).toContain('已完成')
    expect(history[0]).toContain('陈医生')
    await app.screenshot('help-household')
  })
})
