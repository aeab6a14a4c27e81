import { afterEach, describe, expect, it } from 'vitest'
import type { ImportPreview, MethodArgs } from '../../../shared/contract'
import { excelBackend, workbook } from '../excel/support'
import type { TestBackend } from '../support/backend'
import { grid, household, makeId, resident, workerOf } from './fixtures'

/*
 * One building however it is spelled, across the register form, the importer, the searches,
 * the gate and the grid totals (shared/domain/address.ts; migration address_keys).
 */

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

const HEAD = makeId('19700101', '011')
const PEOPLE = [makeId('19800202', '023'), makeId('19810303', '035'), makeId('19820404', '042'), makeId('19830505', '057'), makeId('19840606', '064')]

/** 一网格 holds 幸福里小区 5号楼, with 张三 as 户主 of 2单元 501室. */
async function registered() {
  const g = await b.ok('grids.create', grid('一网格'))
  await b.ok('grids.assignBuildings', { gridId: g.id, buildings: [{ compound: '幸福里小区', building: '5号楼' }] })
  const h = await b.ok('households.create', household('幸福里小区', '5号楼', '501室', '2单元'))
  await b.ok('residents.create', resident({ name: '张三', idNumber: HEAD, householdId: h.id, relation: 'head' }))
  return { grid: g, household: h }
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

async function importResidents(rows: unknown[][]) {
  const bytes = await workbook({ name: '居民', rows: [['姓名', '公民身份号码', '性别', '现住址', '与户主关系'], ...rows] })
  const p = await b.ok('excel.preview', { target: 'residents', fileName: '街道下发.xlsx', bytes })
  return b.ok('excel.commit', checkArgs(p))
}

const buildingsOf = () => b.store.all<{ name: string }>('SELECT name FROM buildings ORDER BY id').map((r) => r.name)

describe('one building however it is spelled', () => {
  it('the register form puts 五号楼 / 第5栋 / "５ 栋" in the grid of 5号楼 and shows the name first written', async () => {
    b = await excelBackend()
    const { grid: g } = await registered()
    for (const building of ['五号楼', '第5栋', '５ 栋', '5幢', '5座']) {
      const h = await b.ok('households.create', household('幸福里 小区', building, `${600 + buildingsOf().length}`, '二单元'))
      expect(h).toMatchObject({ gridId: g.id, gridName: '一网格' })
      expect(h.address).toMatch(/^幸福里小区 5号楼 二单元 \d+$/)
    }
    expect(buildingsOf()).toEqual(['5号楼'])
    expect(b.count('compounds')).toBe(1)
  })

  it('the importer joins existing buildings and rooms, takes 户主 from the file, and the grid worker sees everyone', async () => {
    b = await excelBackend()
    const { grid: g, household: h } = await registered()
    const summary = await importResidents([
      ['李一', PEOPLE[0], '女', '幸福里小区5栋2单元501', '妻'],
      ['李二', PEOPLE[1], '男', '幸福里小区五号楼二单元502室', '本人'],
      ['李三', PEOPLE[2], '男', '幸福里小区第5栋2门502', '子'],
      ['李四', PEOPLE[3], '男', '幸福里小区５幢２单元５０３房', '户主'],
      ['李五', PEOPLE[4], '女', '幸福里小区 5 座 2 单元 503', '配偶']
    ])
    expect(summary).toMatchObject({ created: 5, errors: 0 })
    expect(buildingsOf()).toEqual(['5号楼'])
    // 501 joins 张三's 501室; 502 and 503 are one household each, with the 户主 the file named.
    expect(b.count('households')).toBe(3)
    const list = await b.ok('households.list', { pageSize: 10 })
    expect(list.rows.map((r) => [r.address, r.householderName, r.memberCount, r.gridId])).toEqual([
      ['幸福里小区 5号楼 2单元 501室', '张三', 2, g.id],
      ['幸福里小区 5号楼 二单元 502', '李二', 2, g.id],
      ['幸福里小区 5号楼 2单元 503', '李四', 2, g.id]
    ])
    expect(list.rows[0]?.id).toBe(h.id)

    // The grid worker of 一网格 sees all six people; the grid's totals count them.
    const seen = await b.call('residents.list', { pageSize: 50 }, workerOf(g.id))
    expect(seen).toMatchObject({ ok: true, data: { total: 6 } })
    expect(await b.ok('grids.get', { id: g.id })).toMatchObject({ buildingCount: 1, householdCount: 3, residentCount: 6 })
    expect(await b.ok('grids.unassigned', {})).toMatchObject({ total: 0, households: [] })

    // Searches follow the key: any spelling finds the building and the room.
    const names = async (q: string) => (await b.ok('residents.list', { q, pageSize: 50 })).rows.map((r) => r.name).sort()
    expect(await names('五号楼')).toHaveLength(6)
    expect(await names('5栋2门501室')).toEqual(['张三', '李一'])
    expect(await b.ok('households.list', { q: '第5幢', pageSize: 10 })).toMatchObject({ total: 3 })
    expect(await b.ok('residents.list', { compound: '幸福里', building: '五号楼', pageSize: 50 })).toMatchObject({ total: 6 })

    // The gate finds the imported person under the register's building name.
    expect(await b.ok('gate.search', { q: '李四' })).toEqual([expect.objectContaining({ name: '李四', building: '幸福里小区 5号楼' })])
  })

  it('a returnee file registers a newcomer into the existing building and flags a 性别 that contradicts the ID', async () => {
    b = await excelBackend()
    const { grid: g } = await registered()
    const header = ['姓名', '身份证号', '性别', '现住址', '与户主关系', '来源地', '抵达日期', '交通方式']
    const bytes = await workbook({
      name: '返程',
      rows: [
        header,
        ['张三', HEAD, '女', '', '', '湖北省武汉市', '2026-01-28', '火车'],
        ['王六', PEOPLE[0], '男', '幸福里小区五号楼2单元505', '本人', '湖北武汉', '2026-01-29', '自驾']
      ]
    })
    const p = await b.ok('excel.preview', { target: 'returnees', fileName: '返程.xlsx', bytes })
    expect(p.columns.map((c) => c.field)).toEqual(['name', 'idNumber', 'sex', 'address', 'relation', 'origin', 'returnDate', 'transport'])
    const check = await b.ok('excel.check', checkArgs(p))
    const sexWarnings = check.rows.flatMap((r) => r.warnings.filter((w) => w.field === 'sex').map((w) => [r.row, w.message]))
    // 张三's ID says 男; 王六's ID (sequence 023, odd) says 男 too, but the file says 男 for him: no warning.
    expect(sexWarnings).toEqual([[2, '性别与身份证号不符（身份证号显示为男），以身份证号为准']])
    expect(await b.ok('excel.commit', checkArgs(p))).toMatchObject({ created: 2, errors: 0 })
    expect(buildingsOf()).toEqual(['5号楼'])
    const newcomer = (await b.ok('households.list', { q: '王六', pageSize: 5 })).rows
    expect(newcomer).toEqual([expect.objectContaining({ address: '幸福里小区 5号楼 2单元 505', householderName: '王六', gridId: g.id })])
  })
})

describe('合并楼栋 and the grids warning', () => {
  /** What the register looked like before the keys: 5号楼 in 一网格, 5栋 (same building) outside every grid. */
  async function split() {
    const reg = await registered()
    const stray = b.store.transaction((tx) => {
      const compound = tx.get<{ id: number }>('SELECT id FROM compounds')?.id ?? 0
      const building = tx.run("INSERT INTO buildings (compound_id, name, sort_key, grid_id, key) VALUES (?, '5栋', '5栋', NULL, '5')", [
        compound
      ]).lastInsertRowid
      return building
    })
    const five = b.store.get<{ id: number }>("SELECT id FROM buildings WHERE name = '5号楼'")?.id ?? 0
    // Households placed in the stray row as an old import did: 501 (the same room as 张三's) and 601.
    for (const [room, person] of [
      ['501', PEOPLE[0]],
      ['601', PEOPLE[1]]
    ] as const) {
      const id = b.store.transaction(
        (tx) =>
          tx.run(
            `INSERT INTO households (building_id, grid_id, unit, room, room_key, address, search_text, address_key, tenure, created_at, updated_at)
           VALUES (?, NULL, '2单元', ?, ?, ?, ?, ?, 'owned', '2026-01-01', '2026-01-01')`,
            [stray, room, `2|${room}`, `幸福里小区 5栋 2单元 ${room}`, `幸福里小区5栋2单元${room}`, `k${room}`]
          ).lastInsertRowid
      )
      await b.ok('residents.create', resident({ name: `外${room}`, idNumber: person, phones: [], householdId: id }))
    }
    return { ...reg, stray, five }
  }

  it('lists households outside every grid, previews, merges (households moved, grid kept, audited) and the warning clears', async () => {
    b = await excelBackend()
    const { grid: g, stray, five } = await split()
    expect(await b.ok('grids.unassigned', {})).toMatchObject({
      total: 2,
      buildings: [{ id: stray, compound: '幸福里小区', building: '5栋', householdCount: 2 }],
      households: [{ address: '幸福里小区 5栋 2单元 501' }, { address: '幸福里小区 5栋 2单元 601' }]
    })
    // The grid worker neither sees them nor the list of them.
    expect(await b.call('grids.unassigned', {}, workerOf(g.id))).toMatchObject({ ok: true, data: { total: 0 } })
    expect(await b.call('grids.mergePreview', { fromId: stray, intoId: five }, workerOf(g.id))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

    const entries = await b.ok('grids.buildings', {})
    expect(entries.map((e) => [e.building, e.sameAs])).toEqual([
      ['5号楼', [stray]],
      ['5栋', [five]]
    ])
    const before = b.count('audit_log')
    const preview = await b.ok('grids.mergePreview', { fromId: stray, intoId: five })
    expect(preview).toMatchObject({
      households: 2,
      residents: 2,
      gridName: '一网格',
      sameRooms: [{ fromAddress: '幸福里小区 5栋 2单元 501', intoAddress: '幸福里小区 5号楼 2单元 501室' }]
    })
    expect(b.count('audit_log')).toBe(before)

    await b.ok('grids.mergeBuildings', { fromId: stray, intoId: five })
    expect(buildingsOf()).toEqual(['5号楼'])
    expect(await b.ok('grids.unassigned', {})).toMatchObject({ total: 0 })
    expect(await b.ok('grids.get', { id: g.id })).toMatchObject({ householdCount: 3, residentCount: 3 })
    expect(await b.call('residents.list', { pageSize: 50 }, workerOf(g.id))).toMatchObject({ ok: true, data: { total: 3 } })
    const addresses = (await b.ok('households.list', { pageSize: 10 })).rows.map((r) => r.address)
    // Two households at room 501 stay two (one family twice, or two families?): the preview named them for the 住户 page.
    expect(addresses).toEqual(['幸福里小区 5号楼 2单元 501室', '幸福里小区 5号楼 2单元 501', '幸福里小区 5号楼 2单元 601'])
    const audit = b.store.all<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'grids.mergeBuildings'")
    expect(audit).toEqual([{ summary: '合并楼栋：幸福里小区5栋 并入 幸福里小区5号楼（2 户，2 人）' }])

    // The row is gone: merging it again is a clear refusal that changes nothing.
    const again = await b.call('grids.mergeBuildings', { fromId: stray, intoId: five })
    expect(again).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await b.call('grids.mergeBuildings', { fromId: five, intoId: five })).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } })
  })

  it('a kept building in no grid takes the grid of the one merged into it', async () => {
    b = await excelBackend()
    const { grid: g, stray, five } = await split()
    await b.ok('grids.mergeBuildings', { fromId: five, intoId: stray })
    expect(buildingsOf()).toEqual(['5栋'])
    expect(await b.ok('grids.get', { id: g.id })).toMatchObject({ buildingCount: 1, householdCount: 3, residentCount: 3 })
    expect(await b.ok('grids.unassigned', {})).toMatchObject({ total: 0 })
  })
})
