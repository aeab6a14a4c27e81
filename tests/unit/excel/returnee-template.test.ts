import { afterEach, describe, expect, it } from 'vitest'
import type { ExportedFile } from '../../../shared/contract'
import type { Envelope } from '../../../shared/errors'
import { community, trip, workerSession } from '../returnees/helpers'
import type { TestBackend } from '../support/backend'
import { setupAdmin } from '../support/backend'
import { excelBackend, readBack } from './support'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

async function seed() {
  await setupAdmin(b)
  const people = await community(b)
  await b.ok('returnees.register', trip(people.zhang.id, { returnDate: '2026-02-01', companions: [{ residentId: people.li.id, name: '李四' }] }))
  await b.ok(
    'returnees.register',
    trip(people.wang.id, { origin: { province: '广东省', city: '深圳市', district: '' }, via: '', returnDate: '2026-01-28', transport: 'car', transportNo: '粤B12345', reason: '返岗', episode: null })
  )
  return people
}

describe('返程人员排查登记表 through the Excel engine', () => {
  it('fills the built-in template from the returnee trips, keeping the title and header block', async () => {
    b = await excelBackend()
    await seed()
    const templates = await b.ok('excel.templates', {})
    const t = templates.find((x) => x.id === 'builtin:returnee-check')
    expect(t?.list).toBe('returnees')
    expect(t?.mapping).toEqual(['seq', 'name', 'sex', 'age', 'idNumber', 'phone', 'address', 'grid', 'origin', 'via', 'returnDate', 'transport', 'trip', 'companions', 'reason', 'observationKind', 'observationStatus', 'observationStart', 'observationEnd', 'notes'])

    const file = await b.ok('excel.fillTemplate', { templateId: 'builtin:returnee-check', filter: {} })
    expect(file.fileName).toBe('返程人员排查登记表-20260203.xlsx')
    const ws = (await readBack(file.bytes)).worksheets[0]
    expect(ws?.getCell('A1').value).toBe('幸福里社区返程人员排查登记表')
    expect(String(ws?.getCell('A2').value)).toContain('填报单位：幸福里社区')
    expect(ws?.getCell('B4').value).toBe('基本信息')
    expect(ws?.getCell('I4').value).toBe('返程情况')
    expect(ws?.getCell('I5').value).toBe('返回前所在地')
    expect(ws?.model.merges).toEqual(expect.arrayContaining(['A4:A5', 'B4:H4', 'I4:O4', 'P4:S4']))

    // Oldest trip first, as the paper register is kept.
    expect([ws?.getCell('A6').value, ws?.getCell('B6').value, ws?.getCell('B7').value]).toEqual([1, '王五', '张三'])
    expect(ws?.getCell('I6').value).toBe('广东省深圳市')
    expect(ws?.getCell('I7').value).toBe('湖北省武汉市江岸区')
    expect(ws?.getCell('K6').value).toEqual(new Date(Date.UTC(2026, 0, 28)))
    expect(ws?.getCell('K7').value).toEqual(new Date(Date.UTC(2026, 1, 1)))
    expect(ws?.getCell('K7').numFmt).toBe('yyyy-mm-dd')
    expect([ws?.getCell('L6').value, ws?.getCell('M6').value, ws?.getCell('L7').value, ws?.getCell('M7').value]).toEqual(['自驾', '粤B12345', '火车', 'G1234'])
    expect(ws?.getCell('N7').value).toBe('李四')
    expect(ws?.getCell('H7').value).toBe('东区')
    expect(String(ws?.getCell('E7').value)).toMatch(/^110101\*{8}\d{3}[\dX]$/)
    expect(ws?.getCell('E7').numFmt).toBe('@')
    expect(String(ws?.getCell('F7').value)).toMatch(/^\d{3}\*{4}\d{4}$/)
    expect([ws?.getCell('P7').value, ws?.getCell('Q7').value, ws?.getCell('R7').value, ws?.getCell('S7').value]).toEqual([
      '居家观察',
      '观察中',
      new Date(Date.UTC(2026, 1, 1)),
      new Date(Date.UTC(2026, 1, 15))
    ])
    expect(ws?.getCell('P6').value).toBeNull()

    const ranged = await b.ok('excel.fillTemplate', { templateId: 'builtin:returnee-check', filter: { from: '2026-01-30' } })
    const rs = (await readBack(ranged.bytes)).worksheets[0]
    expect([rs?.getCell('B6').value, rs?.getCell('B7').value]).toEqual(['张三', null])
  })

  it("a grid worker's fill has only their grid's trips; full numbers need the reason", async () => {
    b = await excelBackend()
    const { east } = await seed()
    const envelope = (await b.call('excel.fillTemplate', { templateId: 'builtin:returnee-check', filter: {} }, workerSession(east.id))) as Envelope<ExportedFile>
    if (!envelope.ok) throw new Error(envelope.error.message)
    const ws = (await readBack(envelope.data.bytes)).worksheets[0]
    expect([ws?.getCell('B6').value, ws?.getCell('B7').value]).toEqual(['张三', null])

    const full = await b.ok('excel.fillTemplateFull', { templateId: 'builtin:returnee-check', filter: {}, reason: '街道核对' })
    const fs = (await readBack(full.bytes)).worksheets[0]
    expect(String(fs?.getCell('E7').value)).toMatch(/^110101\d{11}[\dX]$/)
  })
})
