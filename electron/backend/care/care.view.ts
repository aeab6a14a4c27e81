import type { CareContactView, CarePlanRow, CareWorkRow } from '../../../shared/contract'
import { maskPhone } from '../../../shared/domain/mask'
import { KEY_GROUP_LABELS } from '../../../shared/domain/register'
import type { KeyGroup } from '../../../shared/domain/register'
import type { CareContactRecord, CarePlanRecord } from './care.repo'

export function toContactView(c: CareContactRecord): CareContactView {
  return { id: c.id, day: c.day, method: c.method, outcome: c.outcome, note: c.note, helpRequestId: c.helpRequestId, actor: c.actor, at: c.at }
}

export function keyGroupLabels(tags: string | null): string[] {
  if (!tags) return []
  return tags
    .split(',')
    .sort()
    .map((t) => KEY_GROUP_LABELS[t as KeyGroup] ?? t)
}

/** A plan as lists show it: the phone masked, key groups as labels. */
export function toPlanRow(p: CarePlanRecord, last: CareContactRecord | undefined): CarePlanRow {
  return {
    id: p.id,
    residentId: p.residentId,
    name: p.name,
    address: p.address,
    phone: maskPhone(p.phone),
    gridId: p.gridId,
    gridName: p.gridName,
    keyGroups: keyGroupLabels(p.tags),
    frequency: p.frequency,
    anchorDay: p.anchorDay,
    accountId: p.accountId,
    volunteerId: p.volunteerId,
    workerName: p.workerName,
    notes: p.notes,
    active: p.active === 1,
    lastContact: last ? toContactView(last) : null
  }
}

export function toWorkRow(
  p: CarePlanRecord,
  state: { due: boolean; contact: CareContactRecord | undefined; last: CareContactRecord | undefined; missedYesterday: boolean }
): CareWorkRow {
  return {
    ...toPlanRow(p, state.last),
    due: state.due,
    contact: state.contact ? toContactView(state.contact) : null,
    missedYesterday: state.missedYesterday
  }
}
