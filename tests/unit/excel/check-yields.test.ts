import { afterEach, describe, expect, it } from 'vitest'
import type { ImportPreview, MethodArgs } from '../../../shared/contract'
import { household as householdOf, makeId, resident } from '../register/fixtures'
import type { TestBackend } from '../support/backend'
import { excelBackend, workbook } from './support'

/**
 * 检查 of a big file pauses every few milliseconds so the backend can answer other devices (issue
 * 24: one device's import does not freeze the others). What is asserted is the behaviour, never a
 * timing: another request is answered before the check ends, and a write that lands while the
 * check pauses is not lost or doubled by the commit.
 */
let b: TestBackend
afterEach(async () => {
  await b?.close()
})

const ROWS = 6000
const idOf = (i: number) =>
  makeId(`19${String(50 + (i % 50)).padStart(2, '0')}0${1 + (i % 9)}1${i % 10}`, String(i % 1000).padStart(3, '0'), String(110101 + Math.floor(i / 1000)))

async function stageBigFile(): Promise<MethodArgs<'excel.check'>> {
  const rows = Array.from({ length: ROWS }, (_, i) => [
    i + 1,
    `居民${i}`,
    idOf(i),
    `139${String(i).padStart(8, '0')}`,
    `幸福里小区${1 + (i % 6)}栋${101 + (i % 40)}`
  ])
  const bytes = await workbook({ name: '居民', rows: [['序号', '姓名', '身份证号', '联系电话', '现住址'], ...rows], textColumns: ['C', 'D'] })
  const p = await b.ok('excel.preview', { target: 'residents', fileName: '居民.xlsx', bytes })
  return {
    stagingId: p.stagingId,
    sheet: p.sheet,
    headerStart: p.headerStart,
    headerEnd: p.headerEnd,
    mapping: p.columns.map((c: ImportPreview['columns'][number]) => c.field),
    onExisting: 'skip'
  }
}

describe('检查 of a big file lets other requests in', () => {
  it('answers another device’s search before the check of the file is done', async () => {
    b = await excelBackend()
    const args = await stageBigFile()
    const order: string[] = []
    const check = b.ok('excel.check', args).then((r) => {
      order.push('check')
      return r
    })
    // The check is under way once the queued microtasks have run; the search comes in after that.
    await new Promise<void>((resolve) => setImmediate(resolve))
    expect(order).toEqual([])
    const search = b.ok('residents.list', { q: '张' }).then(() => order.push('search'))
    const [checked] = await Promise.all([check, search])
    expect(order).toEqual(['search', 'check'])
    expect(checked.counts.new).toBe(ROWS)
  })

  it('a person registered while the check pauses is skipped by the commit, not imported twice', async () => {
    b = await excelBackend()
    const args = await stageBigFile()
    const check = b.ok('excel.check', args)
    await new Promise<void>((resolve) => setImmediate(resolve))
    // Another PC registers a person of the file while the check is under way.
    const household = await b.ok('households.create', householdOf('幸福里小区', '1栋', '101'))
    await b.ok('residents.create', resident({ name: '居民0', idNumber: idOf(0), householdId: household.id, relation: 'head' }))
    const seen = await check
    const summary = await b.ok('excel.commit', args)
    // Whatever the check saw, the commit checked again over the write: the registered person is not
    // imported a second time, and nobody else is lost.
    expect(seen.total).toBe(ROWS)
    expect(summary.created).toBe(ROWS - 1)
    expect(b.count('residents')).toBe(ROWS)
  })
})
