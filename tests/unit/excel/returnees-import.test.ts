import { afterEach, describe, expect, it } from 'vitest'
import type { ImportCheck, ImportPreview, MethodArgs } from '../../../shared/contract'
import type { Envelope } from '../../../shared/errors'
import { makeId } from '../register/fixtures'
import { community, trip, workerSession } from '../returnees/helpers'
import type { TestBackend } from '../support/backend'
import { excelBackend, workbook } from './support'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

const ZHANG = makeId('19800101', '123')
const LI = makeId('19850505', '135')
const WANG = makeId('19900909', '147')
const STRANGER = makeId('19700707', '159')
const HEADER = ['序号', '姓名', '公民身份号码', '手机号', '来源地', '途经地', '抵达日期', '交通方式', '车次/航班/车牌', '同行人员', '返程原因']

/** A street office's 返程人员排查登记表: title row, then the header, then one row per trip. */
async function returneeFile(rows: unknown[][], extraHeader: string[] = []): Promise<Uint8Array<ArrayBuffer>> {
  return workbook({ name: '返程人员', merges: ['A1:K1'], rows: [['幸福里社区返程人员排查登记表'], [...HEADER, ...extraHeader], ...rows] })
}

const GOOD_AND_BAD: unknown[][] = [
  [1, '张三', ZHANG, '13800001111', '湖北省武汉市江汉区', '郑州', '2026-01-28', '火车', 'g1234', '李明、王芳', '探亲'],
  [2, '李四', LI, '', '湖北武汉', '', '2026年1月30日', '自驾', '鄂A12345', '无', '返岗'],
  [3, '王五', WANG, '', '广东 深圳 南山区', '长沙', new Date(Date.UTC(2026, 1, 1)), '骑摩托', '', '', ''],
  [4, '陌生人', STRANGER, '', '湖北省武汉市', '', '2026/1/29', '飞机', 'CZ3456', '', ''],
  [5, '王五', WANG, '', '火星基地', '', '2026.1.20', '大巴', '', '', ''],
  [6, '张三', Number(ZHANG.slice(0, 17)) * 10, '', '湖北省武汉市', '', '2026-01-25', '火车', '', '', '']
]

async function preview(bytes: Uint8Array<ArrayBuffer>): Promise<ImportPreview> {
  return b.ok('excel.preview', { target: 'returnees', fileName: '返程人员.xlsx', bytes })
}

function checkArgs(p: ImportPreview): MethodArgs<'excel.check'> {
  return {
    stagingId: p.stagingId,
    sheet: p.sheet,
    headerStart: p.headerStart,
    headerEnd: p.headerEnd,
    mapping: p.columns.map((c) => c.field),
    onExisting: 'fillEmpty'
  }
}

const row = (check: ImportCheck, n: number) => check.rows.find((r) => r.row === n)

describe('excel import: returnee registrations', () => {
  it('finds the header under the title row and maps every column through the synonyms', async () => {
    b = await excelBackend()
    await community(b)
    const p = await preview(await returneeFile(GOOD_AND_BAD))
    expect([p.headerStart, p.headerEnd]).toEqual([2, 2])
    expect(p.columns.map((c) => c.field)).toEqual([
      null,
      'name',
      'idNumber',
      'phone',
      'origin',
      'via',
      'returnDate',
      'transport',
      'trip',
      'companions',
      'reason'
    ])
  })

  it('checks every row with its Excel row number: unknown person, unreadable origin, numeric ID; nothing is written', async () => {
    b = await excelBackend()
    await community(b)
    const p = await preview(await returneeFile(GOOD_AND_BAD))
    const check = await b.ok('excel.check', checkArgs(p))
    expect(check.counts).toMatchObject({ new: 3, error: 3 })
    expect(row(check, 3)).toMatchObject({ status: 'new', errors: [] })
    expect(row(check, 4)).toMatchObject({ status: 'new', errors: [] })
    expect(row(check, 5)).toMatchObject({ status: 'new', errors: [], warnings: [{ column: 'H', message: expect.stringContaining('骑摩托') }] })
    expect(row(check, 6)).toMatchObject({ status: 'error', errors: [{ column: 'C', message: '该人员不在居民名单中，请先导入或登记居民' }] })
    expect(row(check, 7)).toMatchObject({ status: 'error', errors: [{ column: 'E', message: expect.stringContaining('火星基地') }] })
    expect(row(check, 8)).toMatchObject({ status: 'error', errors: [{ column: 'C', message: expect.stringContaining('数字') }] })
    expect(b.count('returnee_trips')).toBe(0)
  })

  it('commits exactly the good rows through registerTrip, origins parsed into province/city/district', async () => {
    b = await excelBackend()
    const { zhang, li, wang } = await community(b)
    const p = await preview(await returneeFile(GOOD_AND_BAD))
    const done = await b.ok('excel.commit', checkArgs(p))
    expect(done).toMatchObject({ created: 3, errors: 3 })
    const list = await b.ok('returnees.list', {})
    expect(list.total).toBe(3)
    const byPerson = new Map(list.rows.map((t) => [t.residentId, t]))
    expect(byPerson.get(zhang.id)).toMatchObject({
      origin: { province: '湖北省', city: '武汉市', district: '江汉区' },
      via: '郑州',
      returnDate: '2026-01-28',
      transport: 'train',
      transportNo: 'G1234',
      companions: [
        { residentId: null, name: '李明' },
        { residentId: null, name: '王芳' }
      ],
      reason: '探亲'
    })
    expect(byPerson.get(li.id)).toMatchObject({
      origin: { province: '湖北省', city: '武汉市', district: '' },
      returnDate: '2026-01-30',
      transport: 'car',
      companions: []
    })
    expect(byPerson.get(wang.id)).toMatchObject({
      origin: { province: '广东省', city: '深圳市', district: '南山区' },
      returnDate: '2026-02-01',
      transport: 'other'
    })
    expect(b.count('residents')).toBe(3)
  })

  it('writes nothing when every row fails', async () => {
    b = await excelBackend()
    await community(b)
    const p = await preview(await returneeFile(GOOD_AND_BAD.slice(3)))
    const done = await b.ok('excel.commit', checkArgs(p))
    expect(done).toMatchObject({ created: 0, errors: 3 })
    expect(b.count('returnee_trips')).toBe(0)
    expect(b.count('residents')).toBe(3)
  })

  it('reports a trip registerTrip would refuse at the check step: a future date, a day already registered, the same day twice in the file', async () => {
    b = await excelBackend()
    const { zhang } = await community(b)
    await b.ok('returnees.register', trip(zhang.id, { returnDate: '2026-01-28', episode: null }))
    const p = await preview(
      await returneeFile([
        [1, '张三', ZHANG, '', '湖北省武汉市', '', '2026-01-28', '火车', '', '', ''],
        [2, '李四', LI, '', '湖北省武汉市', '', '2026-02-10', '火车', '', '', ''],
        [3, '王五', WANG, '', '湖北省武汉市', '', '2026-01-20', '火车', '', '', ''],
        [4, '王五', WANG, '', '河南郑州', '', '2026/1/20', '大巴', '', '', '']
      ])
    )
    const check = await b.ok('excel.check', checkArgs(p))
    expect(row(check, 3)).toMatchObject({ status: 'error', errors: [{ column: 'G', message: expect.stringContaining('已经登记过了') }] })
    expect(row(check, 4)).toMatchObject({ status: 'error', errors: [{ column: 'G', message: expect.stringContaining('晚于今天') }] })
    expect(row(check, 5)?.status).toBe('new')
    expect(row(check, 6)).toMatchObject({ status: 'error', errors: [{ message: expect.stringContaining('与第 5 行是同一人') }] })
  })

  it('registers a person not in the register as a resident when the file gives 现住址, the way the residents target does', async () => {
    b = await excelBackend()
    await community(b)
    const p = await preview(
      await returneeFile(
        [[1, '陌生人', STRANGER, '13700009999', '湖北省武汉市', '', '2026-01-29', '飞机', 'CZ3456', '', '', '幸福里小区1栋2单元102']],
        ['现住址']
      )
    )
    expect(p.columns.at(-1)?.field).toBe('address')
    const check = await b.ok('excel.check', checkArgs(p))
    expect(row(check, 3)).toMatchObject({ status: 'new', errors: [], warnings: [{ column: 'L', message: expect.stringContaining('同时登记为居民') }] })
    await b.ok('excel.commit', checkArgs(p))
    expect(b.count('residents')).toBe(4)
    const list = await b.ok('returnees.list', { q: '陌生人' })
    expect(list.rows).toMatchObject([{ name: '陌生人', address: '幸福里小区 1栋 2单元 102', transport: 'plane', transportNo: 'CZ3456' }])
  })

  it('keeps a grid worker to their grids', async () => {
    b = await excelBackend()
    const { east } = await community(b)
    // The staging area belongs to the account that read the file: the worker reads it themself.
    const bytes = await returneeFile(GOOD_AND_BAD.slice(0, 3))
    const mine = (await b.call('excel.preview', { target: 'returnees', fileName: '返程人员.xlsx', bytes }, workerSession(east.id))) as Envelope<ImportPreview>
    if (!mine.ok) throw new Error(mine.error.message)
    const check = (await b.call('excel.check', checkArgs(mine.data), workerSession(east.id))) as Envelope<ImportCheck>
    if (!check.ok) throw new Error(check.error.message)
    expect(row(check.data, 3)?.status).toBe('new')
    expect(row(check.data, 5)).toMatchObject({ status: 'error', errors: [{ column: 'C', message: '该证件号码已登记，请联系社区工作人员核对' }] })
  })
})
