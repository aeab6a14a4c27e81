import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MethodArgs } from '../../shared/contract'
import { E2E_ADMIN } from './pages/auth.page'
import { ResidentsPage } from './pages/residents.page'
import { ShellPage } from './pages/shell.page'
import { ReturneesPage } from './pages/returnees.page'
import { TripHistoryPanel } from './pages/trip-history.page'
import { startApp } from './support/app'
import type { RunningApp } from './support/app'

/** The office's local day, n days from today, as the backend computes "today". */
function day(offset: number): string {
  const d = new Date()
  d.setDate(d.getDate() + offset)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/** A train trip from Wuhan. */
function wuhanTrip(residentId: number, returnDate: string, transportNo: string): MethodArgs<'returnees.register'> {
  return {
    residentId,
    origin: { province: '湖北省', city: '武汉市', district: '江岸区' },
    via: '',
    returnDate,
    transport: 'train',
    transportNo,
    companions: [],
    reason: '',
    notes: '',
    episode: null
  }
}

describe('返程人员: correct a mistaken trip, 作废 another, start observation for several at once', () => {
  let app: RunningApp
  let shell: ShellPage
  let returnees: ReturneesPage
  const trips: Record<string, number> = {}
  const residents: Record<string, number> = {}

  beforeAll(async () => {
    app = await startApp()
    await app.page.setViewportSize({ width: 1366, height: 768 })
    shell = new ShellPage(app.page)
    returnees = new ReturneesPage(app.page)
    await shell.openAndSetUp(app.url)
    const grid = await app.apiData('grids.create', { name: '东区网格', notes: '', leader: null, workers: [{ name: '王网格员', phone: '13900002222' }] })
    await app.apiData('grids.assignBuildings', { gridId: grid.id, buildings: [{ compound: '幸福里小区', building: '3栋' }] })
    const household = await app.apiData('households.create', {
      address: { compound: '幸福里小区', building: '3栋', unit: '1单元', room: '301' },
      tenure: 'owned',
      notes: ''
    })
    const people: [string, string, string][] = [
      ['张建国', '1970-05-01', 'M'],
      ['李秀英', '1972-03-08', 'F'],
      ['王小明', '1998-11-20', 'M']
    ]
    for (const [name, birthDate, sex] of people) {
      const resident = await app.apiData('residents.create', {
        name,
        idType: 'mainland',
        idNumber: '',
        sex: sex as 'M' | 'F',
        birthDate,
        phones: [],
        tags: [],
        personType: 'registered',
        relation: name === '张建国' ? 'head' : 'other',
        notes: '',
        householdId: household.id
      })
      residents[name] = resident.id
      // 张建国's number was typed with two digits swapped: the trip to correct.
      const trip = wuhanTrip(resident.id, day(-3), name === '张建国' ? 'G1243' : 'G1234')
      trips[name] = (await app.apiData('returnees.register', trip)).id
    }
  })

  afterAll(async () => {
    if (app) expect(await app.stop()).toBe(0)
  })

  it('corrects the train number and return date of a mistaken trip, typing them in 修改', async () => {
    await shell.navigate('返程人员')
    expect(await returnees.row(trips['张建国'] ?? 0).innerText()).toContain('G1243')
    await returnees.correct(trips['张建国'] ?? 0, { transportNo: 'G1234', returnDate: day(-2) })
    await app.screenshot('trips-correct')
    await returnees.saveCorrection('张建国')
    // The list reloads after the toast: wait for the corrected row.
    const row = async () => (await returnees.row(trips['张建国'] ?? 0).innerText()).replace(/\s+/g, ' ')
    await expect.poll(row).toContain('G1234')
    expect(await row()).toContain(day(-2))
    const audit = await app.apiData('audit.list', { action: 'returnees.updateTrip' })
    expect(audit.rows.map((r) => r.summary)).toEqual([`修改返程登记：张建国 ${day(-3)}`])
  })

  it('作废 a trip with a reason: it leaves the list and the day’s figures, and stays in the person’s file', async () => {
    const box = await returnees.startVoid(trips['李秀英'] ?? 0, '重复登记')
    await app.screenshot('trips-void')
    await returnees.confirmVoid(box, `已作废 李秀英 ${day(-3)} 的返程登记`)
    await expect.poll(async () => (await returnees.rowTexts()).join('\n')).not.toContain('李秀英')
    expect((await app.apiData('returnees.list', {})).total).toBe(2)
    expect((await app.apiData('monitoring.today', {})).report.totalReturnees).toBe(2)
    const person = (await app.apiData('returnees.list', { q: '张建国' })).rows[0]
    expect(person?.name).toBe('张建国')
    const file = await app.apiData('returnees.get', { residentId: (await app.apiData('residents.list', { q: '李秀英' })).rows[0]?.id ?? 0 })
    expect(file.trips[0]?.voided).toMatchObject({ reason: '重复登记' })
  })

  it('starts observation for the ticked rows with one confirmation', async () => {
    const box = await returnees.startMany([trips['张建国'] ?? 0, trips['王小明'] ?? 0])
    await expect.poll(async () => box.innerText()).toContain('为以下 2 人开始居家观察')
    await app.screenshot('trips-start-many')
    await box.getByRole('button', { name: '开始观察' }).click()
    await app.page.locator('.el-message--success', { hasText: '已为 2 人开始居家观察' }).first().waitFor()
    await expect.poll(async () => (await returnees.rowTexts()).filter((t) => t.includes('居家观察 · 观察中')).length).toBe(2)
    await app.screenshot('trips-after')
  })

  it('shows the 作废 trip greyed with its reason, who and when on the person’s page, beside the right trip and its observation', async () => {
    // The right trip of 李秀英, registered afterwards with its observation.
    const right = await app.apiData('returnees.register', { ...wuhanTrip(residents['李秀英'] ?? 0, day(-1), 'G1236'), episode: { kind: 'home_observation' } })
    const people = new ResidentsPage(app.page)
    const history = new TripHistoryPanel(app.page)
    await shell.navigate('居民')
    await people.find('李秀英')
    await people.open('李秀英')
    expect(await history.heading()).toBe('返程记录 2 次（其中 1 次已作废）')
    const voided = await history.trip(trips['李秀英'] ?? 0)
    expect(voided.greyed).toBe(true)
    expect(voided.text).toContain(`${day(-3)} 已作废`)
    expect(voided.text).toContain('G1234')
    expect(voided.voidNote).toMatch(new RegExp(`^${day(0)} \\d{2}:\\d{2} ${E2E_ADMIN.displayName}（${E2E_ADMIN.username}） 作废，原因：重复登记$`))
    const live = await history.trip(right.id)
    expect([live.greyed, live.voidNote]).toEqual([false, ''])
    expect(live.text).toContain('居家观察 · 观察中')
    expect(live.text).toContain(`${day(-1)} 至`)
    expect(await history.dates()).toEqual([day(-1), day(-3)])
    await app.screenshot('trips-person-history')
  })
})
