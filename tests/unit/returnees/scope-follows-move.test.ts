import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import type { Session } from '../../../electron/backend/context'
import type { Envelope } from '../../../shared/errors'
import { grid, household } from '../register/fixtures'
import { MIGRATIONS } from '../../../electron/backend/store/migrations'
import { Store } from '../../../electron/backend/store/store'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { fixedClock, tempDir } from '../support/temp'
import { check, community, monitoringCounts, staffGrid, trip } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

const workerOfGrid = (gridId: number, actor: string): Session => ({ accountId: 7, actor, permissions: 'all', gridScope: [gridId] })

/** 张三 of 东区 under observation (responsible: 网格员甲); 西区 has one worker, 网格员乙. */
async function observed() {
  b = await testBackend()
  const c = await community(b)
  const registered = await b.ok('returnees.register', trip(c.zhang.id))
  const [episode] = (await b.ok('returnees.get', { residentId: c.zhang.id })).episodes
  if (!episode) throw new Error('no episode')
  const west = await b.ok('households.list', { gridId: c.west.id })
  const target = west.rows[0]
  if (!target) throw new Error('no household in 西区')
  return {
    ...c,
    tripId: registered.id,
    episodeId: episode.id,
    westHousehold: target.id,
    oldWorker: workerOfGrid(c.east.id, '网格员甲'),
    newWorker: workerOfGrid(c.west.id, '网格员乙')
  }
}

const data = <T>(envelope: Envelope<unknown>): T => {
  if (!envelope.ok) throw new Error(`${envelope.error.code} ${envelope.error.message}`)
  return envelope.data as T
}

/** The names in an exported list (first column from row 5, after the title, header block and column names). */
async function exportedNames(list: 'returnees' | 'observations', session: Session): Promise<string[]> {
  const file = data<{ bytes: Uint8Array }>(await b.call('excel.exportList', { list, filter: {} }, session))
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer)
  const sheet = book.worksheets[0]
  const names: string[] = []
  sheet?.eachRow((row, n) => {
    if (n >= 5) names.push(String(row.getCell(1).value))
  })
  return names
}

/** Everything a grid worker's screens, prints and files show of returnees and observation. */
async function seenBy(session: Session, episodeId: number, residentId: number) {
  const due = data<{ rows: { name: string }[] }>(await b.call('monitoring.worklist', { list: 'due' }, session))
  const today = data<{ due: number; observingTotal: number }>(await b.call('monitoring.today', {}, session))
  const sheet = data<{ groups: { worker: string; rows: { name: string }[] }[] }>(await b.call('monitoring.sheet', {}, session))
  const trips = data<{ rows: { name: string }[] }>(await b.call('returnees.list', {}, session))
  return {
    due: due.rows.map((r) => r.name),
    counts: [today.due, today.observingTotal],
    sheet: sheet.groups.map((g) => [g.worker, g.rows.map((r) => r.name)]),
    trips: trips.rows.map((r) => r.name),
    episode: (await b.call('monitoring.episode', { id: episodeId }, session)).ok,
    file: (await b.call('returnees.get', { residentId }, session)).ok,
    returneeExport: await exportedNames('returnees', session),
    ledgerExport: await exportedNames('observations', session)
  }
}

describe('a person under observation moves to another grid', () => {
  it('goes with their episode, checks, trips and exports to the new grid, whose only worker takes over (audited)', async () => {
    const c = await observed()
    expect((await seenBy(c.oldWorker, c.episodeId, c.zhang.id)).due).toEqual(['张三'])
    const plan = await b.ok('residents.moveHandover', { id: c.zhang.id, householdId: c.westHousehold })
    expect(plan).toEqual({
      gridChanges: true,
      fromGridName: '东区',
      toGridName: '西区',
      observing: { kind: 'home_observation', endDate: '2026-02-17', worker: '网格员甲' },
      candidates: ['网格员乙'],
      automatic: '网格员乙'
    })
    await b.ok('residents.move', { id: c.zhang.id, householdId: c.westHousehold, relation: 'other' })

    expect(await seenBy(c.newWorker, c.episodeId, c.zhang.id)).toEqual({
      due: ['张三'],
      counts: [1, 1],
      sheet: [['网格员乙', ['张三']]],
      trips: ['张三'],
      episode: true,
      file: true,
      returneeExport: ['张三'],
      ledgerExport: ['张三']
    })
    expect(await seenBy(c.oldWorker, c.episodeId, c.zhang.id)).toEqual({
      due: [],
      counts: [0, 0],
      sheet: [],
      trips: [],
      episode: false,
      file: false,
      returneeExport: [],
      ledgerExport: []
    })
    // The old worker is answered as if the record did not exist; the new one checks the person.
    const refused = await b.call('monitoring.check', check(c.episodeId), c.oldWorker)
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(JSON.stringify(refused).replaceAll(String(c.episodeId), '#')).toBe(
      JSON.stringify(await b.call('monitoring.check', check(987654), c.oldWorker)).replaceAll('987654', '#')
    )
    data(await b.call('monitoring.check', check(c.episodeId), c.newWorker))
    expect(data<{ notChecked: number }>(await b.call('monitoring.today', {}, c.newWorker)).notChecked).toBe(0)

    const detail = await b.ok('monitoring.episode', { id: c.episodeId })
    expect([detail.gridName, detail.worker, detail.checks[0]?.checkedBy]).toEqual(['西区', '网格员乙', '网格员乙'])
    expect(detail.events.at(-1)).toMatchObject({ kind: 'worker', text: '责任网格员 网格员甲 → 网格员乙', reason: '迁入西区', actor: '本机' })
    const audit = b.store.get<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'residents.move'")
    expect(audit?.summary).toMatch(/^迁移居民 张三：.+1栋.+ → .+9栋.+；居家观察改由网格员乙负责（原网格员甲）$/)
  })

  it('asks which worker when the new grid has several, keeps the old one when the clerk says so, and refuses a stranger', async () => {
    const c = await observed()
    await staffGrid(b, c.west.id, '西区', ['网格员乙', '网格员丙'])
    const plan = await b.ok('residents.moveHandover', { id: c.zhang.id, householdId: c.westHousehold })
    expect([plan.candidates, plan.automatic]).toEqual([['网格员乙', '网格员丙'], null])

    // Not silently wrong: without a choice nothing moves.
    const before = { ...monitoringCounts(b), residents: b.count('residents') }
    const asked = await b.call('residents.move', { id: c.zhang.id, householdId: c.westHousehold, relation: 'other' })
    expect(asked).toMatchObject({
      ok: false,
      error: { code: 'RULE_VIOLATION', message: '张三 正在居家观察，西区有 2 位网格员，请选择由谁接手。', details: { candidates: ['网格员乙', '网格员丙'] } }
    })
    const stranger = await b.call('residents.move', { id: c.zhang.id, householdId: c.westHousehold, relation: 'other', worker: '路人' })
    expect(stranger).toMatchObject({ ok: false, error: { code: 'BAD_ARGS', details: { issues: [{ path: 'worker' }] } } })
    expect({ ...monitoringCounts(b), residents: b.count('residents') }).toEqual(before)
    expect((await b.ok('residents.get', { id: c.zhang.id })).gridName).toBe('东区')

    // Keeping the old worker is a choice: the person's grid still changes, the worker does not.
    await b.ok('residents.move', { id: c.zhang.id, householdId: c.westHousehold, relation: 'other', worker: '网格员甲' })
    let detail = await b.ok('monitoring.episode', { id: c.episodeId })
    expect([detail.gridName, detail.worker, detail.events.map((e) => e.kind)]).toEqual(['西区', '网格员甲', ['start']])
    expect(b.store.get<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'residents.move'")?.summary).toMatch(/；居家观察仍由网格员甲负责$/)

    // Back to 东区 and out again, now choosing 网格员丙.
    const east = (await b.ok('households.list', { gridId: c.east.id })).rows[0]
    await b.ok('residents.move', { id: c.zhang.id, householdId: east?.id ?? 0, relation: 'other' })
    await b.ok('residents.move', { id: c.zhang.id, householdId: c.westHousehold, relation: 'other', worker: '网格员丙' })
    detail = await b.ok('monitoring.episode', { id: c.episodeId })
    expect([detail.gridName, detail.worker]).toEqual(['西区', '网格员丙'])
  })

  it('leaves the worker alone within a grid, and says so when the new grid has nobody', async () => {
    const c = await observed()
    const next = await b.ok('households.create', household('幸福里小区', '1栋', '102'))
    const same = await b.ok('residents.moveHandover', { id: c.zhang.id, householdId: next.id })
    expect([same.gridChanges, same.observing]).toEqual([false, null])
    await b.ok('residents.move', { id: c.zhang.id, householdId: next.id, relation: 'other', worker: '网格员乙' })
    expect((await b.ok('monitoring.episode', { id: c.episodeId })).worker).toBe('网格员甲')

    const empty = await b.ok('grids.create', grid('北区', { leader: null }))
    await b.ok('grids.assignBuildings', { gridId: empty.id, buildings: [{ compound: '幸福里小区', building: '7栋' }] })
    const h7 = await b.ok('households.create', household('幸福里小区', '7栋', '701'))
    expect((await b.ok('residents.moveHandover', { id: c.zhang.id, householdId: h7.id })).candidates).toEqual([])
    await b.ok('residents.move', { id: c.zhang.id, householdId: h7.id, relation: 'other' })
    const detail = await b.ok('monitoring.episode', { id: c.episodeId })
    expect([detail.gridName, detail.worker]).toEqual(['北区', '网格员甲'])
    expect(b.store.all<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'residents.move' ORDER BY id").at(-1)?.summary).toMatch(
      /；居家观察仍由网格员甲负责（北区没有网格员）$/
    )
  })

  it('follows a building handed to another grid too, closed episodes included; no write can give an episode another grid', async () => {
    const c = await observed()
    await b.ok('monitoring.setStatus', { episodeId: c.episodeId, status: 'released', reason: '提前解除' })
    await b.ok('grids.assignBuildings', { gridId: c.west.id, buildings: [{ compound: '幸福里小区', building: '1栋' }] })
    expect((await b.ok('monitoring.episode', { id: c.episodeId })).gridName).toBe('西区')
    expect((await b.call('monitoring.episode', { id: c.episodeId }, c.oldWorker)).ok).toBe(false)
    expect(() => b.store.transaction((tx) => tx.run('UPDATE observation_episodes SET grid_id = ? WHERE id = ?', [c.east.id, c.episodeId]))).toThrow(
      /resident's grid/
    )
  })

  it('hands an open observation to the only worker of the grid its building is given to; with several it keeps the worker and says so', async () => {
    const c = await observed()
    const given = await b.ok('grids.assignBuildings', { gridId: c.west.id, buildings: [{ compound: '幸福里小区', building: '1栋' }] })
    expect(given).toEqual({ buildings: 1, households: 1 })
    const detail = await b.ok('monitoring.episode', { id: c.episodeId })
    expect([detail.gridName, detail.worker, detail.events.at(-1)?.reason]).toEqual(['西区', '网格员乙', '楼栋划入西区'])
    const summaries = () =>
      b.store.all<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'grids.assignBuildings' ORDER BY id").map((r) => r.summary)
    expect(summaries().at(-1)).toBe('幸福里小区1栋 划入网格“西区”；居家观察改由网格员乙负责')

    await staffGrid(b, c.east.id, '东区', ['网格员甲', '网格员丁'])
    await b.ok('grids.assignBuildings', { gridId: c.east.id, buildings: [{ compound: '幸福里小区', building: '1栋' }] })
    expect((await b.ok('monitoring.episode', { id: c.episodeId })).worker).toBe('网格员乙')
    expect(summaries().at(-1)).toBe('幸福里小区1栋 划入网格“东区”；1 人的居家观察仍由原网格员负责，请在健康监测中更换')
  })

  it('0015 gives episodes that kept the grid of an earlier address the grid of where the person lives now', async () => {
    const dir = tempDir()
    const clock = fixedClock()
    const old = await Store.open({ dir, migrations: MIGRATIONS.slice(0, 14), now: clock.now, idleSnapshotMs: 0 })
    const at = clock.now().toISOString()
    old.transaction((tx) => {
      const east = tx.run(`INSERT INTO grids (name, notes, created_at, updated_at) VALUES ('东区', '', ?, ?)`, [at, at]).lastInsertRowid
      const west = tx.run(`INSERT INTO grids (name, notes, created_at, updated_at) VALUES ('西区', '', ?, ?)`, [at, at]).lastInsertRowid
      const rid = tx.run(
        `INSERT INTO residents (grid_id, name, name_initials, name_pinyin, id_type, phones, person_type, created_at, updated_at)
         VALUES (?, '张三', 'zs', 'zhangsan', 'mainland', '[]', 'registered', ?, ?)`,
        [west, at, at]
      ).lastInsertRowid
      tx.run(
        `INSERT INTO observation_episodes (resident_id, grid_id, kind, start_date, days, end_date, status, created_at, updated_at)
         VALUES (?, ?, 'home_observation', '2026-02-01', 14, '2026-02-15', 'observing', ?, ?)`,
        [rid, east, at, at]
      )
    })
    expect(old.get('SELECT grid_id AS g FROM observation_episodes')).toEqual({ g: 1 })
    old.close()
    const upgraded = await Store.open({ dir, migrations: MIGRATIONS, now: clock.now, idleSnapshotMs: 0 })
    expect(upgraded.get('SELECT grid_id AS g FROM observation_episodes')).toEqual({ g: 2 })
    upgraded.close()
  })
})
