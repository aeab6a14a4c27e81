import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { computeCheckChar } from '../../shared/domain'
import { ALL_AVAILABLE } from '../../shared/domain/roster-rules'
import { GridsPage } from './pages/grids.page'
import { HouseholdsPage } from './pages/households.page'
import { MonitoringPage } from './pages/returnees-monitoring.page'
import { ResidentsPage } from './pages/residents.page'
import { ShellPage } from './pages/shell.page'
import { VolunteersPage } from './pages/volunteers.page'
import { startApp } from './support/app'
import type { RunningApp } from './support/app'

/**
 * The forms whose arguments hold arrays of a reactive model, driven as a clerk does. Browser mode
 * structuredClones every call's arguments as Electron's contextBridge does, so a reactive array
 * that reached the bridge would fail here too: each save must land, read back through the
 * screen and the API, with no clone error in the console. The forms catch a refused call and show
 * 操作没有完成，请重试。 without logging it, so it is the read-backs that catch a regression.
 */

const id = (first17: string) => first17 + computeCheckChar(first17)

function day(offset: number): string {
  const d = new Date()
  d.setDate(d.getDate() + offset)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

const CLONE_ERROR = /could not be cloned|DataCloneError/i

describe('desktop bridge: forms with reactive arrays save through the structured-clone rule', () => {
  let app: RunningApp
  let shell: ShellPage

  beforeAll(async () => {
    app = await startApp()
    // The office PC's screen.
    await app.page.setViewportSize({ width: 1366, height: 768 })
    shell = new ShellPage(app.page)
    await shell.openAndSetUp(app.url)
    // Arranged through the API (Node's fetch, no bridge): a grid over 3栋 and 5栋; in 3栋 李桂兰
    // (慢性病) and an empty household; in 5栋 张建国, back yesterday and under home observation.
    const grid = await app.apiData('grids.create', {
      name: '东区网格',
      notes: '',
      leader: { name: '李网格长', phone: '13900001111' },
      workers: [{ name: '王网格员', phone: '13900002222' }]
    })
    await app.apiData('grids.assignBuildings', {
      gridId: grid.id,
      buildings: [
        { compound: '幸福里小区', building: '3栋' },
        { compound: '幸福里小区', building: '5栋' }
      ]
    })
    const alone = await app.apiData('households.create', {
      address: { compound: '幸福里小区', building: '3栋', unit: '1单元', room: '102' },
      tenure: 'owned',
      notes: ''
    })
    await app.apiData('households.create', { address: { compound: '幸福里小区', building: '3栋', unit: '2单元', room: '201' }, tenure: 'owned', notes: '' })
    await app.apiData('residents.create', {
      name: '李桂兰',
      idType: 'mainland',
      idNumber: '',
      sex: 'F',
      birthDate: '1941-08-15',
      phones: ['13512340002'],
      tags: ['chronic'],
      personType: 'registered',
      relation: 'head',
      notes: '',
      householdId: alone.id
    })
    const home = await app.apiData('households.create', {
      address: { compound: '幸福里小区', building: '5栋', unit: '2单元', room: '601' },
      tenure: 'owned',
      notes: ''
    })
    const zhang = await app.apiData('residents.create', {
      name: '张建国',
      idType: 'mainland',
      idNumber: '',
      sex: 'M',
      birthDate: '1970-05-01',
      phones: ['13812345678'],
      tags: [],
      personType: 'registered',
      relation: 'head',
      notes: '',
      householdId: home.id
    })
    await app.apiData('returnees.register', {
      residentId: zhang.id,
      origin: { province: '湖北省', city: '武汉市', district: '江岸区' },
      via: '',
      returnDate: day(-1),
      transport: 'train',
      transportNo: 'G1234',
      companions: [],
      reason: '探亲',
      notes: '',
      episode: { kind: 'home_observation' }
    })
  })

  afterAll(async () => {
    if (app) expect(await app.stop()).toBe(0)
  })

  // Each flow starts from a fresh page (F5; the session lives in the tab), so a save that did not
  // land leaves no drawer open over the next flow: each one passes or fails on its own.
  beforeEach(async () => {
    await app.page.reload()
    await shell.menu.waitFor()
  })

  it('重点人群: a member added in the household form with 独居老人 + 慢性病', async () => {
    const households = new HouseholdsPage(app.page)
    const residents = new ResidentsPage(app.page)
    await shell.navigate('住户')
    await households.open('3栋 2单元 201')
    await households.addMember({ name: '王秀英', idNumber: id('11010519450312002'), phone: '13512340001', relation: '户主', keyGroups: ['独居老人', '慢性病'] })
    expect(await households.memberTags('王秀英')).toEqual(['独居老人', '慢性病'])
    await households.openMember('王秀英')
    expect(await residents.keyGroups()).toEqual(['独居老人', '慢性病'])
    await app.screenshot('bridge-key-groups-member')

    const found = await app.apiData('residents.list', { q: '王秀英' })
    expect(found.rows).toHaveLength(1)
    const saved = await app.apiData('residents.get', { id: found.rows[0]!.id })
    expect([...saved.tags].sort()).toEqual(['alone_elderly', 'chronic'])
  })

  it('重点人群: 独居老人 + 高龄 ticked in the 居民 edit form, beside the stored 慢性病', async () => {
    const residents = new ResidentsPage(app.page)
    await shell.navigate('居民')
    await residents.list.waitFor()
    expect(await residents.find('李桂兰')).toEqual(['李桂兰'])
    await residents.open('李桂兰')
    expect(await residents.keyGroups()).toEqual(['慢性病'])
    // The edit form starts from a copy of the stored tags in its reactive model and sends all three.
    await residents.toggleKeyGroups(['独居老人', '高龄'])
    await expect.poll(() => residents.keyGroups()).toEqual(['独居老人', '高龄', '慢性病'])
    await app.screenshot('bridge-key-groups-edit')

    const found = await app.apiData('residents.list', { q: '李桂兰' })
    const saved = await app.apiData('residents.get', { id: found.rows[0]!.id })
    expect([...saved.tags].sort()).toEqual(['alone_elderly', 'chronic', 'over80'])
  })

  it('健康监测: a check with two symptoms picked in the 待测温 grid', async () => {
    const monitoring = new MonitoringPage(app.page)
    await shell.navigate('健康监测')
    await monitoring.waitFor()
    await monitoring.row('张建国').waitFor()
    await monitoring.checkWithSymptoms('张建国', '366', ['干咳', '咽痛'])
    // Symptoms alone make the check abnormal, whatever the temperature.
    await app.page.locator('.el-message--warning', { hasText: '张建国 体温或症状异常' }).waitFor()
    expect(await monitoring.isRed('张建国')).toBe(true)
    expect(await monitoring.symptomTags('张建国')).toEqual(['干咳', '+ 1'])
    await app.screenshot('bridge-symptoms')

    expect(await monitoring.worklistRow('abnormal', '张建国')).toContain('干咳、咽痛')
    const abnormal = await app.apiData('monitoring.worklist', { list: 'abnormal' })
    expect(abnormal.rows.map((r) => [r.name, r.check?.morning, r.check?.symptoms])).toEqual([['张建国', 36.6, ['dry_cough', 'sore_throat']]])
  })

  it('志愿者: registered with two skills and two evenings off', async () => {
    const volunteers = new VolunteersPage(app.page)
    await shell.navigate('志愿者')
    await volunteers.root.waitFor()
    await volunteers.register('陈志远', '13700003333', '医务人员', false, {
      skills: ['医疗', '驾驶'],
      unavailable: [
        { day: 5, period: 'night' },
        { day: 6, period: 'night' }
      ]
    })
    expect(await volunteers.skillTags('陈志远')).toEqual(['医疗', '驾驶'])
    await app.screenshot('bridge-volunteer')

    const [saved] = await app.apiData('volunteers.list', { q: '陈志远' })
    expect(saved?.skills).toEqual(['医疗', '驾驶'])
    const expected = ALL_AVAILABLE.split('')
    expected[5 * 3 + 2] = '0'
    expected[6 * 3 + 2] = '0'
    expect(saved?.availability).toBe(expected.join(''))
  })

  it('网格: 新建网格 with two grid workers', async () => {
    const grids = new GridsPage(app.page)
    await shell.navigate('网格')
    await grids.list.waitFor()
    await grids.create('西区网格', { name: '周网格长', phone: '13600000000' }, [
      { name: '赵网格员', phone: '13600001111' },
      { name: '钱网格员', phone: '13600002222' }
    ])
    expect(await grids.workersText()).toBe('赵网格员 13600001111、钱网格员 13600002222')
    await app.screenshot('bridge-grid-workers')

    const grid = (await app.apiData('grids.list', {})).find((g) => g.name === '西区网格')
    expect(grid).toBeDefined()
    const detail = await app.apiData('grids.get', { id: grid!.id })
    expect(detail.workers.map((w) => [w.name, w.phone])).toEqual([
      ['赵网格员', '13600001111'],
      ['钱网格员', '13600002222']
    ])
  })

  it('logs no clone error, and no error at all, in the page', () => {
    expect(app.consoleErrors.filter((line) => CLONE_ERROR.test(line))).toEqual([])
    expect(app.consoleErrors, app.consoleErrors.join('\n')).toEqual([])
  })
})
