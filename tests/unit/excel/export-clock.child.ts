/**
 * Run by export-clock.test.ts in a process of its own per time zone (Node fixes the zone at the
 * first Date it makes, so a zone cannot be changed inside a test process): makes one record for
 * every export source at one instant, exports each, and prints what the date and time cells show
 * beside the record's wall clock in this process's zone. Not a test file itself (no vitest here).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { createBackend } from '../../../electron/backend/backend'
import { computeCheckChar } from '../../../shared/domain'

/** 20:30:15 UTC: 04:30:15 the next day in Beijing, so the calendar day differs between the zones too. */
export const INSTANT = '2026-02-03T20:30:15.000Z'

const pad = (n: number) => String(n).padStart(2, '0')
/** The record's wall clock in this process's zone: what a clerk at this PC must read in the cell. */
const local = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
/** What a cell shows: exceljs reads a date cell back as that wall clock in UTC fields. */
const shown = (v: unknown) =>
  v instanceof Date
    ? `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}:${pad(v.getUTCSeconds())}`
    : `not a date: ${String(v)}`

export interface ClockCheck {
  source: string
  cell: string
  shown: string
  expected: string
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shouwang-clock-'))
  const now = new Date(INSTANT)
  const backend = await createBackend({
    dataDir: dir,
    appVersion: '9.9.9',
    now: () => new Date(now),
    sleep: async () => undefined,
    store: { idleSnapshotMs: 0 }
  })
  const ok = async <T>(method: string, args: unknown): Promise<T> => {
    const envelope = await backend.call(method, args)
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`)
    return envelope.data as T
  }
  const today = local(now).slice(0, 10)
  const checks: ClockCheck[] = []
  /** The first data row under the header named `header` (found in the top rows), the notice line too. */
  async function look(source: string, file: { bytes: Uint8Array }, sheetName: string | null, header: string | null, expected = ''): Promise<void> {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer)
    const ws = sheetName === null ? workbook.worksheets[0] : workbook.getWorksheet(sheetName)
    if (!ws) throw new Error(`${source}: no sheet ${sheetName}`)
    for (let r = 1; r <= 8; r++) {
      const text = String(ws.getCell(r, 1).value ?? '')
      const notice = /时间：(\d{4}-\d{2}-\d{2} \d{2}:\d{2})$/.exec(text)
      if (notice) checks.push({ source, cell: '导出时间', shown: `${notice[1]}:00`, expected: `${local(now).slice(0, 16)}:00` })
      const row = ws.getRow(r)
      row.eachCell((cell, col) => {
        if (header !== null && cell.value === header) checks.push({ source, cell: header, shown: shown(ws.getCell(r + 1, col).value), expected })
      })
    }
  }

  const gate = await ok<{ id: number }>('checkpoints.create', { name: '东门', place: '', kind: 'both', hours: '' })
  const household = await ok<{ id: number }>('households.create', {
    address: { compound: '幸福里小区', building: '3栋', unit: '2单元', room: '301' },
    tenure: 'owned',
    notes: ''
  })
  const first17 = '11010119800101123'
  const resident = await ok<{ id: number }>('residents.create', {
    name: '曾小明',
    idType: 'mainland',
    idNumber: first17 + computeCheckChar(first17),
    sex: null,
    birthDate: null,
    phones: ['13812345678'],
    tags: [],
    personType: 'registered',
    relation: 'head',
    notes: '',
    householdId: household.id
  })
  await ok('gate.register', {
    checkpointId: gate.id,
    direction: 'in',
    who: 'visitor',
    residentId: null,
    name: '访客甲',
    phone: '',
    reason: '探亲',
    plate: '',
    temperature: 36.5,
    action: 'pass',
    passNumber: ''
  })
  await look('gate', await ok('gate.export', { day: today }), '出入登记表', '时间', local(now))

  const place = await ok<{ id: number }>('disinfection.savePlace', {
    name: '3栋楼道',
    kind: 'corridor',
    building: '3栋',
    gridId: null,
    schedule: 'per_day',
    timesPerDay: 2,
    intervalDays: 1,
    active: true,
    notes: ''
  })
  const doneAt = local(now).slice(0, 16)
  await ok('disinfection.log', {
    placeId: place.id,
    doneAt,
    agent: '含氯消毒液',
    concentration: '500 mg/L',
    method: 'spray',
    operator: '刘师傅',
    checker: '陈主任',
    note: ''
  })
  await look('disinfection', await ok('disinfection.export', { from: today, to: today }), '消杀记录', '消杀时间', `${doneAt}:00`)

  const item = await ok<{ id: number }>('supplies.saveItem', {
    name: '口罩',
    category: 'protective',
    spec: '',
    unit: '个',
    warningLevel: 0,
    hasBatches: false,
    notes: ''
  })
  await ok('supplies.receive', { itemId: item.id, quantity: 10, source: 'allocated', counterpartName: '街道办', note: '' })
  await look('supplies', await ok('supplies.exportMonthly', { month: today.slice(0, 7) }), '出入库明细', '日期', `${today} 00:00:00`)

  await ok('volunteers.create', {
    residentId: null,
    name: '张医生',
    phone: '13900000001',
    sex: null,
    kind: 'medical',
    politics: 'masses',
    skills: [],
    building: '',
    gridId: null,
    availability: '1'.repeat(21),
    canLead: false,
    status: 'active',
    startDate: '2026-02-01',
    notes: ''
  })
  await look('volunteers', await ok('volunteers.export', {}), '志愿者花名册', '开始服务', '2026-02-01 00:00:00')

  await ok('returnees.register', {
    residentId: resident.id,
    origin: { province: '湖北省', city: '武汉市', district: '江岸区' },
    via: '',
    returnDate: '2026-02-02',
    transport: 'train',
    transportNo: 'G1234',
    companions: [],
    reason: '探亲',
    notes: '',
    episode: { kind: 'home_observation' }
  })
  const returnees = await ok<{ bytes: Uint8Array }>('excel.exportList', { list: 'returnees', filter: {} })
  await look('returnees', returnees, '返程人员登记', '返程日期', '2026-02-02 00:00:00')
  await look('returnees', returnees, '返程人员登记', '登记日期', `${today} 00:00:00`)
  await look('observations', await ok('excel.exportList', { list: 'observations', filter: {} }), '居家观察台账', '开始日期', '2026-02-02 00:00:00')
  await look('residents', await ok('excel.exportListFull', { list: 'residents', filter: {}, reason: '核对' }), '居民名单', '出生日期', '1980-01-01 00:00:00')
  await look('households', await ok('excel.exportList', { list: 'households', filter: {} }), '住户名单', null)
  await look('template', await ok('excel.fillTemplate', { templateId: 'builtin:returnee-check', filter: {} }), null, '返程日期', '2026-02-02 00:00:00')
  const roster = await ok<{ bytes: Uint8Array }>('roster.export', { week: today })
  await look('roster', roster, '值班排班表', null)
  // The roster's days are text headers ('周三 02-04'): this week's column of today is the local day.
  const week = new ExcelJS.Workbook()
  await week.xlsx.load(Buffer.from(roster.bytes) as unknown as ArrayBuffer)
  const days = (week.worksheets[0]?.getRow(4).values as unknown[]).map(String)
  checks.push({
    source: 'roster',
    cell: '今天的列',
    shown: days.some((d) => d.endsWith(today.slice(5))) ? today : `missing in ${days.join(' ')}`,
    expected: today
  })
  // Last: every export above is in the trail, at the instant it was made.
  await look('audit', await ok('audit.export', {}), '操作日志', '时间', local(now))

  await backend.close()
  fs.rmSync(dir, { recursive: true, force: true })
  process.stdout.write(`${JSON.stringify({ zone: Intl.DateTimeFormat().resolvedOptions().timeZone, checks })}\n`)
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
