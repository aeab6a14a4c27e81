import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import type { Session } from '../../../electron/backend/context'
import { community, trip } from '../returnees/helpers'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { readBack } from '../excel/support'
import { figure } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

const BORDER = { top: { style: 'thin' as const }, bottom: { style: 'thin' as const }, left: { style: 'thin' as const }, right: { style: 'thin' as const } }

/** A street office's own 日报: fixed cells with {{…}} fields above, a list of returnees under a header. */
async function streetTemplate(cells: Record<string, string> = {}, withList = true): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('日报')
  ws.mergeCells('A1:F1')
  Object.assign(ws.getCell('A1'), { value: '××社区疫情防控日报', font: { bold: true, size: 16 } })
  ws.getCell('A2').value = '填报单位：'
  ws.getCell('B3').value = '今日返回'
  Object.assign(ws.getCell('C3'), { value: '{{今日返回}}', font: { bold: true }, border: BORDER, alignment: { horizontal: 'center' } })
  ws.mergeCells('C3:D3')
  ws.getCell('E3').value = '在观察 {{在观察}} 人，其中居家观察 {{observation.kind.home_observation}} 人'
  ws.getCell('F3').value = '{{填报日期}}'
  for (const [ref, value] of Object.entries(cells)) ws.getCell(ref).value = value
  if (withList) {
    ws.getRow(5).values = ['序号', '姓名', '返回前所在地', '返程日期']
    for (let c = 1; c <= 4; c++) ws.getCell(6, c).border = BORDER
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer)
}

async function register(name: string, bytes: Uint8Array<ArrayBuffer>, withList = true): Promise<string> {
  const saved = await b.ok('excel.registerTemplate', {
    name,
    list: 'returnees',
    fileName: `${name}.xlsx`,
    bytes,
    sheet: 0,
    headerStart: 5,
    headerEnd: 5,
    mapping: withList ? ['seq', 'name', 'origin', 'returnDate'] : [null, null, null, null]
  })
  return saved.id
}

async function seed() {
  const people = await community(b)
  await b.ok('returnees.register', trip(people.zhang.id, { returnDate: '2026-02-03' }))
  await b.ok('returnees.register', trip(people.wang.id, { returnDate: '2026-02-01', episode: null }))
  await b.ok('settings.update', { communityName: '幸福里社区', contactPhone: '0371-65551234' })
}

describe('按街道模板导出 (report.fillTemplate): single-cell fields besides the list rows', () => {
  it('fills {{今日返回}} in C3 as a number, keeps styles and merges, dates on the wall clock, the list under the header', async () => {
    b = await testBackend()
    await seed()
    const id = await register('日报模板', await streetTemplate())
    const report = await b.ok('report.day', { day: '2026-02-03' })
    const file = await b.ok('report.fillTemplate', { day: '2026-02-03', templateId: id })
    expect(file.fileName).toBe('每日报表-日报模板-2026-02-03.xlsx')
    const ws = (await readBack(file.bytes)).worksheets[0]
    expect(ws?.getCell('C3').value).toBe(figure(report, 'returnees.returnedToday'))
    expect(typeof ws?.getCell('C3').value).toBe('number')
    expect(ws?.getCell('C3').value).toBe(1)
    expect(ws?.getCell('C3').font?.bold).toBe(true)
    expect(ws?.getCell('C3').border?.left?.style).toBe('thin')
    expect(ws?.model.merges).toEqual(expect.arrayContaining(['A1:F1', 'C3:D3']))
    expect(ws?.getCell('E3').value).toBe(`在观察 ${figure(report, 'observation.observing')} 人，其中居家观察 1 人`)
    // The day as a real date at midnight of that calendar day (Excel has no zones), whatever the PC's zone.
    expect(ws?.getCell('F3').value).toEqual(new Date(Date.UTC(2026, 1, 3)))
    expect(ws?.getCell('F3').numFmt).toBe('yyyy-mm-dd')
    expect(ws?.getCell('A1').value).toBe('幸福里社区疫情防控日报')
    expect(String(ws?.getCell('A2').value)).toBe('填报单位：幸福里社区')
    // The list region: oldest return first, masked as the list page exports it.
    expect([ws?.getCell('A6').value, ws?.getCell('B6').value, ws?.getCell('B7').value]).toEqual([1, '王五', '张三'])
    expect(ws?.getCell('D7').value).toEqual(new Date(Date.UTC(2026, 1, 3)))
    const audit = b.store.get<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'report.fillTemplate'")
    expect(audit?.summary).toBe('按街道模板“日报模板”导出每日报表 2026-02-03，含返程人员登记 2 条（号码已遮盖）')
  })

  it('a form of fixed cells only registers without a column and fills its cells; nothing moves', async () => {
    b = await testBackend()
    await seed()
    const id = await register('街道日报', await streetTemplate({ B4: '填报人：{{填报人}}  联系电话：{{联系电话}}' }, false), false)
    const ws = (await readBack((await b.ok('report.fillTemplate', { day: '2026-02-03', templateId: id })).bytes)).worksheets[0]
    expect(ws?.getCell('C3').value).toBe(1)
    expect(ws?.getCell('B4').value).toBe('填报人：本机  联系电话：0371-65551234')
    expect(ws?.getCell('A5').value).toBe(null)
    expect(String(ws?.getCell('A6').value)).toContain('仅限疫情防控工作使用')
  })

  it('names a field it does not know, and a list export of the template points to the report page', async () => {
    b = await testBackend()
    await seed()
    const id = await register('错字模板', await streetTemplate({ B4: '{{今日反回}}' }))
    const wrong = await b.call('report.fillTemplate', { day: '2026-02-03', templateId: id })
    expect(wrong).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION', details: { fields: ['今日反回'] } } })
    expect(wrong.ok ? '' : wrong.error.message).toContain('{{今日反回}}')
    const fromList = await b.call('excel.fillTemplate', { templateId: id, filter: {} })
    expect(fromList.ok ? '' : fromList.error.message).toContain('按街道模板导出')
    // Nothing was handed out, so nothing is recorded as exported.
    expect(b.store.all("SELECT id FROM audit_log WHERE method IN ('report.fillTemplate', 'excel.fillTemplate')")).toEqual([])
  })

  it('is refused to a role without data.export (只读) and for a future day', async () => {
    b = await testBackend()
    await seed()
    const id = await register('日报模板', await streetTemplate())
    const reader: Session = { accountId: 7, actor: '只读甲', permissions: new Set(['report.view', 'returnees.view']), gridScope: 'all' }
    expect(await b.call('report.fillTemplate', { day: '2026-02-03', templateId: id }, reader)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await b.call('report.fillTemplate', { day: '2026-02-04', templateId: id })).toMatchObject({ ok: false })
  })
})
