import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MethodArgs } from '../../../shared/contract'
import initSqlJs from 'sql.js'
import register from '../../../electron/backend/store/migrations/0002_register.sql?raw'
import { LOCAL_SESSION } from '../../../electron/backend/context'
import { residentPages } from '../../../electron/backend/residents/residents-query.repo'
import { residentFilter } from '../../../electron/backend/residents/residents.search'
import { grid, household, makeId, resident, sharedBackend } from './fixtures'

let b: Awaited<ReturnType<typeof sharedBackend>>
const ids: Record<string, number> = {}
let gridA = 0

// A small community: two grids, two compounds, people of every search kind.
beforeAll(async () => {
  b = await sharedBackend()
  gridA = (await b.ok('grids.create', grid('一网格'))).id
  const gridB = (await b.ok('grids.create', grid('二网格'))).id
  await b.ok('grids.assignBuildings', { gridId: gridA, buildings: [{ compound: '幸福里小区', building: '3栋' }] })
  await b.ok('grids.assignBuildings', { gridId: gridB, buildings: [{ compound: '阳光花园', building: '1号楼' }] })
  const h1 = (await b.ok('households.create', household('幸福里小区', '3栋', '301'))).id
  const h2 = (await b.ok('households.create', household('阳光花园', '1号楼', '1202', '1单元'))).id
  const people: [string, Partial<MethodArgs<'residents.create'>>][] = [
    ['张三', { idNumber: makeId('19800101', '123'), phones: ['13812345678'], householdId: h1, relation: 'head' }],
    ['曾小明', { idNumber: makeId('19400505', '111'), phones: ['0371-65559876'], householdId: h1, relation: 'parent', tags: ['over80', 'alone_elderly'] }],
    ['单田芳', { idNumber: makeId('19600707', '222'), phones: [], householdId: h2, relation: 'head', personType: 'tenant', tags: ['chronic'] }],
    ['张珊珊', { idNumber: makeId('20180808', '224'), phones: [], householdId: h2, relation: 'child', personType: 'tenant', tags: ['left_behind'] }],
    [
      '周树人',
      {
        idNumber: makeId('19900909', '333', '31010X'.replace('X', '1')),
        phones: ['13912340000'],
        householdId: h2,
        relation: 'relative',
        personType: 'floating'
      }
    ]
  ]
  for (const [name, extra] of people) ids[name] = (await b.ok('residents.create', resident({ name, ...extra }))).id
}, 60_000)
afterAll(async () => {
  await b?.dispose()
})

async function names(args: MethodArgs<'residents.list'>): Promise<string[]> {
  return (await b.ok('residents.list', args)).rows.map((r) => r.name).sort()
}

describe('residents.list search box', () => {
  it.each([
    ['name prefix', '张', ['张三', '张珊珊']],
    ['full name', '曾小明', ['曾小明']],
    ['initials', 'zs', ['张三', '张珊珊', '周树人']],
    ['initials with the 曾 surname reading', 'zxm', ['曾小明']],
    ['full pinyin with the 曾 surname reading', 'zengxiaoming', ['曾小明']],
    ['full pinyin with the 单 surname reading', 'shantianfang', ['单田芳']],
    ['initials with the 单 surname reading', 'stf', ['单田芳']],
    ['pinyin prefix, upper case and spaces', 'ZHANG SAN', ['张三']],
    ['last 4 of the ID', makeId('19600707', '222').slice(-4), ['单田芳']],
    ['last 6 of the ID', makeId('19800101', '123').slice(-6), ['张三']],
    ['last 4 of a mobile', '5678', ['张三']],
    ['last 4 of a landline', '9876', ['曾小明']],
    ['full mobile number', '139 1234 0000', ['周树人']],
    ['address part', '3栋2单元', ['张三', '曾小明']],
    ['compound name', '阳光花园', ['单田芳', '周树人', '张珊珊']],
    ['room number', '1202', ['单田芳', '张珊珊', '周树人']],
    ['short room number', '301', ['张三', '曾小明']],
    ['nothing', '没有这个人', []]
  ])('finds by %s (%s)', async (_kind, q, expected) => {
    expect(await names({ q })).toEqual([...expected].sort())
  })

  it('finds an ID ending in X by its last digits', async () => {
    const withX = ['19700101', '19700102', '19700103', '19700104', '19700105', '19700106', '19700107', '19700108', '19700109', '19700110', '19700111']
      .map((d) => makeId(d, '555'))
      .find((id) => id.endsWith('X'))
    expect(withX).toBeDefined()
    const r = await b.ok('residents.create', resident({ name: '艾克斯', idNumber: withX!, phones: [], householdId: null }))
    try {
      expect(await names({ q: withX!.slice(-4).toLowerCase() })).toEqual(['艾克斯'])
      expect(await names({ q: withX!.slice(-6).toLowerCase() })).toEqual(['艾克斯'])
      expect(await names({ q: withX! })).toEqual(['艾克斯'])
    } finally {
      await b.ok('residents.delete', { id: r.id, reason: '测试' })
    }
  })
})

describe('residents.list filters and paging', () => {
  it.each([
    ['grid', { gridId: 1 }, ['张三', '曾小明']],
    ['compound', { compound: '阳光花园' }, ['单田芳', '张珊珊', '周树人']],
    ['building', { compound: '幸福里小区', building: '3栋' }, ['张三', '曾小明']],
    ['person type', { personType: 'tenant' as const }, ['单田芳', '张珊珊']],
    ['key group', { keyGroup: 'chronic' as const }, ['单田芳']],
    ['any key group', { keyGroup: 'any' as const }, ['曾小明', '单田芳', '张珊珊']],
    ['age 80 and over', { ageMin: 80 }, ['曾小明']],
    ['children', { ageMax: 14 }, ['张珊珊']],
    ['age 30 to 66', { ageMin: 30, ageMax: 66 }, ['张三', '单田芳', '周树人']],
    ['search within a filter', { q: 'zs', personType: 'tenant' as const }, ['张珊珊']]
  ])('filters by %s', async (_label, args, expected) => {
    expect(await names(args)).toEqual([...expected].sort())
  })

  it('counts the age by birth year, as masked lists show it, so a filter never tells the birthday', async () => {
    // The clock is 2026-02-03. Born 1946-01-01, 1946-02-03 (80 today in completed years) and 1946-12-31 (79):
    // all three are 80 by year and the filter cannot tell them apart; 1945-12-31 and 1947-01-01 fall outside.
    const born = ['19460101', '19460203', '19461231', '19451231', '19470101']
    const made = []
    for (const [i, d] of born.entries())
      made.push(await b.ok('residents.create', resident({ name: `寿星${i}`, idNumber: makeId(d, '777'), householdId: null })))
    try {
      expect((await names({ ageMin: 80, ageMax: 80 })).filter((n) => n.startsWith('寿星'))).toEqual(['寿星0', '寿星1', '寿星2'])
      expect((await names({ ageMin: 81 })).filter((n) => n.startsWith('寿星'))).toEqual(['寿星3'])
      expect((await names({ ageMax: 79 })).filter((n) => n.startsWith('寿星'))).toEqual(['寿星4'])
      const rows = (await b.ok('residents.list', { q: '寿星' })).rows
      expect(rows.map((r) => [r.birthYear, r.age])).toEqual([
        [1946, 80],
        [1946, 80],
        [1946, 80],
        [1945, 81],
        [1947, 79]
      ])
    } finally {
      for (const r of made) await b.ok('residents.delete', { id: r.id, reason: '测试' })
    }
  })

  it('pages on the backend in address order', async () => {
    const first = await b.ok('residents.list', { page: 1, pageSize: 2 })
    const second = await b.ok('residents.list', { page: 2, pageSize: 2 })
    const third = await b.ok('residents.list', { page: 3, pageSize: 2 })
    expect(first.total).toBe(5)
    expect([first, second, third].map((p) => p.rows.length)).toEqual([2, 2, 1])
    const all = [...first.rows, ...second.rows, ...third.rows].map((r) => r.address)
    expect(all.slice(0, 2)).toEqual(['幸福里小区 3栋 2单元 301', '幸福里小区 3栋 2单元 301'])
    expect(new Set([...first.rows, ...second.rows, ...third.rows].map((r) => r.id)).size).toBe(5)
    expect(await b.call('residents.list', { page: 0 })).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } })
    expect(await b.call('residents.list', { pageSize: 1000 })).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } })
  })

  it('hands exports every resident in list order, a keyset page at a time, with filters and searches', async () => {
    const ordered = async (args: Omit<MethodArgs<'residents.list'>, 'page' | 'pageSize'>) =>
      (await b.ok('residents.list', { ...args, pageSize: 200 })).rows.map((r) => r.id)
    const paged = (args: Omit<MethodArgs<'residents.list'>, 'page' | 'pageSize'>, size: number) =>
      [...residentPages(b.store, residentFilter(b.store, args, LOCAL_SESSION, new Date('2026-02-03T08:00:00Z')), size)].map((page) => page.map((r) => r.id))
    for (const args of [{}, { q: '张' }, { gridId: gridA }, { q: 'zs' }, { compound: '阳光花园' }]) {
      const expected = await ordered(args)
      for (const size of [1, 2, 3, 500]) {
        const pages = paged(args, size)
        expect(pages.flat()).toEqual(expected)
        expect(pages.every((page) => page.length > 0 && page.length <= size)).toBe(true)
      }
    }
    // Without a search the pages are read along the list-order index, never sorted or scanned.
    const db = new (await initSqlJs()).Database()
    db.exec(register)
    const plan = JSON.stringify(
      db.exec(
        "EXPLAIN QUERY PLAN SELECT r.id FROM residents r WHERE r.deleted_at IS NULL AND (r.sort_key, r.id) > ('', 0) ORDER BY r.sort_key, r.id LIMIT 10"
      )[0]?.values
    )
    expect(plan).toContain('residents_live_sort')
    expect(plan).not.toContain('TEMP B-TREE')
  })

  it('shows IDs and phones masked in lists', async () => {
    const rows = (await b.ok('residents.list', { q: '张三' })).rows
    expect(rows[0]).toMatchObject({ idMasked: `110101********${makeId().slice(-4)}`, phoneMasked: '138****5678' })
    expect(JSON.stringify(rows)).not.toContain(makeId())
    expect(JSON.stringify(rows)).not.toContain('13812345678')
  })

  it('uses indexes for every search kind, not a scan of residents', async () => {
    const db = new (await initSqlJs()).Database()
    db.exec(register)
    const plans = [
      "SELECT id FROM residents WHERE name_initials >= 'zs' AND name_initials < 'zt'",
      "SELECT id FROM residents WHERE name_pinyin >= 'zh' AND name_pinyin < 'zi'",
      "SELECT id FROM residents WHERE id_rev >= '4321' AND id_rev < '4322'",
      "SELECT resident_id FROM resident_phones WHERE digits_rev >= '8765' AND digits_rev < '8766'",
      "SELECT id FROM residents WHERE name >= '张' AND name < '张z'"
    ].map((sql) => JSON.stringify(db.exec(`EXPLAIN QUERY PLAN ${sql}`)[0]?.values))
    for (const plan of plans) expect(plan).toMatch(/USING (COVERING )?INDEX/)
  })
})
