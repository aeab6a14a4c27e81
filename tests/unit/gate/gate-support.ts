import { computeCheckChar } from '../../../shared/domain/id-card'
import type { Envelope } from '../../../shared/errors'
import type { GateRegister } from '../../../shared/schemas/gate'
import type { TestBackend } from '../support/backend'

export const ID = (first17: string) => first17 + computeCheckChar(first17)

/** A household at 幸福里小区 3栋 2单元 301 with 曾小明 in it, its 户主 (13812345678). */
export async function arrangeHousehold(backend: TestBackend) {
  const household = await backend.ok('households.create', {
    address: { compound: '幸福里小区', building: '3栋', unit: '2单元', room: '301' },
    tenure: 'owned',
    notes: ''
  })
  const resident = await backend.ok('residents.create', {
    name: '曾小明',
    idType: 'mainland',
    idNumber: ID('11010119800101123'),
    sex: null,
    birthDate: null,
    phones: ['13812345678'],
    tags: [],
    personType: 'registered',
    relation: 'head',
    notes: '',
    householdId: household.id
  })
  return { household, resident }
}

/** Two checkpoints (东门, 西门) and the household of arrangeHousehold. */
export async function arrangeGate(backend: TestBackend) {
  const east = await backend.ok('checkpoints.create', { name: '东门', place: '', kind: 'both', hours: '' })
  const west = await backend.ok('checkpoints.create', { name: '西门', place: '', kind: 'both', hours: '' })
  return { east, west, ...(await arrangeHousehold(backend)) }
}

export const gateEntry = (checkpointId: number, extra: Partial<GateRegister> = {}): GateRegister => ({
  checkpointId,
  direction: 'in',
  who: 'visitor',
  residentId: null,
  name: '访客甲',
  phone: '',
  reason: '探亲',
  plate: '',
  temperature: 36.5,
  action: 'pass',
  passNumber: '',
  ...extra
})

export const failure = (envelope: Envelope<unknown>) => (envelope.ok ? null : envelope.error)
