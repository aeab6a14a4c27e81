import type { MethodArgs } from '../../../shared/contract'
import { EMPTY_UNIT } from '../../../shared/schemas/units'
import type { TestBackend } from '../support/backend'
import { gridWithHousehold, makeId, resident } from '../register/fixtures'

export { fail } from '../help/helpers'

/** A shop in building 3栋 of 幸福里小区 (grid 甲). */
export function shop(extra: Partial<MethodArgs<'units.create'>> = {}): MethodArgs<'units.create'> {
  return {
    ...EMPTY_UNIT,
    name: '好邻居便利店',
    compound: '幸福里小区',
    building: '3栋',
    door: '底商 2 号',
    managerName: '陈老板',
    managerPhone: '13912345678',
    ...extra
  }
}

/** A trip from 湖北武汉 on the given day, in the returnees domain's shape. */
export function trip(returnDate: string): NonNullable<MethodArgs<'units.addWorker'>['trip']> {
  return {
    origin: { province: '湖北省', city: '武汉市', district: '' },
    via: '',
    returnDate,
    transport: 'train',
    transportNo: 'G502',
    companions: [],
    reason: '返岗',
    notes: ''
  }
}

export function worker(unitId: number, extra: Partial<MethodArgs<'units.addWorker'>> = {}): MethodArgs<'units.addWorker'> {
  return { unitId, residentId: null, outsider: null, role: '店员', trip: null, episode: null, ...extra }
}

export function outsider(name = '李外地', seq = '456'): NonNullable<MethodArgs<'units.addWorker'>['outsider']> {
  return { name, idType: 'mainland', idNumber: makeId('19900505', seq, '420102'), phone: '13700001111', homeAddress: '武汉市江岸区某路 8 号' }
}

/** Grid 甲 (3栋) with 张三 living there, grid 乙 (5栋) with 王五. */
export async function community(b: TestBackend) {
  const a = await gridWithHousehold(b, '甲网格', '3栋')
  const other = await gridWithHousehold(b, '乙网格', '5栋')
  const zhang = await b.ok('residents.create', resident({ name: '张三', idNumber: makeId('19850101', '111'), householdId: a.household.id, relation: 'head' }))
  const wang = await b.ok(
    'residents.create',
    resident({ name: '王五', idNumber: makeId('19860101', '113'), householdId: other.household.id, relation: 'head' })
  )
  return { a, other, zhang, wang }
}

/** Rows of every units table (and the people, trips, episodes and audit), to prove a refused call wrote nothing. */
export function unitCounts(b: TestBackend): Record<string, number> {
  const tables = [
    'units',
    'unit_status_history',
    'unit_workers',
    'unit_checks',
    'unit_reopenings',
    'unit_inspections',
    'residents',
    'returnee_trips',
    'observation_episodes',
    'audit_log'
  ]
  return Object.fromEntries(tables.map((t) => [t, b.count(t)]))
}
