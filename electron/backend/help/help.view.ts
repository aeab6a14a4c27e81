import type { HelpDetail, HelpRow, HelpStepView } from '../../../shared/contract'
import { HELP_TRANSITIONS, actionsFor, isOverdue } from '../../../shared/domain/help'
import { maskPhone } from '../../../shared/domain/mask'
import { EPISODE_KIND_LABELS } from '../../../shared/domain/observation'
import { KEY_GROUP_LABELS } from '../../../shared/domain/register'
import type { KeyGroup } from '../../../shared/domain/register'
import type { HelpStatus } from '../../../shared/schemas/help'
import type { Db } from '../kit/db'
import { keptHomeOf } from '../monitoring/monitoring.service'
import type { HelpRecord, StepRecord } from './help.repo'
import { stepsOf, tagsOf } from './help.repo'
import { moneyState } from './money.service'

/**
 * Rows as lists show them: phones masked, overdue against the office clock, the household marked
 * when someone in it is kept at home (monitoring's rule), the person's key groups. One query each
 * for the whole page, not one a row.
 */
export function toHelpRows(db: Db, records: HelpRecord[], nowLocal: string): HelpRow[] {
  const keptHome = keptHomeOf(
    db,
    records.flatMap((r) => (r.householdId === null ? [] : [r.householdId]))
  )
  const tags = new Map<number, string[]>()
  for (const t of tagsOf(db, [...new Set(records.flatMap((r) => (r.residentId === null ? [] : [r.residentId])))])) {
    const label = KEY_GROUP_LABELS[t.tag as KeyGroup] ?? t.tag
    tags.set(t.residentId, [...(tags.get(t.residentId) ?? []), label])
  }
  return records.map((r) => {
    const kept = r.householdId === null ? undefined : keptHome.get(r.householdId)
    return {
      id: r.id,
      createdAt: r.createdAt,
      householdId: r.householdId,
      residentId: r.residentId,
      name: r.name,
      address: r.address,
      phone: maskPhone(r.phone),
      gridId: r.gridId,
      gridName: r.gridName,
      channel: r.channel,
      type: r.type,
      urgency: r.urgency,
      content: r.content,
      wantedBy: r.wantedBy,
      status: r.status,
      volunteerId: r.volunteerId,
      volunteerName: r.volunteerName,
      overdue: isOverdue(r, nowLocal),
      keptHome: kept ? { kind: EPISODE_KIND_LABELS[kept.kind], until: kept.endDate } : null,
      keyGroups: r.residentId === null ? [] : (tags.get(r.residentId) ?? [])
    }
  })
}

function toStepView(s: StepRecord): HelpStepView {
  const action = s.action as HelpStepView['action']
  return {
    action,
    label: action === 'create' ? '登记' : action === 'money' ? '代购款' : HELP_TRANSITIONS[action].label,
    from: s.from === '' ? null : (s.from as HelpStatus),
    to: s.to,
    volunteerName: s.volunteerName,
    note: s.note,
    actor: s.actor,
    at: s.at
  }
}

export function toHelpDetail(db: Db, r: HelpRecord, nowLocal: string): HelpDetail {
  const [row] = toHelpRows(db, [r], nowLocal)
  if (!row) throw new Error('a row maps to a row')
  return {
    ...row,
    callerName: r.callerName,
    notes: r.notes,
    result: r.result,
    reason: r.reason,
    followUp: r.followUp,
    followUpNote: r.followUpNote,
    createdBy: r.createdBy,
    steps: stepsOf(db, r.id).map(toStepView),
    actions: actionsFor({ status: r.status, followedUp: r.followUp !== null }),
    money: moneyState(db, r.id)
  }
}
