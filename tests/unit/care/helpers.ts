import type { MethodArgs } from '../../../shared/contract'
import type { TestBackend } from '../support/backend'
import { community } from '../help/helpers'

export { fail } from '../help/helpers'

/** The help community (刘奶奶 独居老人 in grid 甲, 王大爷 in grid 乙 with no key group) and a grid worker account for 甲. */
export async function careCommunity(b: TestBackend) {
  const c = await community(b)
  const worker = await b.ok('accounts.create', {
    username: 'wgy1',
    displayName: '网格员小李',
    role: 'grid_worker',
    password: 'Role#2026abc',
    gridIds: [c.a.grid.id]
  })
  return { ...c, worker }
}

export function plan(residentId: number, accountId: number, extra: Partial<MethodArgs<'care.create'>> = {}): MethodArgs<'care.create'> {
  return { residentId, frequency: 'daily_call', anchorDay: '2026-02-03', accountId, volunteerId: null, notes: '', ...extra }
}

export function contact(planId: number, extra: Partial<MethodArgs<'care.contact'>> = {}): MethodArgs<'care.contact'> {
  return { planId, day: '2026-02-03', method: 'phone', outcome: 'normal', note: '', helpType: null, urgency: null, ...extra }
}

/** Rows of the care and help tables and the audit log, to prove a refused call wrote nothing. */
export function careCounts(b: TestBackend): Record<string, number> {
  return Object.fromEntries(['care_plans', 'care_contacts', 'help_requests', 'help_steps', 'audit_log'].map((t) => [t, b.count(t)]))
}
