import type ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import type { ExportedFile } from '../../../shared/contract'
import type { ExportFilter } from '../../../shared/schemas/excel'
import type { Envelope } from '../../../shared/errors'
import { check, community, trip, workerSession } from '../returnees/helpers'
import type { TestBackend } from '../support/backend'
import { setupAdmin } from '../support/backend'
import { excelBackend, readBack, workbook } from './support'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

const day = (iso: string) => new Date(`${iso}T00:00:00Z`)

/**
 * Today is 2026-02-03 (the test clock). 王五 (西区) has watched since 01-28 with a normal check,
 * 李四 (东区) started 02-01 and was released early today, 张三 (东区) started today and has a fever.
 */
async function seed() {
  await setupAdmin(b)
  const people = await community(b)
  const wang = await b.ok('returnees.register', trip(people.wang.id, { returnDate: '2026-01-28' }))
  const li = await b.ok('returnees.register', trip(people.li.id, { returnDate: '2026-02-01' }))
  const zhang = await b.ok('returnees.register', trip(people.zhang.id))
  await b.ok('monitoring.check', check(wang.episode?.id ?? 0, { morning: 36.5, evening: 36.6, note: '电话随访' }))
  await b.ok('monitoring.check', check(zhang.episode?.id ?? 0, { morning: 38.2, symptoms: ['fever', 'dry_cough'] }))
  await b.ok('monitoring.setStatus', { episodeId: li.episode?.id ?? 0, status: 'released', reason: '转外地，提前解除' })
  return people
}

/** The plain list: title, 填报单位 line, notice, header on row 4, data from row 5. */
async function listRows(filter: ExportFilter = {}, session?: Parameters<TestBackend['call']>[2]): Promise<{ ws: ExcelJS.Worksheet; names: unknown[] }> {
  const envelope = (await b.call('excel.exportList', { list: 'observations', filter }, session)) as Envelope<ExportedFile>
  if (!envelope.ok) throw new Error(envelope.error.message)
  const ws = (await readBack(envelope.data.bytes)).worksheets[0] as ExcelJS.Worksheet
  const names: unknown[] = []
  for (let r = 5; r <= ws.rowCount && ws.getCell(r, 1).value !== null; r++) names.push(ws.getCell(r, 1).value)
  return { ws, names }
}

describe('居家观察台账 through the Excel engine', () => {
  it('lists open episodes, oldest first, masked, with the latest check and the 是否异常 column', async () => {
    b = await excelBackend()
    await seed()
    const { ws, names } = await listRows()
    expect(ws.getCell('A1').value).toBe('幸福里社区居家观察台账')
    expect(ws.getRow(4).values).toEqual([
      undefined,
      ...['姓名', '性别', '年龄', '身份证号码', '联系电话', '现住址', '网格', '责任网格员', '观察类型', '开始日期', '结束日期', '观察天数', '已观察天数'],
      ...['状态', '解除日期', '解除原因', '最近测温日期', '早体温（℃）', '晚体温（℃）', '症状', '检查结果', '是否异常', '备注']
    ])
    expect(names).toEqual(['王五', '张三'])
    const wang = ws.getRow(5)
    expect(String(wang.getCell(4).value)).toMatch(/^110101\*{8}\d{3}[\dX]$/)
    expect(wang.getCell(4).numFmt).toBe('@')
    expect(wang.getCell(5).value).toBe('136****5678')
    expect([wang.getCell(7).value, wang.getCell(8).value, wang.getCell(9).value]).toEqual(['西区', '网格员乙', '居家观察'])
    expect([wang.getCell(10).value, wang.getCell(11).value, wang.getCell(12).value, wang.getCell(13).value]).toEqual([
      day('2026-01-28'),
      day('2026-02-11'),
      14,
      7
    ])
    expect([wang.getCell(14).value, wang.getCell(15).value, wang.getCell(17).value]).toEqual(['观察中', null, day('2026-02-03')])
    expect([wang.getCell(18).value, wang.getCell(19).value, wang.getCell(21).value, wang.getCell(22).value, wang.getCell(23).value]).toEqual([
      36.5,
      36.6,
      '正常',
      '否',
      '电话随访'
    ])
    const zhang = ws.getRow(6)
    expect([zhang.getCell(2).value, zhang.getCell(3).value, zhang.getCell(13).value]).toEqual(['男', 46, 1])
    expect([zhang.getCell(18).value, zhang.getCell(19).value, zhang.getCell(20).value, zhang.getCell(21).value, zhang.getCell(22).value]).toEqual([
      38.2,
      null,
      '发热、干咳',
      '异常',
      '是'
    ])
    // The abnormal person stands out in red in the list as in the app; the others do not.
    expect(zhang.getCell(1).font?.color?.argb).toBe('FFC00000')
    expect(wang.getCell(1).font?.color?.argb).toBeUndefined()
    const audit = b.store.get<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'excel.exportList' ORDER BY id DESC LIMIT 1")
    expect(audit?.summary).toBe('导出居家观察台账 2 条（号码已遮盖）')
  })

  it('takes the closed episodes too when asked, with the release date and reason; one worker on request', async () => {
    b = await excelBackend()
    await seed()
    const { ws, names } = await listRows({ includeClosed: true })
    expect(names).toEqual(['王五', '李四', '张三'])
    const li = ws.getRow(6)
    expect([li.getCell(13).value, li.getCell(14).value, li.getCell(15).value, li.getCell(16).value, li.getCell(22).value]).toEqual([
      3,
      '已解除',
      day('2026-02-03'),
      '转外地，提前解除',
      '否'
    ])
    const one = await listRows({ worker: '网格员乙', includeClosed: true })
    expect(one.names).toEqual(['王五'])
    // The 条件 line is in words the street office reads, not field names.
    expect(String(one.ws.getCell('A2').value)).toContain('条件：含已解除，网格员：网格员乙')
  })

  it("a grid worker's export has only their grid's episodes; full numbers need data.exportFull and a reason, audited", async () => {
    b = await excelBackend()
    const { east } = await seed()
    expect((await listRows({}, workerSession(east.id))).names).toEqual(['张三'])
    expect((await listRows({ includeClosed: true }, workerSession(east.id))).names).toEqual(['李四', '张三'])

    expect(await b.call('excel.exportListFull', { list: 'observations', filter: {}, reason: '' })).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } })
    const noFull = { ...workerSession(east.id), permissions: new Set(['session', 'data.export'] as const) }
    expect(await b.call('excel.exportListFull', { list: 'observations', filter: {}, reason: '核对' }, noFull)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    })
    const full = await b.ok('excel.exportListFull', { list: 'observations', filter: {}, reason: '街道核对' })
    const ws = (await readBack(full.bytes)).worksheets[0]
    expect(String(ws?.getCell('D5').value)).toMatch(/^110101\d{11}[\dX]$/)
    expect(ws?.getCell('E5').value).toBe('13612345678')
    const audit = b.store.get<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'excel.exportListFull'")
    expect(audit?.summary).toBe('导出居家观察台账 2 条（完整号码），原因：街道核对')
  })

  it('fills the built-in 居家观察台账, keeping title, merges and header block; the abnormal person in red', async () => {
    b = await excelBackend()
    await seed()
    const t = (await b.ok('excel.templates', {})).find((x) => x.id === 'builtin:observation-ledger')
    expect(t).toMatchObject({ name: '居家观察台账', list: 'observations', headerStart: 4, headerEnd: 5 })
    expect(t?.mapping).toEqual([
      ...['seq', 'name', 'sex', 'age', 'idNumber', 'phone', 'address', 'grid', 'worker', 'observationKind', 'observationStart', 'observationEnd'],
      ...[
        'days',
        'observedDays',
        'observationStatus',
        'statusDate',
        'statusReason',
        'lastCheckDay',
        'morning',
        'evening',
        'symptoms',
        'outcome',
        'abnormal',
        'notes'
      ]
    ])

    const file = await b.ok('excel.fillTemplate', { templateId: 'builtin:observation-ledger', filter: { includeClosed: true } })
    expect(file.fileName).toBe('居家观察-居家观察台账-2026-02-03.xlsx')
    const ws = (await readBack(file.bytes)).worksheets[0]
    expect(ws?.getCell('A1').value).toBe('幸福里社区居家观察台账')
    expect(String(ws?.getCell('A2').value)).toContain('填报单位：幸福里社区')
    expect(String(ws?.getCell('M2').value)).toContain('填报日期：2026年2月3日')
    expect(String(ws?.getCell('A3').value)).toMatch(/^填报人：/)
    expect(String(ws?.getCell('M3').value)).toBe('签发人：')
    expect([ws?.getCell('B4').value, ws?.getCell('J4').value, ws?.getCell('R4').value, ws?.getCell('X4').value]).toEqual([
      '基本信息',
      '观察情况',
      '最近一次健康监测',
      '备注'
    ])
    expect(ws?.model.merges).toEqual(expect.arrayContaining(['A1:X1', 'A4:A5', 'B4:I4', 'J4:Q4', 'R4:W4', 'X4:X5']))

    expect([6, 7, 8].map((r) => [ws?.getCell(r, 1).value, ws?.getCell(r, 2).value])).toEqual([
      [1, '王五'],
      [2, '李四'],
      [3, '张三']
    ])
    expect(ws?.getCell('K6').value).toEqual(day('2026-01-28'))
    expect(ws?.getCell('K6').numFmt).toBe('yyyy-mm-dd')
    expect(ws?.getCell('E6').numFmt).toBe('@')
    expect([ws?.getCell('O7').value, ws?.getCell('P7').value, ws?.getCell('Q7').value]).toEqual(['已解除', day('2026-02-03'), '转外地，提前解除'])
    expect([ws?.getCell('S8').value, ws?.getCell('W8').value]).toEqual([38.2, '是'])
    // The template's borders are kept on every row; only 张三's row is red.
    expect(ws?.getCell('B8').border?.left).toEqual({ style: 'thin' })
    expect(ws?.getCell('B8').font?.color?.argb).toBe('FFC00000')
    expect(ws?.getCell('W8').font?.color?.argb).toBe('FFC00000')
    expect(ws?.getCell('B6').font?.color?.argb).toBeUndefined()
    expect(String(ws?.getCell('A10').value)).toMatch(/^仅限疫情防控工作使用/)

    const open = await b.ok('excel.fillTemplate', { templateId: 'builtin:observation-ledger', filter: {} })
    const os = (await readBack(open.bytes)).worksheets[0]
    expect([os?.getCell('B6').value, os?.getCell('B7').value, os?.getCell('B8').value]).toEqual(['王五', '张三', null])
    const audit = b.store.all<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'excel.fillTemplate' ORDER BY id").map((r) => r.summary)
    expect(audit).toEqual(['填写报表“居家观察台账” 3 条（号码已遮盖）', '填写报表“居家观察台账” 2 条（号码已遮盖）'])
  })

  it("proposes the fields for a street office's own 居家观察台账 and fills it once registered", async () => {
    b = await excelBackend()
    await seed()
    const headers = [
      '序号',
      '姓名',
      '身份证号',
      '联系电话',
      '包保人',
      '管控方式',
      '开始日期',
      '预计解除日期',
      '目前状态',
      '早体温',
      '晚体温',
      '有无症状',
      '备注'
    ]
    const bytes = await workbook({
      name: '台账',
      rows: [['某街道居家观察人员台账'], ['填报单位：', null, null, null, null, null, '填报日期：'], headers],
      merges: ['A1:M1']
    })
    const inspection = await b.ok('excel.inspectTemplate', { fileName: '街道台账.xlsx', bytes })
    const mapping = inspection.columns.map((c) => c.field)
    expect(mapping).toEqual([
      'seq',
      'name',
      'idNumber',
      'phone',
      'worker',
      'observationKind',
      'observationStart',
      'observationEnd',
      'observationStatus',
      'morning',
      'evening',
      'symptoms',
      'notes'
    ])
    expect(inspection.fields.observations.map((f) => f.label)).toContain('已观察天数')
    const t = await b.ok('excel.registerTemplate', {
      name: '街道居家观察台账',
      list: 'observations',
      fileName: '街道台账.xlsx',
      bytes,
      sheet: 0,
      headerStart: 3,
      headerEnd: 3,
      mapping
    })
    const ws = (await readBack((await b.ok('excel.fillTemplate', { templateId: t.id, filter: {} })).bytes)).worksheets[0]
    expect(ws?.getRow(5).values).toEqual([
      undefined,
      2,
      '张三',
      expect.stringMatching(/^110101\*{8}/),
      '138****5678',
      '网格员甲',
      '居家观察',
      day('2026-02-03'),
      day('2026-02-17'),
      '观察中',
      38.2,
      undefined,
      '发热、干咳'
    ])
  })
})
