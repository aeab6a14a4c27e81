import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ResidentsPage } from './pages/residents.page'
import { ShellPage } from './pages/shell.page'
import { startApp } from './support/app'
import type { RunningApp } from './support/app'

describe('登记居民 on the 居民 page chooses or creates the household in the same form', () => {
  let app: RunningApp
  let shell: ShellPage
  let residents: ResidentsPage

  beforeAll(async () => {
    app = await startApp()
    await app.page.setViewportSize({ width: 1366, height: 768 })
    shell = new ShellPage(app.page)
    residents = new ResidentsPage(app.page)
    await shell.openAndSetUp(app.url)
    await app.apiData('households.create', { address: { compound: '幸福里小区', building: '3栋', unit: '1单元', room: '301' }, tenure: 'owned', notes: '' })
  })

  afterAll(async () => {
    if (app) expect(await app.stop()).toBe(0)
  })

  it('a person in an existing household, found by typing part of its address', async () => {
    await shell.navigate('居民')
    await residents.register({ name: '周丽', phone: '13800001111', household: { find: '301', option: '3栋 1单元 301' }, relation: '配偶' })
    expect(await residents.householdText()).toContain('幸福里小区 3栋 1单元 301')
    await app.screenshot('resident-household-existing')
  })

  it('a person with a household typed in the same form: both saved, the person its 户主', async () => {
    await shell.navigate('居民')
    await residents.register({ name: '吴强', phone: '13800002222', household: { compound: '幸福里小区', building: '5栋', unit: '2单元', room: '502' } })
    expect(await residents.householdText()).toContain('幸福里小区 5栋 2单元 502')
    const found = await app.apiData('households.list', { q: '502' })
    expect(found.rows.map((h) => [h.address, h.householderName])).toEqual([['幸福里小区 5栋 2单元 502', '吴强']])
  })

  it('leaving the household unpicked is not saved as （无住户） by mistake; 暂不归户 is a choice', async () => {
    await shell.navigate('居民')
    await residents.register({ name: '郑晓', phone: '13800003333', household: 'unpicked' })
    await expect.poll(async () => residents.formError('住户').textContent()).toContain('请选择住户')
    await app.screenshot('resident-household-unpicked')
    expect((await app.apiData('residents.list', { q: '郑晓' })).total).toBe(0)
    await app.page.keyboard.press('Escape')
    await residents.register({ name: '郑晓', phone: '13800003333', household: 'none' })
    expect(await residents.householdText()).toBe('（无住户）')
  })
})
