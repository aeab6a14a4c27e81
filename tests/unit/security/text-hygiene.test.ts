import { afterEach, describe, expect, it } from 'vitest'
import { cleanText, normalizeText } from '../../../shared/domain'
import { residentShape } from '../../../shared/schemas/residents'
import { makeId, resident } from '../register/fixtures'
import { setupAdmin } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { loginAs } from '../support/roles'
import { excelBackend, workbook } from '../excel/support'

const RLO = '\u202E' // right-to-left override: 'abc' shows as 'cba'
const ZWSP = '\u200B'
const NUL = '\u0000'

describe('cleanText: the one clean-up of free text', () => {
  it.each([
    [`${RLO}张三`, '张三'],
    [`张\u2066三\u2069`, '张三'],
    [`\u200E张\u200F三\u061C`, '张三'],
    [`张${ZWSP}三\u200C\u200D\u2060\uFEFF`, '张三'],
    [`张${NUL}三\u0007\u007F\u0085`, '张三'],
    ['张\t三\n', '张 三 '],
    ['e\u0301', '\u00e9'], // NFC
    ['张三\uDB40\uDC41', '张三'], // a Unicode tag character (invisible 'A')
    ['张\uD800三', '张三'], // a lone surrogate
    ['阿依古丽·买买提', '阿依古丽·买买提'],
    ['👨‍👩‍👧 no change to plain text', '👨👩👧 no change to plain text']
  ])('%j -> %j', (input, output) => {
    expect(cleanText(input)).toBe(output)
  })

  it('keeps tabs and line breaks in a note, as \\n', () => {
    expect(cleanText(`第一行\r\n第二行\u2028${RLO}\t第三`, { multiline: true })).toBe('第一行\n第二行\n\t第三')
  })

  it('is what the importer’s normalizeText starts with', () => {
    expect(normalizeText(`${RLO} 张${ZWSP}三${NUL} `)).toBe('张三')
    expect(normalizeText(`${ZWSP}\u200D\uFEFF`)).toBe('')
  })

  it('runs in the schema the forms use: invisible-only text is empty', () => {
    expect(residentShape.name.safeParse(`${ZWSP}${RLO}\u2066`).error?.issues[0]?.message).toBe('请填写姓名')
    expect(residentShape.name.parse(` ${RLO}李${NUL}四 `)).toBe('李四')
  })
})

describe('attack: hidden characters in a resident’s name', () => {
  let b: TestBackend
  afterEach(async () => {
    await b?.close()
  })

  it('through dispatch, as a clerk (工作人员): removed before storing, or refused when nothing else is left', async () => {
    b = await excelBackend()
    const admin = await setupAdmin(b)
    const clerk = await loginAs(b, admin, 'clerk1', 'staff')
    const created = await clerk.ok('residents.create', resident({ name: `${RLO}王${ZWSP}五${NUL}`, notes: `第一行\n${RLO}第二行` }))
    const stored = b.store.get<{ name: string; notes: string }>('SELECT name, notes FROM residents WHERE id = ?', [created.id])
    expect(stored).toEqual({ name: '王五', notes: '第一行\n第二行' })
    // The search keys are made from the clean name: 'ww' finds the person.
    expect((await clerk.ok('residents.list', { q: 'ww' })).rows.map((r) => r.name)).toEqual(['王五'])

    const before = b.count('residents')
    const empty = await clerk.call('residents.create', resident({ name: `${ZWSP}\u200D\uFEFF${RLO}`, idNumber: makeId('19900101', '456') }))
    expect(empty.ok ? null : empty.error).toMatchObject({ code: 'BAD_ARGS', details: { issues: [{ path: 'name', message: '请填写姓名' }] } })
    expect(b.count('residents')).toBe(before)
  })

  it('through the Excel import: the name is stored clean, an invisible-only name is an error row', async () => {
    b = await excelBackend()
    const admin = await setupAdmin(b)
    const clerk = await loginAs(b, admin, 'clerk1', 'staff')
    const bytes = await workbook({
      name: '名单',
      rows: [
        ['姓名', '公民身份号码', '手机号', '现住址'],
        [`${RLO}赵${ZWSP}六\u2066`, makeId('19800101', '123'), '13800001111', '幸福里小区3栋2单元301'],
        [`${ZWSP}\u200D\u202C`, makeId('19900101', '456'), '13800002222', '幸福里小区3栋2单元301']
      ]
    })
    const p = await clerk.ok('excel.preview', { target: 'residents', fileName: '名单.xlsx', bytes })
    const args = {
      stagingId: p.stagingId,
      sheet: p.sheet,
      headerStart: p.headerStart,
      headerEnd: p.headerEnd,
      mapping: p.columns.map((c) => c.field),
      onExisting: 'fillEmpty' as const
    }
    const check = await clerk.ok('excel.check', args)
    expect(check.rows.find((r) => r.row === 3)).toMatchObject({ status: 'error', errors: [{ message: '姓名为空' }] })
    expect(await clerk.ok('excel.commit', args)).toMatchObject({ created: 1, errors: 1 })
    expect(b.store.all<{ name: string }>('SELECT name FROM residents').map((r) => r.name)).toEqual(['赵六'])
  })
})
