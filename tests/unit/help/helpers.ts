import type { MethodArgs } from '../../../shared/contract'
import { localDateTime } from '../../../shared/domain/clock'
import type { Envelope } from '../../../shared/errors'
import { EMPTY_HELP } from '../../../shared/schemas/help'
import { EMPTY_VOLUNTEER } from '../../../shared/schemas/volunteers'
import type { VolunteerInput } from '../../../shared/schemas/volunteers'
import type { TestBackend } from '../support/backend'
import { gridWithHousehold, makeId, resident } from '../register/fixtures'

export const fail = (envelope: Envelope<unknown>) => (envelope.ok ? null : envelope.error)

export function request(extra: Partial<MethodArgs<'help.create'>> = {}): MethodArgs<'help.create'> {
  return { ...EMPTY_HELP, content: '帮忙买一周的菜：青菜、鸡蛋、挂面', ...extra }
}

export function volunteer(extra: Partial<VolunteerInput>): VolunteerInput {
  return { ...EMPTY_VOLUNTEER, phone: '', ...extra }
}

/** The office's wall clock `minutes` from the backend's now, as wanted-by is typed. */
export function wallClock(b: TestBackend, minutes: number): string {
  return localDateTime(new Date(b.clock.now().getTime() + minutes * 60_000))
}

/** Grid 甲 (3栋) with 独居老人 刘奶奶, grid 乙 (5栋) with 王大爷. */
export async function community(b: TestBackend) {
  const a = await gridWithHousehold(b, '甲网格', '3栋')
  const other = await gridWithHousehold(b, '乙网格', '5栋')
  const grandma = await b.ok(
    'residents.create',
    resident({
      name: '刘奶奶',
      idNumber: makeId('19400101', '124'),
      phones: ['13812345678'],
      tags: ['alone_elderly', 'over80'],
      householdId: a.household.id,
      relation: 'head'
    })
  )
  const grandpa = await b.ok(
    'residents.create',
    resident({ name: '王大爷', idNumber: makeId('19450101'), phones: ['13987654321'], householdId: other.household.id, relation: 'head' })
  )
  return { a, other, grandma, grandpa }
}

/** Rows of the help tables and the audit log, to prove a refused call wrote nothing. */
export function helpCounts(b: TestBackend): Record<string, number> {
  return Object.fromEntries(['help_requests', 'help_steps', 'help_money', 'audit_log'].map((t) => [t, b.count(t)]))
}
