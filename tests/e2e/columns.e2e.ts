import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { computeCheckChar } from '../../shared/domain/id-card'
import { GateDayPage } from './pages/gate-day.page'
import { ResidentsPage } from './pages/residents.page'
import { ShellPage } from './pages/shell.page'
import { TableFit } from './pages/table-fit.page'
import { startApp } from './support/app'
import type { RunningApp } from './support/app'

/**
 * Issue 17: at 1366×768 with the sidebar open, the 居民 list shows a whole address (compound,
 * building, unit, room) and 出入记录 shows 登记人, without scrolling sideways.
 */
describe('columns fit the office screen (1366×768)', () => {
  let app: RunningApp
  let shell: ShellPage
  const ADDRESS = '阳光花园二期 12栋 2单元 1302'

  beforeAll(async () => {
    app = await startApp()
    await app.page.setViewportSize({ width: 1366, height: 768 })
    shell = new ShellPage(app.page)
    await shell.openAndSetUp(app.url)
    const [compound, building, unit, room] = ADDRESS.split(' ') as [string, string, string, string]
    const household = await app.apiData('households.create', { address: { compound, building, unit, room }, tenure: 'owned', notes: '' })
    const first17 = '11010119800101123'
    const resident = await app.apiData('residents.create', {
      name: '欧阳晓明',
      idType: 'mainland',
      idNumber: first17 + computeCheckChar(first17),
      sex: null,
      birthDate: null,
      phones: ['13812345678'],
      tags: ['alone_elderly', 'disabled'],
      personType: 'registered',
      relation: 'head',
      notes: '',
      householdId: household.id
    })
    // A full page of people, as an office has.
    for (let i = 0; i < 20; i++) {
      const id17 = `11010119850201${String(100 + i)}`
      await app.apiData('residents.create', {
        name: `居民${String.fromCharCode(0x7532 + i)}`,
        idType: 'mainland',
        idNumber: id17 + computeCheckChar(id17),
        sex: null,
        birthDate: null,
        phones: [],
        tags: [],
        personType: 'registered',
        relation: 'child',
        notes: '',
        householdId: household.id
      })
    }
    const checkpoint = await app.apiData('checkpoints.create', { name: '阳光花园东门', place: '', kind: 'both', hours: '24小时' })
    await app.apiData('gate.register', {
      checkpointId: checkpoint.id,
      direction: 'in',
      who: 'resident',
      residentId: resident.id,
      name: '',
      phone: '',
      reason: '',
      plate: '',
      temperature: 36.5,
      action: 'pass',
      passNumber: ''
    })
    await app.apiData('gate.register', {
      checkpointId: checkpoint.id,
      direction: 'in',
      who: 'delivery',
      residentId: null,
      name: '美团外卖',
      phone: '13900001111',
      reason: '送餐到12栋2单元',
      plate: '京A12345',
      temperature: 37.8,
      action: 'observe',
      passNumber: ''
    })
  })

  afterAll(async () => {
    if (app) expect(await app.stop()).toBe(0)
  })

  it('居民: the whole address is shown, its right edge on the screen', async () => {
    await shell.navigate('居民')
    const residents = new ResidentsPage(app.page)
    await residents.row('欧阳晓明').waitFor()
    const fit = new TableFit(app.page, residents.table)
    const address = await fit.cell('住址', '欧阳晓明')
    await app.screenshot('columns-residents-1366')
    expect(address.text).toBe(ADDRESS)
    expect(address.clipped).toBe(false)
    expect(address.right).toBeLessThanOrEqual(address.viewport)
    expect(await fit.scrollsSideways()).toBe(false)
    // Headings stay on one line too (a two-line 性别 is the first sign of a column too narrow).
    expect(await fit.wrappedHeaders()).toEqual([])
  })

  it('出入记录: 登记人 is on the screen and not cut', async () => {
    const day = new GateDayPage(app.page)
    await day.open()
    const fit = new TableFit(app.page, day.table)
    await app.screenshot('columns-gate-day-1366')
    for (const row of ['欧阳晓明', '美团外卖']) {
      const by = await fit.cell('登记人', row)
      expect(by.text).toContain('（')
      expect(by.clipped).toBe(false)
      expect(by.right).toBeLessThanOrEqual(by.viewport)
    }
    // The fever row is red and bold, so wider: its time, phone, plate and temperature still read on one line.
    for (const header of ['时间', '进出/类别', '电话', '车牌', '体温', '处置']) {
      expect([header, (await fit.cell(header, '美团外卖')).lines]).toEqual([header, 1])
    }
    expect(await fit.scrollsSideways()).toBe(false)
    expect(await fit.wrappedHeaders()).toEqual([])
  })
})
