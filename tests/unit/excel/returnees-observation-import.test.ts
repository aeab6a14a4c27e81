import { afterEach, describe, expect, it } from 'vitest'
import type { ImportCheck, ImportPreview, MethodArgs } from '../../../shared/contract'
import { makeId } from '../register/fixtures'
import { community, trip } from '../returnees/helpers'
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

async function preview(bytes: Uint8Array<ArrayBuffer>): Promise<ImportPreview> {
  return b.ok('excel.preview', { target: 'returnees', fileName: '问卷.xlsx', bytes })
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

async function episodeOf(residentId: number) {
  const file = await b.ok('returnees.get', { residentId })
  return { trip: file.trips[0], episode: file.episodes[0] }
}

describe('excel import: returnees with observation columns', () => {
  const HEADER = ['姓名', '身份证号', '来源地', '返程日期', '交通方式', '是否居家观察', '观察类型', '观察开始日期']

  it('starts each row’s observation in the same transaction: type from the column, default 居家观察, none for 否', async () => {
    b = await excelBackend()
    const { zhang, li, wang } = await community(b)
    const bytes = await workbook({
      name: '返程人员',
      rows: [
        HEADER,
        ['张三', ZHANG, '湖北武汉', '2026-01-28', '火车', '是', '居家隔离', '2026/1/29'],
        ['李四', LI, '湖北武汉', '2026-01-30', '自驾', '是', '', ''],
        ['王五', WANG, '湖北武汉', '2026-02-01', '大巴', '否', '', ''],
        ['王五', WANG, '湖北武汉', '2026-02-02', '大巴', '是', '海上漂流', '']
      ]
    })
    const p = await preview(bytes)
    expect(p.columns.map((c) => c.field).slice(5)).toEqual(['observe', 'observationKind', 'observationStart'])
    const check = await b.ok('excel.check', checkArgs(p))
    expect(row(check, 5)).toMatchObject({ status: 'error', errors: [{ column: 'G', message: expect.stringContaining('观察类型“海上漂流”无法识别') }] })
    expect(check.notices).toEqual([{ level: 'info', text: '导入后将同时开始观察 2 人（按观察类型，未填的为居家观察）。' }])
    expect(b.count('observation_episodes')).toBe(0)

    expect(await b.ok('excel.commit', checkArgs(p))).toMatchObject({ created: 3, errors: 1 })
    const z = await episodeOf(zhang.id)
    expect(z.episode).toMatchObject({ kind: 'home_isolation', startDate: '2026-01-29', status: 'observing', tripId: z.trip?.id })
    const l = await episodeOf(li.id)
    expect(l.episode).toMatchObject({ kind: 'home_observation', startDate: '2026-01-30', tripId: l.trip?.id })
    expect((await episodeOf(wang.id)).episode).toBeUndefined()
  })

  it('a person already being observed keeps that observation, with a warning at the check step', async () => {
    b = await excelBackend()
    const { zhang } = await community(b)
    await b.ok('returnees.register', trip(zhang.id, { returnDate: '2026-01-20' }))
    const bytes = await workbook({ name: '返程人员', rows: [HEADER, ['张三', ZHANG, '湖北武汉', '2026-02-01', '火车', '是', '', '']] })
    const p = await preview(bytes)
    const check = await b.ok('excel.check', checkArgs(p))
    expect(row(check, 2)?.warnings.map((w) => w.message)).toEqual(['张三 正在居家观察中（至 2026-02-03），不再开始新的观察'])
    await b.ok('excel.commit', checkArgs(p))
    expect([b.count('returnee_trips'), b.count('observation_episodes')]).toEqual([2, 1])
  })
})

describe('excel import: an online questionnaire export (问卷星, 腾讯问卷)', () => {
  const HEADER = [
    '序号',
    '提交答卷时间',
    '所用时间',
    '来源',
    '来源详情',
    '来自IP',
    '1、您的姓名',
    '2、身份证号码',
    '3、手机号码',
    '4、现住址（小区+楼栋+房号）',
    '5、您从哪里返回？（省市区）',
    '6、返回日期',
    '7、交通方式（请注明车次/航班）',
    '8、目前身体状况'
  ]
  const meta = (n: number) => [n, '2026/2/3 08:1' + n + ':00', '95秒', '微信', 'N/A', '113.57.1.' + n + '(湖北-武汉)']

  it('maps the numbered questions, keeps the 车次 inside the transport, and a fever becomes an abnormal first check of a new episode', async () => {
    b = await excelBackend()
    const { zhang, li, wang } = await community(b)
    const bytes = await workbook({
      name: '答卷数据',
      rows: [
        HEADER,
        [...meta(1), '张三', ZHANG, '13800001111', '', '湖北省武汉市江汉区', '2026-02-01', '火车 G1234', '发热'],
        [...meta(2), '李四', LI, '13712345678', '', '湖北武汉', '2026-02-02', '飞机CA1234', '正常'],
        [...meta(3), '王五', WANG, '13612345678', '', '北京市朝阳区', '2026-02-02', '自驾 鄂A12345', '无发热，有咳嗽'],
        [...meta(4), '陌生人', STRANGER, '13500001111', '幸福里小区1栋2单元102', '广东深圳', '2026-02-03', '大巴', '体温37.8']
      ]
    })
    const p = await preview(bytes)
    expect(p.columns.map((c) => c.field)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      'name',
      'idNumber',
      'phone',
      'address',
      'origin',
      'returnDate',
      'transport',
      'health'
    ])
    const check = await b.ok('excel.check', checkArgs(p))
    expect(check.counts).toMatchObject({ new: 4, error: 0 })
    expect(check.notices).toEqual([
      { level: 'info', text: '导入后将同时开始观察 4 人（按观察类型，未填的为居家观察）。' },
      { level: 'alert', text: '其中 3 人报告了发热或症状：第一次检查记为异常，将在居家观察中标红，请尽快联系核实。' }
    ])
    expect(row(check, 2)?.warnings.map((w) => w.message)).toEqual(['报告发热：开始观察后第一次检查记为异常'])
    expect(row(check, 4)?.warnings.map((w) => w.message)).toEqual(['报告干咳：开始观察后第一次检查记为异常'])

    await b.ok('excel.commit', checkArgs(p))
    const list = await b.ok('returnees.list', {})
    const byName = new Map(list.rows.map((t) => [t.name, t]))
    expect(byName.get('张三')).toMatchObject({
      transport: 'train',
      transportNo: 'G1234',
      originText: '湖北省武汉市江汉区',
      episode: { status: 'observing', abnormal: true }
    })
    expect(byName.get('李四')).toMatchObject({ transport: 'plane', transportNo: 'CA1234', episode: { abnormal: false } })
    expect(byName.get('王五')).toMatchObject({ transport: 'car', transportNo: '鄂A12345', episode: { abnormal: true } })
    expect(byName.get('陌生人')).toMatchObject({ episode: { abnormal: true } })

    const z = await episodeOf(zhang.id)
    expect(z.episode?.checks).toMatchObject([{ day: '2026-02-03', outcome: 'abnormal', symptoms: ['fever'], note: '自报：发热' }])
    expect((await episodeOf(li.id)).episode?.checks).toMatchObject([{ outcome: 'normal', symptoms: [] }])
    expect((await episodeOf(wang.id)).episode?.checks).toMatchObject([{ outcome: 'abnormal', symptoms: ['dry_cough'] }])
    const today = await b.ok('monitoring.today', {})
    expect([today.abnormal, today.observingTotal, today.newReturnees]).toEqual([3, 4, 4])
  })
})
