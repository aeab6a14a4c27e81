import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { workerOf } from '../register/fixtures'
import { community, outsider, shop, trip, worker } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

async function rowsOf(bytes: Uint8Array): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
  const sheet = book.worksheets[0]
  const rows: unknown[][] = []
  sheet?.eachRow((row, n) => {
    if (n >= 4) rows.push((row.values as unknown[]).slice(1))
  })
  return rows
}

describe('商铺单位 exports through the one engine', () => {
  it('writes the 从业人员登记表 masked (full numbers only with a reason), red for a fever, with the 台账’s filters and the caller’s grids', async () => {
    b = await testBackend()
    const c = await community(b)
    const u = await b.ok('units.create', shop())
    const v = await b.ok('units.create', shop({ name: '乙店', kind: 'catering', building: '5栋' }))
    await b.ok('units.addWorker', worker(u.id, { residentId: c.zhang.id, role: '店长' }))
    const d = await b.ok('units.addWorker', worker(u.id, { outsider: outsider(), trip: trip('2026-02-01'), episode: { kind: 'home_observation' } }))
    await b.ok('units.addWorker', worker(v.id, { residentId: c.wang.id }))
    const li = d.workerList.find((w) => w.name === '李外地')?.id ?? 0
    await b.ok('units.saveChecks', { unitId: u.id, day: '2026-02-03', reportedBy: '', rows: [{ workerId: li, am: 37.6, pm: null }] })

    const file = await b.ok('excel.exportList', { list: 'unitWorkers', filter: {} })
    expect(file.fileName).toBe('从业人员登记表-2026-02-03.xlsx')
    const rows = await rowsOf(file.bytes)
    expect(rows[0]?.slice(0, 7)).toEqual(['单位名称', '姓名', '身份证号', '联系电话', '岗位', '住址', '是否外地'])
    expect(rows.slice(1).map((r) => [r[0], r[1], r[6]])).toEqual([
      ['好邻居便利店', '张三', '否'],
      ['好邻居便利店', '李外地', '是'],
      ['乙店', '王五', '否']
    ])
    const liRow = rows[2] ?? []
    expect(liRow[2]).toMatch(/^420102\*+\d{4}$/)
    expect(liRow[3]).toBe('137****1111')
    expect(liRow[7]).toBeInstanceOf(Date)
    expect(liRow.slice(8, 13)).toEqual(['湖北省武汉市', '居家观察 2026-02-01 至 2026-02-15', 37.6, undefined, '异常'])

    const full = await b.ok('excel.exportListFull', { list: 'unitWorkers', filter: { unitKind: 'street_shop' }, reason: '街道核查' })
    const fullRows = await rowsOf(full.bytes)
    expect(fullRows.slice(1).map((r) => r[1])).toEqual(['张三', '李外地'])
    expect(fullRows[2]?.[3]).toBe('13700001111')

    const mine = await b.call('excel.exportList', { list: 'units', filter: {} }, workerOf(c.other.grid.id))
    if (!mine.ok) throw new Error(mine.error.message)
    const unitRows = await rowsOf((mine.data as { bytes: Uint8Array }).bytes)
    expect(unitRows.slice(1).map((r) => r[0])).toEqual(['乙店'])
    const audit = b.store.all<{ summary: string }>("SELECT summary FROM audit_log WHERE method LIKE 'excel.exportList%' ORDER BY id").map((r) => r.summary)
    expect(audit[0]).toBe('导出从业人员登记表 3 条（号码已遮盖）')
    expect(audit[1]).toContain('街道核查')
  })

  it('lists 复工 applications with what each still lacks', async () => {
    b = await testBackend()
    const c = await community(b)
    const u = await b.ok('units.create', shop())
    await b.ok('units.create', shop({ name: '没申请的' }))
    await b.ok('units.addWorker', worker(u.id, { residentId: c.zhang.id }))
    await b.ok('units.setStatus', { id: u.id, status: 'suspended', note: '' })
    await b.ok('units.applyReopen', { unitId: u.id, masks: true, thermometer: false, disinfectant: true, note: '' })
    const rows = await rowsOf((await b.ok('excel.exportList', { list: 'unitReopenings', filter: {} })).bytes)
    expect(rows.slice(1).map((r) => [r[0], r[7], r[10]])).toEqual([['好邻居便利店', '待批准', '体温计有储备、有消杀记录、已签承诺书']])
  })
})
