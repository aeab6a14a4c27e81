import type { MethodArgs } from '../../../shared/contract'
import type { Session } from '../../../electron/backend/context'
import { grid, household, makeId, resident } from '../register/fixtures'
import type { TestBackend } from '../support/backend'

export const DAY_MS = 86_400_000

/** A trip from Wuhan by train, returning on the given day. */
export function trip(residentId: number, overrides: Partial<MethodArgs<'returnees.register'>> = {}): MethodArgs<'returnees.register'> {
  return {
    residentId,
    origin: { province: '湖北省', city: '武汉市', district: '江岸区' },
    via: '郑州',
    returnDate: '2026-02-03',
    transport: 'train',
    transportNo: 'g1234',
    companions: [],
    reason: '探亲',
    notes: '',
    episode: { kind: 'home_observation' },
    ...overrides
  }
}

export function workerSession(...grids: number[]): Session {
  return { accountId: 5, actor: '网格员甲', permissions: 'all', gridScope: grids }
}

/** Two grids (东区 with 网格员甲, 西区 with 网格员乙), a household in each, three residents. */
export async function community(b: TestBackend) {
  const east = await b.ok('grids.create', grid('东区', { workers: [{ name: '网格员甲', phone: '13900002222' }] }))
  const west = await b.ok('grids.create', grid('西区', { workers: [{ name: '网格员乙', phone: '13900003333' }] }))
  await b.ok('grids.assignBuildings', { gridId: east.id, buildings: [{ compound: '幸福里小区', building: '1栋' }] })
  await b.ok('grids.assignBuildings', { gridId: west.id, buildings: [{ compound: '幸福里小区', building: '9栋' }] })
  const h1 = await b.ok('households.create', household('幸福里小区', '1栋', '101'))
  const h9 = await b.ok('households.create', household('幸福里小区', '9栋', '901'))
  const zhang = await b.ok('residents.create', resident({ name: '张三', idNumber: makeId('19800101', '123'), householdId: h1.id }))
  const li = await b.ok('residents.create', resident({ name: '李四', idNumber: makeId('19850505', '135'), phones: ['13712345678'], householdId: h1.id }))
  const wang = await b.ok('residents.create', resident({ name: '王五', idNumber: makeId('19900909', '147'), phones: ['13612345678'], householdId: h9.id }))
  return { east, west, zhang, li, wang }
}

/** Gives a grid several grid workers (no phones): a handover into it must then ask, or keep the worker. */
export async function staffGrid(b: TestBackend, gridId: number, name: string, workers: string[]): Promise<void> {
  await b.ok('grids.update', { id: gridId, ...grid(name, { workers: workers.map((worker) => ({ name: worker, phone: '' })) }) })
}

export function monitoringCounts(b: TestBackend): Record<string, number> {
  const tables = ['returnee_trips', 'returnee_companions', 'observation_episodes', 'observation_events', 'daily_checks', 'audit_log']
  return Object.fromEntries(tables.map((t) => [t, b.count(t)]))
}

export function check(episodeId: number, overrides: Partial<MethodArgs<'monitoring.check'>> = {}): MethodArgs<'monitoring.check'> {
  return { episodeId, morning: 36.5, evening: null, symptoms: [], outcome: 'normal', note: '', ...overrides }
}
