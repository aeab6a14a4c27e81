import { afterEach, describe, expect, it } from 'vitest'
import type { Envelope } from '../../../shared/errors'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { household, makeId, registerCounts, resident } from './fixtures'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

function failed(envelope: Envelope<unknown>) {
  expect(envelope.ok).toBe(false)
  if (envelope.ok) throw new Error('expected a failure')
  expect(envelope.error.message).toMatch(/[\u4e00-\u9fa5]/)
  return envelope.error
}

describe('residents.create', () => {
  it('derives sex and birth date from a mainland ID and stores canonical numbers', async () => {
    b = await testBackend()
    const female = makeId('19900215', '124')
    const r = await b.ok(
      'residents.create',
      resident({ name: ' 王 小 丽 ', idNumber: ` ${female.toLowerCase()} `, phones: ['138 1234 5678', '0371-6555 1234'] })
    )
    // Masked: the birth year and the age by year (the date would complete the masked ID).
    expect(r).toMatchObject({ name: '王 小 丽', sex: 'F', birthYear: 1990, age: 36, idMasked: `110101********${female.slice(-4)}` })
    expect(r.phonesMasked).toEqual(['138****5678', '0371-******34'])
    const revealed = await b.ok('residents.reveal', { id: r.id })
    expect(revealed).toEqual({ id: r.id, idNumber: female, phones: ['13812345678', '0371-65551234'], birthDate: '1990-02-15', age: 35 })
  })

  it('converts a 15-digit old ID to 18 digits, so the same person cannot be entered twice', async () => {
    b = await testBackend()
    const r = await b.ok('residents.create', resident({ idNumber: '110101800101123' }))
    const full = (await b.ok('residents.reveal', { id: r.id })).idNumber
    expect(full).toBe(makeId('19800101', '123'))
    const again = failed(await b.call('residents.create', resident({ name: '张叁', idNumber: full })))
    expect(again).toMatchObject({ code: 'CONFLICT', details: { existingId: r.id, existingName: '张三' } })
  })

  it('accepts other document types, with sex and birth date typed in', async () => {
    b = await testBackend()
    const r = await b.ok('residents.create', resident({ idType: 'passport', idNumber: 'e12345678', sex: 'F', birthDate: '1985-03-04' }))
    expect(r).toMatchObject({ idType: 'passport', sex: 'F', birthYear: 1985, idMasked: 'E1*****78' })
    expect(await b.ok('residents.reveal', { id: r.id })).toMatchObject({ birthDate: '1985-03-04' })
    // Editing without the birth date keeps it (the form shows only the year).
    const { householdId: _ignored, birthDate: _kept, ...fields } = resident({ idType: 'passport', sex: 'F', notes: '改' })
    await b.ok('residents.update', { ...fields, id: r.id, idNumber: undefined, phones: undefined })
    expect(await b.ok('residents.reveal', { id: r.id })).toMatchObject({ birthDate: '1985-03-04' })
    const none = await b.ok('residents.create', resident({ name: '无证', idNumber: '', phones: [] }))
    expect(none).toMatchObject({ idMasked: '', phoneMasked: '', sex: null, birthYear: null, age: null })
  })

  it.each([
    ['an empty name', { name: '  ' }, 'BAD_ARGS', 'name', '请填写姓名'],
    ['letters in the ID', { idNumber: '11010119800101ABC4' }, 'BAD_ARGS', 'idNumber', '只能由数字组成'],
    ['a wrong check digit', { idNumber: makeId().slice(0, 17) + (makeId().endsWith('0') ? '1' : '0') }, 'BAD_ARGS', 'idNumber', '校验位'],
    ['an impossible birth date in the ID', { idNumber: '11010119800230123X' }, 'BAD_ARGS', 'idNumber', '出生日期不存在'],
    ['a birth date after today (by the backend clock)', { idNumber: makeId('20260501') }, 'BAD_ARGS', 'idNumber', '晚于今天'],
    ['a bad region code', { idNumber: makeId('19800101', '123', '990101') }, 'BAD_ARGS', 'idNumber', '省份代码'],
    ['an ID number Excel turned into a number', { idNumber: '1.10101E+17' }, 'BAD_ARGS', 'idNumber', '存成了数字'],
    ['a sex that contradicts the ID', { sex: 'F' as const }, 'BAD_ARGS', 'sex', '与身份证号不符'],
    ['a birth date that contradicts the ID', { birthDate: '1980-01-02' }, 'BAD_ARGS', 'birthDate', '与身份证号不符'],
    ['a typed birth date after today', { idNumber: '', birthDate: '2026-05-01' }, 'BAD_ARGS', 'birthDate', '晚于今天'],
    ['a bad mobile', { phones: ['1381234567'] }, 'BAD_ARGS', 'phones.0', '手机号'],
    ['a landline without area code', { phones: ['13812345678', '65551234'] }, 'BAD_ARGS', 'phones.1', '区号'],
    ['a bad passport number', { idType: 'passport' as const, idNumber: '护照' }, 'BAD_ARGS', 'idNumber', '护照号码'],
    ['an unknown key group', { tags: ['vip'] as never }, 'BAD_ARGS', 'tags.0', '未知的重点人群'],
    ['an unknown household', { householdId: 999 }, 'NOT_FOUND', undefined, '找不到该住户']
  ])('refuses %s with a Chinese message and writes nothing', async (_label, overrides, code, path, text) => {
    b = await testBackend()
    const before = registerCounts(b)
    const error = failed(await b.call('residents.create', resident(overrides)))
    expect(error.code).toBe(code)
    expect(error.message).toContain(text)
    if (path) expect(error.details?.issues?.[0]).toMatchObject({ path })
    expect(registerCounts(b)).toEqual(before)
    expect(b.store.info().journalRecords).toBe(0)
  })

  it('offers the existing person for a duplicate ID, also when that person is in the recycle bin', async () => {
    b = await testBackend()
    const first = await b.ok('residents.create', resident())
    const before = registerCounts(b)
    const error = failed(await b.call('residents.create', resident({ name: '另一个人' })))
    expect(error).toMatchObject({ code: 'CONFLICT', details: { existingId: first.id, deleted: false, issues: [{ path: 'idNumber' }] } })
    expect(error.message).toContain('张三')
    expect(error.message).not.toContain(makeId())
    await b.ok('residents.delete', { id: first.id, reason: '重复登记' })
    const binned = failed(await b.call('residents.create', resident()))
    expect(binned).toMatchObject({ code: 'CONFLICT', details: { existingId: first.id, deleted: true } })
    expect(binned.message).toContain('回收站')
    expect(registerCounts(b).residents).toBe(before.residents)
  })

  it('keeps one householder per household', async () => {
    b = await testBackend()
    const h = await b.ok('households.create', household())
    const head = await b.ok('residents.create', resident({ householdId: h.id, relation: 'head' }))
    expect((await b.ok('households.get', { id: h.id })).householderName).toBe('张三')
    const error = failed(await b.call('residents.create', resident({ name: '李四', idNumber: makeId('19810101'), householdId: h.id, relation: 'head' })))
    expect(error).toMatchObject({ code: 'RULE_VIOLATION', details: { issues: [{ path: 'relation' }] } })
    const { householdId: _h, ...fields } = resident({ relation: 'spouse' })
    await b.ok('residents.update', { ...fields, id: head.id })
    expect((await b.ok('households.get', { id: h.id })).householderId).toBeNull()
  })
})

describe('residents.update / get / delete / reveal', () => {
  it('updates a person and writes a masked audit summary', async () => {
    b = await testBackend()
    const r = await b.ok('residents.create', resident())
    const { householdId: _ignored, ...fields } = resident({ name: '张三丰', phones: ['13900002222'], tags: ['chronic', 'alone_elderly'], notes: '行动不便' })
    const updated = await b.ok('residents.update', { ...fields, id: r.id })
    expect(updated).toMatchObject({ name: '张三丰', phoneMasked: '139****2222', tags: ['alone_elderly', 'chronic'], notes: '行动不便' })
    expect(await b.ok('residents.get', { id: r.id })).toEqual(updated)
    const audit = b.store.all<{ summary: string; detail: string }>('SELECT summary, detail FROM audit_log')
    for (const row of audit) {
      expect(row.summary).not.toContain(makeId())
      expect(row.summary).not.toContain('13900002222')
      expect(row.detail).not.toContain(makeId())
      expect(row.detail).not.toContain('13812345678')
    }
  })

  it('keeps the stored ID and phones when an edit leaves them out (they are shown masked)', async () => {
    b = await testBackend()
    const r = await b.ok('residents.create', resident())
    const { householdId: _h, idNumber: _i, phones: _p, ...rest } = resident({ name: '张三改' })
    const updated = await b.ok('residents.update', { ...rest, id: r.id })
    expect(updated).toMatchObject({ name: '张三改', idMasked: r.idMasked, phoneMasked: '138****5678', sex: 'M' })
    expect(await b.call('residents.update', { ...rest, sex: 'F', id: r.id })).toMatchObject({
      ok: false,
      error: { code: 'BAD_ARGS', details: { issues: [{ path: 'sex' }] } }
    })
  })

  it('refuses an update to an unknown person and a duplicate document', async () => {
    b = await testBackend()
    const a = await b.ok('residents.create', resident())
    const other = await b.ok('residents.create', resident({ name: '李四', idNumber: makeId('19810101') }))
    const { householdId: _h, ...fields } = resident()
    expect(failed(await b.call('residents.update', { ...fields, id: 999 })).code).toBe('NOT_FOUND')
    expect(failed(await b.call('residents.update', { ...fields, id: other.id }))).toMatchObject({ code: 'CONFLICT', details: { existingId: a.id } })
  })

  it('asks for a reason to delete, and hides the deleted person from get and list', async () => {
    b = await testBackend()
    const r = await b.ok('residents.create', resident())
    expect(failed(await b.call('residents.delete', { id: r.id, reason: ' ' })).code).toBe('BAD_ARGS')
    await b.ok('residents.delete', { id: r.id, reason: '已迁出本社区' })
    expect(failed(await b.call('residents.get', { id: r.id })).code).toBe('NOT_FOUND')
    expect((await b.ok('residents.list', {})).total).toBe(0)
    expect(failed(await b.call('residents.delete', { id: r.id, reason: '再删' })).code).toBe('NOT_FOUND')
    expect(b.count('residents')).toBe(1)
  })

  it('writes the reveal to the audit log, and needs register.reveal', async () => {
    b = await testBackend()
    const r = await b.ok('residents.create', resident())
    const clerk = { accountId: 2, actor: '工作人员', permissions: new Set(['register.view', 'register.edit'] as const), gridScope: 'all' as const }
    expect(failed(await b.call('residents.reveal', { id: r.id }, clerk)).code).toBe('FORBIDDEN')
    await b.ok('residents.reveal', { id: r.id })
    const last = b.store.get<{ method: string; summary: string; record: string }>('SELECT method, summary, record FROM audit_log ORDER BY id DESC LIMIT 1')
    expect(last).toEqual({ method: 'residents.reveal', summary: '查看居民 张三 的完整证件号码和电话', record: `resident:${r.id}` })
    expect(failed(await b.call('residents.reveal', { id: 42 })).code).toBe('NOT_FOUND')
  })
})

describe('residents.move', () => {
  it('moves a member to another household, handing over the householder role', async () => {
    b = await testBackend()
    const h1 = await b.ok('households.create', household('幸福里小区', '3栋', '301'))
    const h2 = await b.ok('households.create', household('幸福里小区', '5栋', '502'))
    const head = await b.ok('residents.create', resident({ householdId: h1.id, relation: 'head' }))
    const moved = await b.ok('residents.move', { id: head.id, householdId: h2.id, relation: 'head' })
    expect(moved).toMatchObject({ householdId: h2.id, address: '幸福里小区 5栋 2单元 502', relation: 'head' })
    expect((await b.ok('households.get', { id: h1.id })).householderId).toBeNull()
    expect((await b.ok('households.get', { id: h2.id })).householderName).toBe('张三')
    expect(failed(await b.call('residents.move', { id: head.id, householdId: h2.id, relation: 'child' })).code).toBe('RULE_VIOLATION')
    expect(failed(await b.call('residents.move', { id: head.id, householdId: 77, relation: 'child' })).code).toBe('NOT_FOUND')
    const out = await b.ok('residents.move', { id: head.id, householdId: null, relation: 'child' })
    expect(out).toMatchObject({ householdId: null, address: '', relation: null })
  })
})
