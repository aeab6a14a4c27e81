import { afterEach, describe, expect, it } from 'vitest'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { workerOf } from '../register/fixtures'
import { community, fail, outsider, shop, trip, unitCounts, worker } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

describe('从业人员: workers of a unit', () => {
  it('registers a person of the register and someone from elsewhere whose trip and observation are the returnees and monitoring domains’ own rows', async () => {
    b = await testBackend()
    const c = await community(b)
    const u = await b.ok('units.create', shop())
    await b.ok('units.addWorker', worker(u.id, { residentId: c.zhang.id, role: '店长' }))
    const after = await b.ok('units.addWorker', worker(u.id, { outsider: outsider(), trip: trip('2026-02-01'), episode: { kind: 'home_observation' } }))
    expect(after.workers).toBe(2)
    const [zhang, li] = after.workerList
    expect(zhang).toMatchObject({ name: '张三', role: '店长', fromElsewhere: false, trip: null, episode: null, health: 'unreported' })
    expect(zhang?.address).toContain('3栋')
    expect(li).toMatchObject({
      name: '李外地',
      fromElsewhere: true,
      address: '武汉市江岸区某路 8 号',
      phone: '137****1111',
      idNumber: expect.stringMatching(/^420102\*+\d{4}$/),
      trip: { origin: '湖北省武汉市', returnDate: '2026-02-01' },
      episode: { kind: '居家观察', status: '观察中', startDate: '2026-02-01', observing: true }
    })
    // One trip, one episode, one person record: the returnees list and the person's file show the same rows.
    const person = b.store.get<{ id: number; gridId: number; householdId: number | null; personType: string }>(
      "SELECT id, grid_id AS gridId, household_id AS householdId, person_type AS personType FROM residents WHERE name = '李外地'"
    )
    expect(person).toMatchObject({ gridId: c.a.grid.id, householdId: null, personType: 'floating' })
    expect(b.count('returnee_trips')).toBe(1)
    const returnees = await b.ok('returnees.list', {})
    expect(returnees.rows.map((r) => [r.id, r.returnDate])).toEqual([[li?.trip?.id, '2026-02-01']])
    const file = await b.ok('returnees.get', { residentId: person?.id ?? 0 })
    expect(file.episodes.map((e) => e.id)).toEqual([li?.episode?.id])
    // The grid worker of the unit's grid follows the outsider's observation.
    expect(await b.call('returnees.get', { residentId: person?.id ?? 0 }, workerOf(c.a.grid.id))).toMatchObject({ ok: true })
  })

  it('refuses a worker twice in one unit, in Chinese, and writes nothing; the same person may work in another unit', async () => {
    b = await testBackend()
    const c = await community(b)
    const u = await b.ok('units.create', shop())
    const v = await b.ok('units.create', shop({ name: '另一家' }))
    await b.ok('units.addWorker', worker(u.id, { residentId: c.zhang.id }))
    const before = unitCounts(b)
    const error = fail(await b.call('units.addWorker', worker(u.id, { residentId: c.zhang.id })))
    expect(error).toMatchObject({ code: 'CONFLICT', message: '张三 已经是好邻居便利店的从业人员了，不能重复登记。' })
    expect(unitCounts(b)).toEqual(before)
    expect(await b.call('units.addWorker', worker(v.id, { residentId: c.zhang.id }))).toMatchObject({ ok: true })
  })

  it('refuses a second registration of an outsider’s ID, and a trip the returnees domain already holds, writing nothing', async () => {
    b = await testBackend()
    await community(b)
    const u = await b.ok('units.create', shop())
    await b.ok('units.addWorker', worker(u.id, { outsider: outsider(), trip: trip('2026-02-01') }))
    const before = unitCounts(b)
    const again = fail(await b.call('units.addWorker', worker(u.id, { outsider: outsider() })))
    expect(again).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('已登记为“李外地”') })
    expect(unitCounts(b)).toEqual(before)
    // The returnees domain's own rule: one trip a person and return day, whoever registers it.
    const residentId = b.store.get<{ id: number }>("SELECT id FROM residents WHERE name = '李外地'")?.id ?? 0
    const v = await b.ok('units.create', shop({ name: '另一家' }))
    const beforeTrip = unitCounts(b)
    const twice = fail(await b.call('units.addWorker', worker(v.id, { residentId, trip: trip('2026-02-01') })))
    expect(twice).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('2026-02-01 的返程已经登记过了') })
    expect(unitCounts(b)).toEqual(beforeTrip)
  })

  it.each([
    [{ residentId: null, outsider: null }, '请从居民名单中选择，或填写外地人员的信息'],
    [{ outsider: { ...outsider(), idNumber: '420102199005054560' } }, '校验'],
    [{ outsider: { ...outsider(), phone: '12345' } }, '手机号'],
    [{ outsider: { ...outsider(), homeAddress: '' } }, '请填写家庭住址'],
    [{ outsider: outsider(), episode: { kind: 'home_observation' } }, '开始观察前请先填写返程信息']
  ])('refuses %j in Chinese', async (extra, message) => {
    b = await testBackend()
    await community(b)
    const u = await b.ok('units.create', shop())
    const before = unitCounts(b)
    const error = fail(await b.call('units.addWorker', { ...worker(u.id), ...extra }))
    expect(error?.code).toBe('BAD_ARGS')
    expect(error?.message).toContain(message)
    expect(unitCounts(b)).toEqual(before)
  })

  it('takes the day’s temperatures twice a day; health follows the one fever rule; a worker who left drops from the grid', async () => {
    b = await testBackend()
    const c = await community(b)
    const u = await b.ok('units.create', shop())
    const d = await b.ok('units.addWorker', worker(u.id, { residentId: c.zhang.id }))
    const d2 = await b.ok('units.addWorker', worker(u.id, { outsider: outsider() }))
    const [zhang, li] = d2.workerList.map((w) => w.id)
    const rows = await b.ok('units.saveChecks', {
      unitId: u.id,
      day: '2026-02-03',
      reportedBy: '',
      rows: [
        { workerId: zhang ?? 0, am: 36.5, pm: 37.3 },
        { workerId: li ?? 0, am: 36.4, pm: null }
      ]
    })
    expect(rows.map((r) => [r.name, r.am, r.pm, r.health, r.reportedBy])).toEqual([
      ['张三', 36.5, 37.3, 'abnormal', '陈老板'],
      ['李外地', 36.4, null, 'normal', '陈老板']
    ])
    expect((await b.ok('units.list', {})).rows[0]).toMatchObject({ abnormalToday: 1, workers: 2 })
    expect(b.store.get<{ s: string }>("SELECT summary AS s FROM audit_log WHERE method = 'units.saveChecks'")?.s).toBe(
      '登记从业人员体温：好邻居便利店 2026-02-03 2 人，异常 张三'
    )
    // The afternoon report replaces the day's row: one row a worker and day.
    await b.ok('units.saveChecks', { unitId: u.id, day: '2026-02-03', reportedBy: '店长', rows: [{ workerId: zhang ?? 0, am: 36.5, pm: 36.8 }] })
    expect((await b.ok('units.checks', { unitId: u.id, day: '2026-02-03' }))[0]).toMatchObject({ health: 'normal', reportedBy: '店长' })
    expect(b.count('unit_checks')).toBe(2)
    void d
    const after = await b.ok('units.removeWorker', { workerId: li ?? 0, reason: '离职' })
    expect(after.workerList.map((w) => w.name)).toEqual(['张三'])
    expect((await b.ok('units.checks', { unitId: u.id, day: '2026-02-03' })).map((r) => r.name)).toEqual(['张三'])
  })

  it.each([
    [{ day: '2026-02-04' }, 'BAD_ARGS', '还没有到这一天'],
    [{ rows: [{ workerId: 999, am: 36.5, pm: null }] }, 'NOT_FOUND', '不是好邻居便利店在册的从业人员'],
    [{ rows: [{ workerId: 1, am: 44, pm: null }] }, 'BAD_ARGS', '不合理'],
    [{ rows: [] }, 'BAD_ARGS', '没有要保存的体温']
  ])('refuses a check-in %j and saves no row of it', async (extra, code, message) => {
    b = await testBackend()
    await community(b)
    const u = await b.ok('units.create', shop())
    const before = unitCounts(b)
    const error = fail(
      await b.call('units.saveChecks', { unitId: u.id, day: '2026-02-03', reportedBy: '', rows: [{ workerId: 999, am: 36.5, pm: null }], ...extra })
    )
    expect(error?.code).toBe(code)
    expect(error?.message).toContain(message)
    expect(unitCounts(b)).toEqual(before)
  })

  it('finds workers across units by the start of a name, pinyin initials or the last digits of a phone, within the caller’s grids', async () => {
    b = await testBackend()
    const c = await community(b)
    const u = await b.ok('units.create', shop())
    const v = await b.ok('units.create', shop({ name: '乙店', building: '5栋' }))
    await b.ok('units.addWorker', worker(u.id, { residentId: c.zhang.id }))
    await b.ok('units.addWorker', worker(v.id, { residentId: c.wang.id }))
    await b.ok('units.addWorker', worker(u.id, { outsider: outsider() }))
    const names = async (q: string, session?: ReturnType<typeof workerOf>) => {
      const answer = await b.call('units.workers', { q }, session)
      if (!answer.ok) throw new Error(answer.error.message)
      return (answer.data as { rows: { name: string }[] }).rows.map((r) => r.name)
    }
    expect(await names('张')).toEqual(['张三'])
    expect(await names('lwd')).toEqual(['李外地'])
    expect(await names('1111')).toEqual(['李外地'])
    expect(await names('')).toHaveLength(3)
    expect(await names('', workerOf(c.other.grid.id))).toEqual(['王五'])
  })

  it('stops counting a broad search at 500 (capped) and lists initials exactly typed first, then by name', async () => {
    b = await testBackend()
    const c = await community(b)
    const u = await b.ok('units.create', shop())
    const at = '2026-02-03T08:00:00.000Z'
    // 520 people whose initials start with "zy", written straight in (the volume, not the rule, is under test).
    b.store.transaction((tx) => {
      for (let i = 1; i <= 520; i++) {
        const id = 10_000 + i
        const [name, initials] = i <= 2 ? [`张${i === 1 ? '乙' : '甲'}`, 'zy'] : [`张员工${String(i).padStart(3, '0')}`, 'zyg']
        tx.run(
          `INSERT INTO residents (id, grid_id, name, name_initials, name_pinyin, id_type, phones, person_type, created_at, updated_at)
           VALUES (?, ?, ?, ?, '', 'mainland', '[]', 'floating', ?, ?)`,
          [id, c.a.grid.id, name, initials, at, at]
        )
        tx.run(
          "INSERT INTO unit_workers (unit_id, resident_id, role, from_elsewhere, joined_day, created_at, created_by) VALUES (?, ?, '店员', 1, '2026-02-03', ?, 't')",
          [u.id, id, at]
        )
      }
    })
    const broad = await b.ok('units.workers', { q: 'zy', pageSize: 50 })
    expect(broad).toMatchObject({ total: 500, capped: true })
    expect(broad.rows.slice(0, 4).map((r) => r.name)).toEqual(['张乙', '张甲', '张员工003', '张员工004'])
    const last = await b.ok('units.workers', { q: 'zy', page: 10, pageSize: 50 })
    expect(last.rows).toHaveLength(50)
    expect(await b.ok('units.workers', { q: 'zy', page: 11, pageSize: 50 })).toMatchObject({ rows: [], total: 500, capped: true })
    const byName = await b.ok('units.workers', { q: '张员工', pageSize: 20 })
    expect(byName).toMatchObject({ total: 500, capped: true })
    expect(byName.rows[0]?.name).toBe('张员工003')
    const narrow = await b.ok('units.workers', { q: '张员工51' })
    expect(narrow).toMatchObject({ total: 10, capped: false })
    expect(narrow.rows.map((r) => r.name)).toEqual(Array.from({ length: 10 }, (_, i) => `张员工51${i}`))
    // Out of a grid worker's grids the count is theirs: none.
    const outside = await b.call('units.workers', { q: 'zy' }, workerOf(c.other.grid.id))
    expect(outside.ok && outside.data).toMatchObject({ rows: [], total: 0, capped: false })
  })
})
