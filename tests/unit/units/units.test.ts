import { afterEach, describe, expect, it } from 'vitest'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { workerOf } from '../register/fixtures'
import { community, fail, shop, unitCounts } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

describe('单位: registering a unit', () => {
  it('puts a shop in a building of the register however the building is spelled, takes its grid, masks the phone, writes its history and audit', async () => {
    b = await testBackend()
    const c = await community(b)
    const saved = await b.ok('units.create', shop({ building: '三号楼', creditCode: '91350100m000100y43', pledgeSignedOn: '2026-02-01' }))
    expect(saved).toMatchObject({
      name: '好邻居便利店',
      kind: 'street_shop',
      address: '幸福里小区 3栋 底商 2 号',
      gridId: c.a.grid.id,
      gridName: '甲网格',
      managerPhone: '139****5678',
      creditCode: '91350100M000100Y43',
      status: 'open',
      workers: 0,
      history: [{ from: null, to: 'open', actor: '本机', note: '登记' }]
    })
    expect(b.store.get<{ p: string }>('SELECT manager_phone AS p FROM units')?.p).toBe('13912345678')
    const audit = b.store.all<{ summary: string; record: string }>("SELECT summary, record FROM audit_log WHERE method = 'units.create'")
    expect(audit).toEqual([{ summary: `登记单位 #${saved.id}：好邻居便利店（沿街商铺）`, record: `unit:${saved.id}` }])
    expect(await b.ok('units.reveal', { id: saved.id })).toEqual({ id: saved.id, managerPhone: '13912345678' })
    expect(b.store.get<{ s: string }>("SELECT summary AS s FROM audit_log WHERE method = 'units.reveal'")?.s).toBe(
      '查看单位 好邻居便利店 负责人 陈老板 的完整电话'
    )
  })

  it('takes a unit at a door number in the grid chosen, and follows a building given to another grid', async () => {
    b = await testBackend()
    const c = await community(b)
    const street = await b.ok(
      'units.create',
      shop({ name: '建设路菜场', kind: 'market', compound: '', building: '', door: '建设路 12 号', gridId: c.other.grid.id })
    )
    expect(street).toMatchObject({ address: '建设路 12 号', gridId: c.other.grid.id })
    const inBuilding = await b.ok('units.create', shop())
    await b.ok('grids.assignBuildings', { gridId: c.other.grid.id, buildings: [{ compound: '幸福里小区', building: '3栋' }] })
    expect(await b.ok('units.get', { id: inBuilding.id })).toMatchObject({ gridId: c.other.grid.id })
  })

  it.each([
    [{ creditCode: '91350100M000100Y44' }, 'BAD_ARGS', '校验码不对'],
    [{ creditCode: '9135010' }, 'BAD_ARGS', '应为 18 位'],
    [{ managerPhone: '1391234' }, 'BAD_ARGS', '手机号'],
    [{ name: '  ' }, 'BAD_ARGS', '请填写单位名称'],
    [{ kind: 'bank' }, 'BAD_ARGS', '请选择单位类别'],
    [{ compound: '', building: '', door: '' }, 'BAD_ARGS', '请填写门牌号'],
    [{ building: '' }, 'BAD_ARGS', '请填写楼栋'],
    [{ pledgeSignedOn: '2026-02-30' }, 'BAD_ARGS', '承诺书签订日期不是真实的日期']
  ])('refuses %j with a Chinese message and writes nothing', async (extra, code, message) => {
    b = await testBackend()
    await community(b)
    const before = unitCounts(b)
    const error = fail(await b.call('units.create', { ...shop(), ...extra }))
    expect(error).toMatchObject({ code })
    expect(error?.message).toContain(message)
    expect(unitCounts(b)).toEqual(before)
  })

  it('refuses a credit code already registered to another unit', async () => {
    b = await testBackend()
    await community(b)
    await b.ok('units.create', shop({ creditCode: '91350100M000100Y43' }))
    const error = fail(await b.call('units.create', shop({ name: '另一家', creditCode: '91350100M000100Y43' })))
    expect(error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('已登记为“好邻居便利店”') })
  })

  it('edits a unit, changes its status by hand with history, and keeps 已复工 for the approval', async () => {
    b = await testBackend()
    await community(b)
    const u = await b.ok('units.create', shop())
    const edited = await b.ok('units.update', { id: u.id, ...shop({ name: '好邻居超市', kind: 'market' }) })
    expect(edited).toMatchObject({ name: '好邻居超市', kind: 'market' })
    const paused = await b.ok('units.setStatus', { id: u.id, status: 'suspended', note: '疫情防控暂停营业' })
    expect(paused.status).toBe('suspended')
    expect(paused.history.map((h) => [h.from, h.to, h.note])).toEqual([
      [null, 'open', '登记'],
      ['open', 'suspended', '疫情防控暂停营业']
    ])
    expect(fail(await b.call('units.setStatus', { id: u.id, status: 'suspended', note: '' }))).toMatchObject({ code: 'RULE_VIOLATION' })
    expect(fail(await b.call('units.setStatus', { id: u.id, status: 'reopened', note: '' }))?.message).toContain('请通过复工申请办理')
  })

  it('lists by kind, status, grid and search text; deleted units leave the list and answer as missing', async () => {
    b = await testBackend()
    const c = await community(b)
    const a = await b.ok('units.create', shop())
    const m = await b.ok(
      'units.create',
      shop({ name: '建设路菜场', kind: 'market', compound: '', building: '', door: '建设路 12 号', gridId: c.other.grid.id })
    )
    await b.ok('units.setStatus', { id: m.id, status: 'suspended', note: '' })
    const ids = async (args: object) => (await b.ok('units.list', args)).rows.map((r) => r.id)
    expect(await ids({})).toEqual([m.id, a.id])
    expect(await ids({ kind: 'market' })).toEqual([m.id])
    expect(await ids({ status: 'open' })).toEqual([a.id])
    expect(await ids({ gridId: c.a.grid.id })).toEqual([a.id])
    expect(await ids({ q: '菜场' })).toEqual([m.id])
    expect(await ids({ q: '三号楼' })).toEqual([a.id])
    expect(await ids({ q: '陈老板' })).toEqual([m.id, a.id])
    await b.ok('units.delete', { id: a.id, reason: '登记重复' })
    expect(await ids({})).toEqual([m.id])
    expect(fail(await b.call('units.get', { id: a.id }))).toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('单位: grid scope', () => {
  it('a grid worker sees only their grids’ units; another grid’s unit answers exactly as a missing one', async () => {
    b = await testBackend()
    const c = await community(b)
    const mine = await b.ok('units.create', shop())
    const theirs = await b.ok('units.create', shop({ name: '乙店', building: '5栋' }))
    const nowhere = await b.ok('units.create', shop({ name: '无网格店', compound: '', building: '', door: '外街 1 号' }))
    const worker = workerOf(c.a.grid.id)
    expect(await b.call('units.list', {}, worker)).toMatchObject({ ok: true, data: { total: 1, rows: [{ id: mine.id }] } })
    const unseen = (envelope: unknown, id: number) => JSON.stringify(envelope).replaceAll(String(id), '#')
    const missing = 987654
    for (const id of [theirs.id, nowhere.id]) {
      for (const [method, args] of [
        ['units.get', { id }],
        ['units.reveal', { id }],
        ['units.setStatus', { id, status: 'closed', note: '' }],
        ['units.addWorker', { unitId: id, residentId: c.zhang.id, outsider: null, role: '', trip: null, episode: null }],
        ['units.checks', { unitId: id, day: '2026-02-03' }],
        ['units.inspect', { unitId: id, day: '2026-02-03', inspector: '李', findings: [], note: '', rectifyBy: null }]
      ] as const) {
        const answer = await b.call(method, args as never, worker)
        expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
        const asMissing = await b.call(method, { ...args, ...('id' in args ? { id: missing } : { unitId: missing }) } as never, worker)
        expect(unseen(answer, id)).toBe(unseen(asMissing, missing))
      }
    }
    const before = unitCounts(b)
    expect(fail(await b.call('units.create', shop({ building: '5栋' }), worker))).toMatchObject({ code: 'FORBIDDEN' })
    expect(unitCounts(b)).toEqual(before)
    // A grid worker's unit at a door number goes to their own grid.
    expect(await b.call('units.create', shop({ compound: '', building: '', door: '新街 3 号' }), worker)).toMatchObject({
      ok: true,
      data: { gridId: c.a.grid.id }
    })
  })
})
