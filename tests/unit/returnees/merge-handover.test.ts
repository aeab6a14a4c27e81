import { afterEach, describe, expect, it } from 'vitest'
import type { Session } from '../../../electron/backend/context'
import { makeId, resident } from '../register/fixtures'
import { setupAdmin, testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { loginAs } from '../support/roles'
import { check, community, staffGrid, trip } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

const workerOfGrid = (gridId: number, actor: string): Session => ({ accountId: 7, actor, permissions: 'all', gridScope: [gridId] })

/**
 * A building row as an import made it before the address keys (the same building written another
 * way, in the grid given), with one household and a person under observation in it.
 */
async function splitRow(name: string, gridId: number | null, person: { name: string; id: string }) {
  const { building, household } = b.store.transaction((tx) => {
    const compound = tx.get<{ id: number }>("SELECT id FROM compounds WHERE name = '幸福里小区'")?.id ?? 0
    const buildingId = tx.run('INSERT INTO buildings (compound_id, name, sort_key, grid_id, key) VALUES (?, ?, ?, ?, ?)', [
      compound,
      name,
      name,
      gridId,
      '1'
    ]).lastInsertRowid
    const householdId = tx.run(
      `INSERT INTO households (building_id, grid_id, unit, room, room_key, address, search_text, address_key, tenure, created_at, updated_at)
       VALUES (?, ?, '', '102', '|102', ?, ?, ?, 'owned', '2026-01-01', '2026-01-01')`,
      [buildingId, gridId, `幸福里小区 ${name} 102`, `幸福里小区${name}102`, `k-${name}`]
    ).lastInsertRowid
    return { building: buildingId, household: householdId }
  })
  const r = await b.ok('residents.create', resident({ name: person.name, idNumber: person.id, phones: [], householdId: household }))
  const registered = await b.ok('returnees.register', trip(r.id))
  return { building, residentId: r.id, episodeId: registered.episode?.id ?? 0 }
}

const buildingId = (name: string) => b.store.get<{ id: number }>('SELECT id FROM buildings WHERE name = ?', [name])?.id ?? 0
const mergeAudit = () =>
  b.store.all<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'grids.mergeBuildings' ORDER BY id").map((r) => r.summary)

describe('合并楼栋 moves people under observation to another grid: their worker follows as on a move', () => {
  it('hands the observation to the new grid’s only worker (history and audit say so); the new worker checks, the old one is refused', async () => {
    b = await testBackend()
    const c = await community(b)
    const zhang = await b.ok('returnees.register', trip(c.zhang.id))
    const zhao = await splitRow('一号楼', c.west.id, { name: '赵六', id: makeId('19700707', '159') })
    expect((await b.ok('monitoring.episode', { id: zhao.episodeId })).worker).toBe('网格员乙')
    const zhangEvents = (await b.ok('monitoring.episode', { id: zhang.episode?.id ?? 0 })).events.length

    const merged = await b.ok('grids.mergeBuildings', { fromId: zhao.building, intoId: buildingId('1栋') })
    expect(merged).toMatchObject({ households: 1, residents: 1, gridName: '东区', handover: '；居家观察改由网格员甲负责' })
    const episode = await b.ok('monitoring.episode', { id: zhao.episodeId })
    expect([episode.gridName, episode.worker]).toEqual(['东区', '网格员甲'])
    expect(episode.events.at(-1)).toMatchObject({ actor: '本机', reason: '楼栋合并，划入东区' })
    expect(mergeAudit()).toEqual(['合并楼栋：幸福里小区一号楼 并入 幸福里小区1栋（1 户，1 人）；居家观察改由网格员甲负责'])
    // 张三 lived in the kept building all along: his observation is not touched.
    expect((await b.ok('monitoring.episode', { id: zhang.episode?.id ?? 0 })).events).toHaveLength(zhangEvents)

    const east = workerOfGrid(c.east.id, '网格员甲')
    const west = workerOfGrid(c.west.id, '网格员乙')
    expect(await b.call('monitoring.check', check(zhao.episodeId), east)).toMatchObject({ ok: true })
    const sheet = await b.call('monitoring.sheet', {}, east)
    if (!sheet.ok) throw new Error(sheet.error.message)
    const groups = (sheet.data as { groups: { worker: string; rows: { name: string }[] }[] }).groups
    expect(groups.map((g) => [g.worker, g.rows.map((r) => r.name).sort()])).toEqual([['网格员甲', ['张三', '赵六'].sort()]])
    expect(await b.call('monitoring.episode', { id: zhao.episodeId }, west)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await b.call('returnees.get', { residentId: zhao.residentId }, west)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('with several workers in the new grid keeps the worker and says how many to change, in the answer and the audit row', async () => {
    b = await testBackend()
    const c = await community(b)
    await staffGrid(b, c.east.id, '东区', ['网格员甲', '网格员丁'])
    const zhao = await splitRow('一号楼', c.west.id, { name: '赵六', id: makeId('19700707', '159') })
    const merged = await b.ok('grids.mergeBuildings', { fromId: zhao.building, intoId: buildingId('1栋') })
    expect(merged.handover).toBe('；1 人的居家观察仍由原网格员负责，请在健康监测中更换')
    const episode = await b.ok('monitoring.episode', { id: zhao.episodeId })
    expect([episode.gridName, episode.worker]).toEqual(['东区', '网格员乙'])
    expect(mergeAudit()).toEqual(['合并楼栋：幸福里小区一号楼 并入 幸福里小区1栋（1 户，1 人）；1 人的居家观察仍由原网格员负责，请在健康监测中更换'])
  })

  it('a kept building in no grid takes the merged one’s grid: its own people are handed over, the moved ones stay with their worker', async () => {
    b = await testBackend()
    const c = await community(b)
    const sun = await splitRow('1号', null, { name: '孙七', id: makeId('19750303', '171') })
    expect((await b.ok('monitoring.episode', { id: sun.episodeId })).worker).toBe('')
    const zhao = await splitRow('一号楼', c.west.id, { name: '赵六', id: makeId('19700707', '159') })
    const merged = await b.ok('grids.mergeBuildings', { fromId: zhao.building, intoId: sun.building })
    expect(merged).toMatchObject({ gridName: '西区', handover: '；居家观察改由网格员乙负责' })
    const moved = await b.ok('monitoring.episode', { id: zhao.episodeId })
    const kept = await b.ok('monitoring.episode', { id: sun.episodeId })
    expect([moved.gridName, moved.worker, moved.events.filter((e) => e.reason.startsWith('楼栋合并')).length]).toEqual(['西区', '网格员乙', 0])
    expect([kept.gridName, kept.worker, kept.events.at(-1)?.reason]).toEqual(['西区', '网格员乙', '楼栋合并，划入西区'])
  })

  it('is refused to a grid worker by dispatch itself (wholeCommunity), with valid arguments, before any handler runs or writes', async () => {
    b = await testBackend()
    const c = await community(b)
    const zhao = await splitRow('一号楼', c.west.id, { name: '赵六', id: makeId('19700707', '159') })
    const admin = await setupAdmin(b)
    const worker = await loginAs(b, admin, 'west1', 'grid_worker', [c.west.id])
    const args = { fromId: zhao.building, intoId: buildingId('1栋') }
    const before = [b.count('buildings'), b.count('audit_log'), b.store.info().journalRecords]
    expect(await worker.call('grids.mergeBuildings', args)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: '合并楼栋需要全社区的权限，网格员不能操作。' }
    })
    expect(await worker.call('grids.mergePreview', args)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: '预览合并楼栋需要全社区的权限，网格员不能操作。' }
    })
    expect(await worker.call('grids.buildings', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect([b.count('buildings'), b.count('audit_log'), b.store.info().journalRecords]).toEqual(before)
  })
})
