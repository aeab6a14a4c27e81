import { afterEach, describe, expect, it } from 'vitest'
import type { ImportCheck, ImportPreview, MethodArgs } from '../../../shared/contract'
import { localIsoDate } from '../../../shared/domain'
import { grid, household, makeId, resident } from '../register/fixtures'
import type { TestBackend } from '../support/backend'
import { excelBackend, readBack, workbook } from './support'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

const ZHANG = makeId('19800101', '123')
const LI = makeId('19900215', '124')
const WANG = makeId('19750312', '003', '410102') // ends in a digit: Excel can store it as a (rounded) number
const ZHAO = makeId('19600606', '013', '410102')
const SUN = makeId('20010203', '022', '410102')
const fullWidth = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))

/** The kind of file a street office sends: title, 填报 line, two-row merged header, instruction sheet first. */
async function messyFile(): Promise<Uint8Array<ArrayBuffer>> {
  return workbook(
    { name: '填表说明', rows: [['1. 身份证号请设为文本格式'], ['2. 日期可写 2020.2.3']] },
    {
      name: '隐藏',
      hidden: true,
      rows: [
        ['姓名', '身份证号'],
        ['隐藏人', ZHANG]
      ]
    },
    {
      name: '登记表',
      merges: ['A1:H1', 'A2:D2', 'E2:H2', 'A3:A4', 'B3:E3', 'F3:H3'],
      rows: [
        ['幸福里社区居民登记表'],
        ['填报单位：幸福里社区', null, null, null, '填报日期：2026年2月3日'],
        ['序号', '基本信息', null, null, null, '联系方式'],
        [null, '姓名', '性别', '公民身份号码', '出生日期', '手机号', '现住址', '备注'],
        [1, '张三', '男', ZHANG, new Date(Date.UTC(1980, 0, 1)), '138-1234-5678', '幸福里小区3栋2单元301', { richText: [{ text: '重点' }, { text: '关注' }] }],
        [2, '李四', '男', `${LI.slice(0, 6)} ${LI.slice(6, 14)} ${LI.slice(14)}`, '1990.2.15', fullWidth('13998764321'), '幸福里小区3栋2单元301', ''],
        [3, '王五', '男', Number(WANG), '1975/3/12', '13700001111', '幸福里小区5栋1单元101', ''],
        [4, '赵六', '男', ZHAO.slice(0, 17) + (ZHAO.endsWith('0') ? '1' : '0'), '1960-06-06', '13700002222', '幸福里小区5栋1单元101', ''],
        [],
        [5, '孙七', '女', fullWidth(SUN), 36925, { text: '13700003333', hyperlink: 'tel:13700003333' }, '幸福里小区5栋1单元102', ''],
        [6, '孙七', '女', SUN, '2001年2月3日', '13700003333', '幸福里小区5栋1单元102', ''],
        [
          7,
          '周八',
          '女',
          makeId('19850505', '046'),
          { formula: 'DATE(1985,5,5)', result: new Date(Date.UTC(1985, 4, 5)) },
          '13700004444',
          '幸福里小区5栋1单元102',
          '=1+1'
        ],
        ['合计', '7人'],
        ['填表人：刘网格员']
      ]
    }
  )
}

async function preview(bytes: Uint8Array<ArrayBuffer>, fileName = '登记表.xlsx'): Promise<ImportPreview> {
  return b.ok('excel.preview', { target: 'residents', fileName, bytes })
}

function checkArgs(p: ImportPreview, onExisting: MethodArgs<'excel.check'>['onExisting'] = 'fillEmpty'): MethodArgs<'excel.check'> {
  return { stagingId: p.stagingId, sheet: p.sheet, headerStart: p.headerStart, headerEnd: p.headerEnd, mapping: p.columns.map((c) => c.field), onExisting }
}

const row = (check: ImportCheck, n: number) => check.rows.find((r) => r.row === n)

describe('excel import: the files people really have', () => {
  it('skips the instruction and hidden sheets, finds the two-row merged header under the title rows, and maps by synonyms', async () => {
    b = await excelBackend()
    const p = await preview(await messyFile())
    expect(p.sheets.map((s) => [s.name, s.skipped])).toEqual([
      ['填表说明', true],
      ['隐藏', true],
      ['登记表', false]
    ])
    expect(p.sheet).toBe(2)
    expect([p.headerStart, p.headerEnd]).toEqual([3, 4])
    expect(p.columns.map((c) => c.header)).toEqual([
      '序号',
      '基本信息 / 姓名',
      '基本信息 / 性别',
      '基本信息 / 公民身份号码',
      '基本信息 / 出生日期',
      '联系方式 / 手机号',
      '联系方式 / 现住址',
      '联系方式 / 备注'
    ])
    expect(p.columns.map((c) => c.field)).toEqual([null, 'name', 'sex', 'idNumber', 'birthDate', 'phone', 'address', 'notes'])
  })

  it('validates every row before writing: numeric IDs, check digits, five date spellings, full-width digits, blank, 合计 and duplicate rows', async () => {
    b = await excelBackend()
    const p = await preview(await messyFile())
    const check = await b.ok('excel.check', checkArgs(p))
    expect(b.count('residents')).toBe(0)
    expect(row(check, 7)?.errors[0]).toMatchObject({ column: 'D', message: '身份证号被存成了数字，末几位已丢失，请将该列设为文本后重新填写' })
    expect(row(check, 8)?.errors[0]?.message).toContain('校验位')
    expect(row(check, 10)).toMatchObject({ status: 'new', errors: [] })
    expect(row(check, 11)).toMatchObject({ status: 'error', errors: [{ message: expect.stringContaining('与第 10 行是同一人') }] })
    expect(row(check, 10)?.warnings[0]?.message).toContain('第 11 行是同一人')
    expect(row(check, 13)?.status).toBe('skipped')
    // Blank rows, and the sign-off line whose only text sits in the unmapped 序号 column, are not rows at all.
    expect(row(check, 9)).toBeUndefined()
    expect(row(check, 14)).toBeUndefined()
    expect(check.counts).toMatchObject({ new: 4, error: 3, skipped: 1 })
  })

  it('commits in one transaction: households from addresses, dates from every spelling, rich text, hyperlink and formula results', async () => {
    b = await excelBackend()
    const p = await preview(await messyFile())
    const summary = await b.ok('excel.commit', checkArgs(p))
    expect(summary).toEqual({ created: 4, updated: 0, skipped: 1, errors: 3, rejected: 3 })
    const list = await b.ok('residents.list', { pageSize: 50 })
    const byName = Object.fromEntries(list.rows.map((r) => [r.name, r]))
    expect(byName['张三']).toMatchObject({ birthYear: 1980, address: '幸福里小区 3栋 2单元 301', phoneMasked: '138****5678' })
    expect(byName['李四']).toMatchObject({ birthYear: 1990, sex: 'F', phoneMasked: '139****4321' })
    expect(byName['孙七']).toMatchObject({ birthYear: 2001, phoneMasked: '137****3333' })
    // Lists show the birth year only; the stored date comes with the full numbers.
    const birthOf = async (name: string) => (await b.ok('residents.reveal', { id: byName[name]?.id ?? 0 })).birthDate
    expect([await birthOf('张三'), await birthOf('李四'), await birthOf('孙七'), await birthOf('周八')]).toEqual([
      '1980-01-01',
      '1990-02-15',
      '2001-02-03',
      '1985-05-05'
    ])
    expect((await b.ok('residents.get', { id: byName['张三']?.id ?? 0 })).notes).toBe('重点关注')
    expect((await b.ok('residents.get', { id: byName['周八']?.id ?? 0 })).notes).toBe('=1+1')
    expect(b.count('households')).toBe(2)
    const audit = b.store.all<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'excel.commit'")
    expect(audit[0]?.summary).toContain('新增 4')
    // A second commit, or a new check, of the same staged file is refused.
    for (const method of ['excel.commit', 'excel.check'] as const) {
      expect(await b.call(method, checkArgs(p))).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('已经导入过了') } })
    }
    // Only the rejected rows are kept after the commit, and they still download as they were in the file.
    const rejected = (await readBack((await b.ok('excel.rejected', { stagingId: p.stagingId })).bytes)).worksheets[0]
    const rejectedRows = [4, 5, 6].map((r) => rejected?.getRow(r).getCell(1).value)
    expect(rejectedRows).toEqual([7, 8, 11])
    expect(rejected?.getRow(4).getCell(3).value).toBe('王五')
    expect(rejected?.getRow(7).getCell(1).value ?? null).toBeNull()
  })

  it('warns (keeps) a sex that contradicts the ID, and the rejected rows download as .xlsx with a reason column', async () => {
    b = await excelBackend()
    const p = await preview(await messyFile())
    const check = await b.ok('excel.check', checkArgs(p))
    expect(row(check, 6)?.warnings[0]?.message).toContain('性别与身份证号不符')
    const file = await b.ok('excel.rejected', { stagingId: p.stagingId })
    expect(file.fileName).toBe('登记表-未导入的行.xlsx')
    const ws = (await readBack(file.bytes)).worksheets[0]
    expect(ws?.getCell('A2').value).toContain('仅限疫情防控工作使用')
    const header = (ws?.getRow(3).values as unknown[]).slice(1)
    expect(header.at(-1)).toBe('未导入原因')
    expect(ws?.getCell('A4').value).toBe(7)
    expect(String(ws?.getRow(4).getCell(header.length).value)).toContain('D列：身份证号被存成了数字')
  })

  it('matches people already in the register: fill empty fields, overwrite, or skip, per import', async () => {
    b = await excelBackend()
    const existing = await b.ok('residents.create', resident({ name: '张三', idNumber: ZHANG, phones: [], notes: '' }))
    const bytes = await workbook({
      name: 'Sheet1',
      rows: [
        ['姓名', '身份证号码', '联系电话', '备注'],
        ['张三丰', ZHANG, '13812345678', '新备注']
      ]
    })
    for (const [mode, name, phone] of [
      ['skip', '张三', ''],
      ['fillEmpty', '张三', '138****5678'],
      ['overwrite', '张三丰', '138****5678']
    ] as const) {
      const p = await preview(bytes, `${mode}.xlsx`)
      const check = await b.ok('excel.check', checkArgs(p, mode))
      expect(check.rows[0]?.status).toBe(mode === 'skip' ? 'skipped' : 'update')
      const summary = await b.ok('excel.commit', checkArgs(p, mode))
      expect(summary.created).toBe(0)
      const after = await b.ok('residents.get', { id: existing.id })
      expect([after.name, after.phoneMasked]).toEqual([name, phone])
    }
    expect(b.count('residents')).toBe(1)
  })

  it('stores an imported person exactly as the register form would: search keys, sex and birth from the ID, phones, tags, 户主', async () => {
    // The import writes through its own bulk path; the form's path is the reference.
    const stored = (t: TestBackend) => ({
      residents: t.store.all(`SELECT name, name_initials, name_pinyin, id_type, id_number, id_rev, sex, birth_date, phones, relation,
        person_type, notes, sort_key, grid_id, household_id FROM residents ORDER BY id`),
      phones: t.store.all('SELECT resident_id, position, phone, digits_rev FROM resident_phones ORDER BY resident_id, position'),
      tags: t.store.all('SELECT resident_id, tag FROM resident_tags ORDER BY resident_id, tag'),
      households: t.store.all('SELECT building_id, grid_id, unit, room, address, search_text, address_key, householder_id FROM households ORDER BY id')
    })
    const reference = await excelBackend()
    try {
      const g = await reference.ok('grids.create', grid('第一网格'))
      await reference.ok('grids.assignBuildings', { gridId: g.id, buildings: [{ compound: '幸福里小区', building: '3栋' }] })
      const h = await reference.ok('households.create', household('幸福里小区', '3栋', '301', '2单元'))
      await reference.ok(
        'residents.create',
        resident({
          name: '曾小明',
          idNumber: ZHANG,
          phones: ['13812345678', '0371-65551234'],
          tags: ['chronic', 'alone_elderly'],
          personType: 'resident',
          relation: 'head',
          notes: '独居',
          householdId: h.id
        })
      )
      await reference.ok(
        'residents.create',
        resident({ name: '阿依古丽·买买提', idNumber: LI, phones: [], personType: 'floating', relation: 'spouse', householdId: h.id })
      )

      b = await excelBackend()
      const g2 = await b.ok('grids.create', grid('第一网格'))
      await b.ok('grids.assignBuildings', { gridId: g2.id, buildings: [{ compound: '幸福里小区', building: '3栋' }] })
      const bytes = await workbook({
        name: '居民',
        textColumns: ['B', 'D'],
        rows: [
          ['姓名', '身份证号', '性别', '联系电话', '现住址', '与户主关系', '人员类型', '重点人群', '备注'],
          ['曾小明', ZHANG, '', '138 1234 5678、0371-65551234', '幸福里小区3栋2单元301', '户主', '常住', '慢性病、独居老人', '独居'],
          ['阿依古丽·买买提', LI, '', '', '幸福里小区3栋2单元301', '配偶', '流动', '', '']
        ]
      })
      const p = await preview(bytes)
      expect(await b.ok('excel.commit', checkArgs(p))).toMatchObject({ created: 2, errors: 0 })
      expect(stored(b)).toEqual(stored(reference))
    } finally {
      await reference.close()
    }
  })

  it('commits the rows the clerk was shown without checking again, unless something was written, the day changed or the request did', async () => {
    let current = await excelBackend()
    const fresh = async () => {
      await current.close()
      current = await excelBackend()
      b = current
    }
    b = current
    const events = () => current.events
    const bytes = await workbook({
      name: 'Sheet1',
      rows: [
        ['姓名', '身份证号码', '联系电话'],
        ['张三', ZHANG, '13812345678'],
        ['李四', LI, '13912345678']
      ]
    })
    const checksDuringCommit = (jobId: string) => events().filter((e) => 'jobId' in e && e.jobId === jobId && 'label' in e && e.label === '检查数据').length

    // Nothing happened between the check and the commit: the shown rows are written as they were checked.
    let p = await preview(bytes, 'a.xlsx')
    await b.ok('excel.check', checkArgs(p))
    expect(await b.ok('excel.commit', { ...checkArgs(p), jobId: 'same' })).toMatchObject({ created: 2 })
    expect(checksDuringCommit('same')).toBe(0)

    // Someone registered one of the people meanwhile: the commit checks again and matches them instead of adding a twin.
    await fresh()
    p = await preview(bytes, 'b.xlsx')
    expect((await b.ok('excel.check', checkArgs(p))).counts.new).toBe(2)
    await b.ok('residents.create', resident({ name: '张三', idNumber: ZHANG, phones: [] }))
    expect(await b.ok('excel.commit', { ...checkArgs(p), jobId: 'changed' })).toMatchObject({ created: 1, updated: 1 })
    expect(checksDuringCommit('changed')).toBeGreaterThan(0)
    expect(b.count('residents')).toBe(2)

    // A different choice for people already registered is a different check.
    await fresh()
    await b.ok('residents.create', resident({ name: '张三', idNumber: ZHANG, phones: [] }))
    p = await preview(bytes, 'c.xlsx')
    await b.ok('excel.check', checkArgs(p, 'skip'))
    expect(await b.ok('excel.commit', { ...checkArgs(p, 'overwrite'), jobId: 'other' })).toMatchObject({ created: 1, updated: 1, skipped: 0 })
    expect(checksDuringCommit('other')).toBeGreaterThan(0)

    // Past midnight the check is made again (ages and dates are judged against today).
    await fresh()
    p = await preview(bytes, 'd.xlsx')
    await b.ok('excel.check', checkArgs(p))
    // The clerk keeps the wizard open (each step within the 30 minutes the staging area allows) past midnight.
    const checkedOn = localIsoDate(b.clock.now())
    while (localIsoDate(b.clock.now()) === checkedOn) {
      b.clock.advance(25 * 60_000)
      await b.ok('excel.reshape', { stagingId: p.stagingId, sheet: p.sheet, headerStart: p.headerStart, headerEnd: p.headerEnd })
    }
    await b.ok('excel.commit', { ...checkArgs(p), jobId: 'tomorrow' })
    expect(checksDuringCommit('tomorrow')).toBeGreaterThan(0)
  })

  it('reads CSV in GBK and UTF-8, and a header with a saved mapping is proposed again', async () => {
    b = await excelBackend()
    const text = `人员,证件,电话\r\n张三,${ZHANG},13812345678\r\n`
    const gbk = new Uint8Array(Buffer.from(new TextEncoder().encode(text)))
    const p = await preview(gbk, '名单.csv')
    expect(p.columns.map((c) => c.field)).toEqual([null, null, 'phone'])
    await b.ok('excel.saveMapping', {
      target: 'residents',
      name: '志愿者名单',
      headers: p.columns.map((c) => c.header),
      mapping: ['name', 'idNumber', 'phone']
    })
    const again = await preview(gbk, '名单2.csv')
    expect(again.savedMapping).toBe('志愿者名单')
    expect(again.columns.map((c) => c.field)).toEqual(['name', 'idNumber', 'phone'])
    const gbkBytes = gbkEncode('姓名,身份证号\r\n李四,' + LI + '\r\n')
    const g = await preview(gbkBytes, 'gbk.csv')
    expect(g.columns.map((c) => c.header)).toEqual(['姓名', '身份证号'])
    expect((await b.ok('excel.commit', checkArgs(g))).created).toBe(1)
  })
})

/** '姓名' etc. in GBK, without a GBK encoder in Node: the few characters these tests need. */
function gbkEncode(text: string): Uint8Array<ArrayBuffer> {
  const table: Record<string, number[]> = {
    姓: [0xd0, 0xd5],
    名: [0xc3, 0xfb],
    身: [0xc9, 0xed],
    份: [0xb7, 0xdd],
    证: [0xd6, 0xa4],
    号: [0xba, 0xc5],
    李: [0xc0, 0xee],
    四: [0xcb, 0xc4]
  }
  const out: number[] = []
  for (const ch of text) out.push(...(table[ch] ?? [ch.charCodeAt(0)]))
  return new Uint8Array(out)
}
