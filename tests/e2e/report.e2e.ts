import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, localIsoDate } from '../../shared/domain/dates'
import { computeCheckChar } from '../../shared/domain/id-card'
import { ReportPage } from './pages/report.page'
import { ShellPage } from './pages/shell.page'
import { startApp } from './support/app'
import type { RunningApp } from './support/app'

async function cells(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  const rows: string[][] = []
  workbook.worksheets[0]?.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))))
  return rows
}

/** A day's work, then 每日报表: the figures match what was done; 报送; a later trip; 更正; Excel and print as sent. */
describe('每日疫情防控报表', () => {
  let app: RunningApp
  let report: ReportPage
  const today = localIsoDate(new Date())
  const residents: number[] = []

  beforeAll(async () => {
    app = await startApp()
    await new ShellPage(app.page).openAndSetUp(app.url)
    const household = await app.apiData('households.create', {
      address: { compound: '幸福里小区', building: '3栋', unit: '2单元', room: '301' },
      tenure: 'owned',
      notes: ''
    })
    for (const [name, first17, phone] of [
      ['曾小明', '11010119800101123', '13812345678'],
      ['单田芳', '11010119750505234', '13900002222'],
      ['欧阳娜', '11010119900909345', '13700003333']
    ] as const) {
      const r = await app.apiData('residents.create', {
        name,
        idType: 'mainland',
        idNumber: first17 + computeCheckChar(first17),
        sex: null,
        birthDate: null,
        phones: [phone],
        tags: [],
        personType: 'registered',
        relation: null,
        notes: '',
        householdId: household.id
      })
      residents.push(r.id)
    }
    const base = { via: '', transport: 'train' as const, transportNo: 'G1234', companions: [], reason: '探亲', notes: '' }
    const wuhan = { province: '湖北省', city: '武汉市', district: '江岸区' }
    // 曾小明 came back today (two trips: one last month), 单田芳 yesterday but typed in today, without observation.
    await app.apiData('returnees.register', { residentId: residents[0] ?? 0, origin: wuhan, returnDate: addDays(today, -30), ...base, episode: null })
    await app.apiData('returnees.register', { residentId: residents[0] ?? 0, origin: wuhan, returnDate: today, ...base, episode: { kind: 'home_observation' } })
    await app.apiData('returnees.register', {
      residentId: residents[1] ?? 0,
      origin: { province: '北京市', city: '北京市', district: '朝阳区' },
      returnDate: addDays(today, -1),
      ...base,
      episode: null
    })
    const gate = await app.apiData('checkpoints.create', { name: '东门', place: '', kind: 'both', hours: '24小时' })
    await app.apiData('gate.register', {
      checkpointId: gate.id,
      direction: 'in',
      who: 'visitor',
      residentId: null,
      name: '外卖员',
      phone: '13600004444',
      reason: '送餐',
      plate: '',
      temperature: 38.4,
      action: 'hospital',
      passNumber: ''
    })
    report = new ReportPage(app.page)
    await report.open()
  })

  afterAll(async () => {
    if (app) expect(await app.stop()).toBe(0)
  })

  it('shows the day’s figures as people, by their own dates, each with its definition', async () => {
    expect(await report.figure('returnees.returnedToday')).toBe(1)
    expect(await report.figure('returnees.registeredToday')).toBe(2)
    expect(await report.figure('returnees.total')).toBe(2)
    expect(await report.figure('returnees.notObserved')).toBe(1)
    expect(await report.figure('observation.observing')).toBe(1)
    expect(await report.figure('observation.newToday')).toBe(1)
    expect(await report.figure('observation.abnormalGate')).toBe(1)
    expect(await report.figure('observation.hospitalToday')).toBe(1)
    expect(await report.figure('gate.fever')).toBe(1)
    expect(await report.definitionOf('returnees.registeredToday')).toContain('登记日期为当日')
    const text = await report.copyText()
    expect(text).toContain('疫情防控日报')
    expect(text).toContain('今日返回1人')
    expect(text).toContain('转送医院1人')
    await app.screenshot('report-day')
  })

  it('报送 freezes the report; a later trip shows the differences; a 更正 keeps both', async () => {
    await report.submit({ reporter: '李文书', phone: '0371-65551234', reviewer: '王书记', note: '今日按时报送' })
    await report.submissions.waitFor()
    expect(await report.submitButton.count()).toBe(0)
    await app.apiData('returnees.register', {
      residentId: residents[2] ?? 0,
      origin: { province: '湖北省', city: '武汉市', district: '武昌区' },
      returnDate: today,
      via: '',
      transport: 'car',
      transportNo: '',
      companions: [],
      reason: '',
      notes: '',
      episode: null
    })
    await report.reload()
    await report.differences.waitFor()
    const diff = await report.readDifferences()
    expect(diff.get('今日返回')).toEqual(['1', '2'])
    expect(await report.figure('returnees.returnedToday')).toBe(2)
    await app.screenshot('report-differences')
    await report.submit({ note: '补录欧阳娜' })
    await report.differences.waitFor({ state: 'hidden' })
    const day = await app.apiData('report.day', { day: today })
    expect(day.submissions.map((s) => s.kind)).toEqual(['report', 'correction'])
  })

  it('exports the first report exactly as sent, and the day as it stands', async () => {
    const day = await app.apiData('report.day', { day: today })
    const first = day.submissions[0]?.id ?? 0
    const sent = await report.exportSubmission(first)
    expect(sent.name).toBe(`每日疫情防控报表-${today}-报送${first}.xlsx`)
    const rows = await cells(sent.bytes)
    expect(rows[0]?.[0]).toContain('每日疫情防控报表')
    expect(rows.find((r) => r[1] === '今日返回')?.slice(2, 4)).toEqual(['1', '人'])
    expect(rows.some((r) => r[0]?.includes('审核人（签字）：王书记'))).toBe(true)
    const now = await cells((await report.exportDay()).bytes)
    expect(now.find((r) => r[1] === '今日返回')?.[2]).toBe('2')
  })

  it('prints the report as sent on A4', async () => {
    const day = await app.apiData('report.day', { day: today })
    await report.openPrintOf(day.submissions[0]?.id ?? 0)
    const printed = await report.printedFigures()
    expect(printed.get('今日返回')).toBe('1 人')
    expect(printed.get('转送医院')).toBe('1 人')
    expect(printed.get('未纳入观察（14 天内返回）')).toBe('▲ 1 人')
    await app.screenshot('report-print')
    expect(app.consoleErrors).toEqual([])
  })
})
