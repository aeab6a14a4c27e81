import { computeCheckChar } from '../../../shared/domain'
import type { MethodArgs } from '../../../shared/contract'
import type { Session } from '../../../electron/backend/context'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'

/** A valid mainland ID: region, birth date (YYYYMMDD), 3-digit sequence (odd = male). */
export function makeId(birth = '19800101', seq = '123', region = '110101'): string {
  const first17 = `${region}${birth}${seq}`
  return first17 + computeCheckChar(first17)
}

export function resident(overrides: Partial<MethodArgs<'residents.create'>> = {}): MethodArgs<'residents.create'> {
  return {
    name: '张三',
    idType: 'mainland',
    idNumber: makeId(),
    sex: null,
    birthDate: null,
    phones: ['13812345678'],
    tags: [],
    personType: 'registered',
    relation: null,
    notes: '',
    householdId: null,
    ...overrides
  }
}

export function household(compound = '幸福里小区', building = '3栋', room = '301', unit = '2单元'): MethodArgs<'households.create'> {
  return { address: { compound, building, unit, room }, tenure: 'owned', notes: '' }
}

export function grid(name: string, overrides: Partial<MethodArgs<'grids.create'>> = {}): MethodArgs<'grids.create'> {
  return { name, notes: '', leader: { name: '李网格长', phone: '13900001111' }, workers: [], ...overrides }
}

export function workerOf(...grids: number[]): Session {
  return { accountId: 5, actor: '网格员甲', permissions: 'all', gridScope: grids }
}

/** A grid with one building and a household in it. */
export async function gridWithHousehold(b: TestBackend, name: string, building: string) {
  const g = await b.ok('grids.create', grid(name))
  await b.ok('grids.assignBuildings', { gridId: g.id, buildings: [{ compound: '幸福里小区', building }] })
  const h = await b.ok('households.create', household('幸福里小区', building, '101'))
  return { grid: g, household: h }
}

/** Rows of every register table, to prove a refused call wrote nothing. */
export function registerCounts(b: TestBackend): Record<string, number> {
  const tables = ['grids', 'grid_staff', 'compounds', 'buildings', 'households', 'residents', 'resident_phones', 'resident_tags', 'audit_log']
  return Object.fromEntries(tables.map((t) => [t, b.count(t)]))
}

/** A backend that lives for a whole file (beforeAll/afterAll); its folder goes when the file ends. */
export async function sharedBackend(): Promise<TestBackend & { dispose(): Promise<void> }> {
  const backend = await testBackend('file')
  return { ...backend, dispose: () => backend.close() }
}
