import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ShellPage } from './pages/shell.page'
import { MonitoringPage } from './pages/returnees-monitoring.page'
import { startApp } from './support/app'
import type { RunningApp } from './support/app'

const NAMES = '赵一 钱二 孙三 李四 周五 吴六 郑七 王八 冯九 陈十 褚甲 卫乙 蒋丙 沈丁 韩戊 杨己 朱庚 秦辛 尤壬 许癸'.split(' ')

/** What the clerk types for the i-th person: mixed 365 / 36.5 spellings, one fever, two without an evening. */
function typed(i: number): [string, string] {
  const morning = i % 2 === 0 ? `36${i % 10}` : `36.${i % 10}`
  if (i === 7) return ['378', '37.6']
  return [morning, i % 9 === 4 ? '' : `36${(i + 3) % 10}`]
}
const asNumber = (text: string) => (text === '' ? null : text.includes('.') ? Number(text) : Number(text) / 10)

describe('待测温 grid: 20 temperatures typed blind land in the right boxes', () => {
  let app: RunningApp
  let shell: ShellPage
  let monitoring: MonitoringPage

  beforeAll(async () => {
    app = await startApp()
    await app.page.setViewportSize({ width: 1366, height: 768 })
    shell = new ShellPage(app.page)
    monitoring = new MonitoringPage(app.page)
    await shell.openAndSetUp(app.url)
    for (const [i, name] of NAMES.entries()) {
      const resident = await app.apiData('residents.create', {
        name,
        idType: 'mainland',
        idNumber: '',
        sex: i % 2 === 0 ? 'M' : 'F',
        birthDate: '1980-01-01',
        phones: [`1390000${String(1000 + i)}`],
        tags: [],
        personType: 'registered',
        relation: 'head',
        notes: '',
        householdId: null
      })
      await app.apiData('monitoring.start', { residentId: resident.id, tripId: null, kind: 'home_observation' })
    }
  })

  afterAll(async () => {
    if (app) expect(await app.stop()).toBe(0)
  })

  it('types 365 Tab 368 Enter down the list without looking; every saved check is the one typed', async () => {
    await shell.navigate('健康监测')
    await monitoring.waitFor()
    const order = await monitoring.gridNames()
    expect([...order].sort()).toEqual([...NAMES].sort())
    const readings = order.map((_, i) => typed(i))
    await monitoring.typeBlind(readings)
    await monitoring.waitSaved(order.length)

    const page = await app.apiData('monitoring.worklist', { list: 'due', page: 1, pageSize: 50 })
    const saved = new Map(page.rows.map((r) => [r.name, [r.check?.morning ?? null, r.check?.evening ?? null]]))
    expect(order.map((name) => [name, ...saved.get(name)!])).toEqual(order.map((name, i) => [name, asNumber(readings[i]![0]), asNumber(readings[i]![1])]))

    // Saved readings are shown as stored: 378 reads 37.8, 360 reads 36.0.
    expect(await monitoring.reading(order[7]!, 'morning')).toBe('37.8')
    expect(await monitoring.reading(order[0]!, 'morning')).toBe('36.0')
    expect(await monitoring.isRed(order[7]!)).toBe(true)
    await app.screenshot('check-keyboard-20')
  })

  it('Enter goes to the next person’s first empty box: the evening round fills evenings only', async () => {
    const order = await monitoring.gridNames()
    // Person 4 and 13 have no evening yet; from person 3's evening, Enter lands in person 4's evening.
    const input = monitoring.row(order[3]!).getByTestId('check-evening')
    await input.click()
    await app.page.keyboard.press('Enter')
    await expect.poll(() => monitoring.focused()).toEqual({ box: 'check-evening', row: `check-row-${order[4]}` })
    await app.page.keyboard.type('367')
    await app.page.keyboard.press('Enter')
    // The next empty reading after person 4 is person 13's evening.
    await expect.poll(() => monitoring.focused()).toEqual({ box: 'check-evening', row: `check-row-${order[13]}` })
    await app.page.keyboard.type('36.9')
    await app.page.keyboard.press('Enter')
    await expect.poll(() => monitoring.reading(order[13]!, 'evening')).toBe('36.9')
    const page = await app.apiData('monitoring.worklist', { list: 'due', page: 1, pageSize: 50 })
    const byName = new Map(page.rows.map((r) => [r.name, r.check]))
    expect(byName.get(order[4]!)?.evening).toBe(36.7)
    expect(byName.get(order[13]!)?.evening).toBe(36.9)
    expect(byName.get(order[13]!)?.morning).toBe(asNumber(typed(13)[0]))
  })

  it('a reading that is not a temperature keeps the focus in its box and saves nothing', async () => {
    const order = await monitoring.gridNames()
    const box = monitoring.row(order[0]!).getByTestId('check-morning')
    await box.click()
    await box.selectText()
    await app.page.keyboard.type('3')
    await app.page.keyboard.press('Enter')
    await app.page.locator('.el-message--error', { hasText: order[0]! }).waitFor()
    expect(await monitoring.focused()).toEqual({ box: 'check-morning', row: `check-row-${order[0]}` })
    const page = await app.apiData('monitoring.worklist', { list: 'due', page: 1, pageSize: 50 })
    expect(page.rows.find((r) => r.name === order[0])?.check?.morning).toBe(36)
  })
})
