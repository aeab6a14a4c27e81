import { afterEach, describe, expect, it } from 'vitest'
import type { ExportedFile } from '../../../shared/contract'
import type { Envelope } from '../../../shared/errors'
import { check, community, trip, workerSession } from '../returnees/helpers'
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
    trip(people.wang.id, {
      origin: { province: '广东省', city: '深圳市', district: '' },
      via: '',
      returnDate: '2026-01-28',
      transport: 'car',
      transportNo: '粤B12345',
      reason: '返岗',
      episode: null
    })
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
    expect(t?.mapping).toEqual([
      'seq',
      'name',
      'sex',
      'age',
      'idNumber',
      'phone',
      'address',
      'grid',
      'origin',
      'via',
      'returnDate',
      'transport',
      'trip',
      'companions',
      'reason',
      'observationKind',
      'observationStatus',
      'observationStart',
      'observationEnd',
      'abnormal',
      'registeredOn',
      'registeredBy',
      'notes'
    ])

    const file = await b.ok('excel.fillTemplate', { templateId: 'builtin:returnee-check', filter: {} })
    expect(file.fileName).toBe('返程人员-返程人员排查登记表-2026-02-03.xlsx')
    const ws = (await readBack(file.bytes)).worksheets[0]
    expect(ws?.getCell('A1').value).toBe('幸福里社区返程人员排查登记表')
    expect(String(ws?.getCell('A2').value)).toContain('填报单位：幸福里社区')
    expect(ws?.getCell('B4').value).toBe('基本信息')
    expect(ws?.getCell('I4').value).toBe('返程情况')
    expect(ws?.getCell('I5').value).toBe('返回前所在地')
    expect([ws?.getCell('U4').value, ws?.getCell('U5').value, ws?.getCell('V5').value]).toEqual(['登记情况', '登记日期', '登记人'])
    expect(ws?.model.merges).toEqual(expect.arrayContaining(['A4:A5', 'B4:H4', 'I4:O4', 'P4:T4', 'U4:V4', 'W4:W5']))

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
    expect([ws?.getCell('P7').value, ws?.getCell('Q7').value, ws?.getCell('R7').value, ws?.getCell('S7').value, ws?.getCell('T7').value]).toEqual([
      '居家观察',
      '观察中',
      new Date(Date.UTC(2026, 1, 1)),
      new Date(Date.UTC(2026, 1, 15)),
      '否'
    ])
    // Who registered each trip and when, as the old hand-made 排查登记表 had them.
    expect([ws?.getCell('U7').value, ws?.getCell('V7').value]).toEqual([new Date(Date.UTC(2026, 1, 3)), '本机'])
    expect([ws?.getCell('P6').value, ws?.getCell('T6').value]).toEqual([null, null])

    const ranged = await b.ok('excel.fillTemplate', { templateId: 'builtin:returnee-check', filter: { from: '2026-01-30' } })
    const rs = (await readBack(ranged.bytes)).worksheets[0]
    expect([rs?.getCell('B6').value, rs?.getCell('B7').value]).toEqual(['张三', null])
  })

  it("a grid worker's fill has only their grid's trips; full numbers need the reason", async () => {
    b = await excelBackend()
    const { east } = await seed()
    const envelope = (await b.call(
      'excel.fillTemplate',
      { templateId: 'builtin:returnee-check', filter: {} },
      workerSession(east.id)
    )) as Envelope<ExportedFile>
    if (!envelope.ok) throw new Error(envelope.error.message)
    const ws = (await readBack(envelope.data.bytes)).worksheets[0]
    expect([ws?.getCell('B6').value, ws?.getCell('B7').value]).toEqual(['张三', null])
  })

  it('an abnormal person is 是否异常 是 and red in the filled form', async () => {
    b = await excelBackend()
    const { zhang } = await seed()
    const episode = (await b.ok('returnees.get', { residentId: zhang.id })).episodes[0]?.id ?? 0
    await b.ok('monitoring.check', check(episode, { morning: 38.2 }))
    const ws = (await readBack((await b.ok('excel.fillTemplate', { templateId: 'builtin:returnee-check', filter: {} })).bytes)).worksheets[0]
    expect([ws?.getCell('B7').value, ws?.getCell('T7').value]).toEqual(['张三', '是'])
    expect(ws?.getCell('B7').font?.color?.argb).toBe('FFC00000')
    expect(ws?.getCell('B6').font?.color?.argb).not.toBe('FFC00000')
  })
})

describe('返程人员排查登记表 with full numbers (excel.fillTemplateFull)', () => {
  const fullAudit = () =>
    b.store.all<{ summary: string; detail: string }>("SELECT summary, detail FROM audit_log WHERE method = 'excel.fillTemplateFull' ORDER BY id")
  const args = { templateId: 'builtin:returnee-check', filter: {} }

  it('is refused without data.exportFull, even to a clerk who may export masked', async () => {
    b = await excelBackend()
    await seed()
    // The list's view permission and data.export: what every export asks of its caller.
    const exporter = { accountId: 9, actor: '网格员甲', permissions: new Set(['returnees.view', 'data.export'] as const), gridScope: 'all' as const }
    expect(await b.call('excel.fillTemplate', args, exporter)).toMatchObject({ ok: true })
    expect(await b.call('excel.fillTemplateFull', { ...args, reason: '街道核对' }, exporter)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(fullAudit()).toEqual([])
  })

  it('is refused without a reason', async () => {
    b = await excelBackend()
    await seed()
    const blank = (await b.call('excel.fillTemplateFull', { ...args, reason: '  ' })) as Envelope<unknown>
    expect(blank).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } })
    expect(blank.ok ? '' : blank.error.message).toContain('原因')
    expect(await b.call('excel.fillTemplateFull', args)).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } })
    expect(fullAudit()).toEqual([])
  })

  it('writes the full ID and phone into the form and audits the reason, never the numbers', async () => {
    b = await excelBackend()
    const { zhang } = await seed()
    const numbers = await b.ok('residents.reveal', { id: zhang.id })
    const full = await b.ok('excel.fillTemplateFull', { ...args, reason: '街道核对' })
    expect(full.fileName).toBe('返程人员-返程人员排查登记表-2026-02-03.xlsx')
    const ws = (await readBack(full.bytes)).worksheets[0]
    expect(ws?.getCell('B7').value).toBe('张三')
    expect(ws?.getCell('E7').value).toBe(numbers.idNumber)
    expect(ws?.getCell('E7').numFmt).toBe('@')
    expect(ws?.getCell('F7').value).toBe(numbers.phones.join('、'))
    const audit = fullAudit()
    expect(audit.map((a) => a.summary)).toEqual(['填写报表“返程人员排查登记表” 2 条（完整号码，原因：街道核对）'])
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({
      source: 'returnees',
      filter: { templateId: 'builtin:returnee-check' },
      rows: 2,
      full: true,
      reason: '街道核对'
    })
    expect(JSON.stringify(audit)).not.toContain(numbers.idNumber)
  })
})
