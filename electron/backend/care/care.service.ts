import { CARE_OUTCOME_LABELS, careHelpChannel } from '../../../shared/domain/care'
import { localIsoDate } from '../../../shared/domain/dates'
import { AppError } from '../../../shared/errors'
import type { CareBulk, CareContactInput, CareCreate, CareUpdate } from '../../../shared/schemas/care'
import { VOLUNTEER_STATUS_LABELS } from '../../../shared/schemas/volunteers'
import type { Session } from '../context'
import { createHelp } from '../help/help.service'
import type { Db } from '../kit/db'
import { notFound } from '../kit/errors'
import { assertVisible } from '../kit/scope'
import { liveResident } from '../residents/residents.service'
import type { Tx } from '../store/store'
import { requireVolunteer } from '../volunteers/volunteers.service'
import type { CarePlanRecord } from './care.repo'
import {
  contactOf,
  getPlan,
  gridWorkerAccount,
  insertContact,
  insertPlan,
  planIdOfResident,
  plannedOfGroupCount,
  unplannedOfGroup,
  updatePlan
} from './care.repo'

/** A plan asked for by id; one of a person outside the caller's grids is answered as missing. */
export function livePlan(db: Db, session: Session, id: number): CarePlanRecord {
  const plan = getPlan(db, id)
  if (!plan) throw notFound('关爱计划', id)
  assertVisible(session, plan.gridId, notFound('关爱计划', id))
  return plan
}

/** Who makes the contacts: an active grid worker's account, or a volunteer 在岗. */
function checkWorker(db: Db, w: { accountId: number | null; volunteerId: number | null }): void {
  if (w.accountId !== null && !gridWorkerAccount(db, w.accountId)) {
    throw new AppError('BAD_ARGS', '所选的账号不是在用的网格员账号，请重新选择。', { issues: [{ path: 'accountId', message: '不是网格员账号' }] })
  }
  if (w.volunteerId !== null) {
    const volunteer = requireVolunteer(db, w.volunteerId)
    if (volunteer.status !== 'active') {
      throw new AppError('RULE_VIOLATION', `${volunteer.name} 目前${VOLUNTEER_STATUS_LABELS[volunteer.status]}，不能负责关爱联系，请另选。`, {
        issues: [{ path: 'volunteerId', message: `志愿者${VOLUNTEER_STATUS_LABELS[volunteer.status]}` }]
      })
    }
  }
}

const planWrite = (args: Omit<CareCreate, 'residentId'>, active: boolean) => ({
  frequency: args.frequency,
  anchorDay: args.anchorDay,
  accountId: args.accountId,
  volunteerId: args.volunteerId,
  notes: args.notes,
  active
})

/**
 * A plan is for a person of a key group (the register's 重点人群 tags): care is a service to them,
 * and the worklist's filters and the report count by those groups. Anyone else is refused with the
 * way to fix it. One plan a person: a second would double their calls.
 */
export function createPlan(tx: Tx, session: Session, args: CareCreate, now: Date): { id: number; name: string } {
  const resident = liveResident(tx, session, args.residentId)
  if (!resident.tags) {
    throw new AppError('RULE_VIOLATION', `${resident.name} 不在重点人群中。请先在居民信息里勾选重点人群类别（如独居老人、高龄），再建关爱计划。`, {
      issues: [{ path: 'residentId', message: '不在重点人群' }]
    })
  }
  if (planIdOfResident(tx, resident.id) !== null) {
    throw new AppError('RULE_VIOLATION', `${resident.name} 已有关爱计划，请直接修改原计划。`, { issues: [{ path: 'residentId', message: '已有关爱计划' }] })
  }
  checkWorker(tx, args)
  const id = insertPlan(tx, resident.id, planWrite(args, true), session.actor, now.toISOString())
  return { id, name: resident.name }
}

export function changePlan(tx: Tx, session: Session, args: CareUpdate, now: Date): CarePlanRecord {
  const plan = livePlan(tx, session, args.id)
  checkWorker(tx, args)
  updatePlan(tx, plan.id, planWrite(args, args.active), now.toISOString())
  return plan
}

/** Everyone of the key group in the grid without a plan gets this one; those with one keep theirs. */
export function bulkCreate(tx: Tx, session: Session, args: CareBulk, now: Date): { created: number; alreadyPlanned: number } {
  assertVisible(session, args.gridId, notFound('网格', args.gridId))
  checkWorker(tx, args)
  const at = now.toISOString()
  const ids = unplannedOfGroup(tx, args.gridId, args.keyGroup)
  for (const residentId of ids) insertPlan(tx, residentId, planWrite(args, true), session.actor, at)
  return { created: ids.length, alreadyPlanned: plannedOfGroupCount(tx, args.gridId, args.keyGroup) - ids.length }
}

export interface ContactDone {
  plan: CarePlanRecord
  contactId: number
  helpRequestId: number | null
}

/**
 * One contact, for a day up to today. A paused plan takes none (resume it first: a contact on a
 * paused plan would look done on a list that no longer shows it); a second contact for the same
 * day is refused (the first stands; its note says what was found). 需要帮助 opens a help request
 * for the person in the same write, so there is never a contact saying "needs help" without its
 * request, nor a request without the contact that raised it.
 */
export function logContact(tx: Tx, session: Session, args: CareContactInput, now: Date): ContactDone {
  const plan = livePlan(tx, session, args.planId)
  if (plan.active !== 1) throw new AppError('RULE_VIOLATION', `${plan.name} 的关爱计划已暂停，请先恢复计划再登记联系。`, { planId: plan.id })
  const today = localIsoDate(now)
  if (args.day > today) {
    throw new AppError('BAD_ARGS', `不能登记 ${args.day} 的联系：那一天还没到。`, { issues: [{ path: 'day', message: '日期在今天之后' }] })
  }
  const earlier = contactOf(tx, plan.id, args.day)
  if (earlier) {
    throw new AppError(
      'RULE_VIOLATION',
      `${plan.name} 在 ${args.day} 已经登记过联系（${CARE_OUTCOME_LABELS[earlier.outcome]}，${earlier.actor}），同一天只登记一次。`,
      {
        planId: plan.id,
        day: args.day
      }
    )
  }
  let helpRequestId: number | null = null
  if (args.outcome === 'needs_help' && args.helpType !== null) {
    helpRequestId = createHelp(
      tx,
      session,
      {
        householdId: null,
        residentId: plan.residentId,
        callerName: '',
        callerPhone: '',
        callerAddress: '',
        gridId: null,
        channel: careHelpChannel(plan.accountId !== null, args.method),
        type: args.helpType,
        urgency: args.urgency ?? 'normal',
        content: args.note,
        wantedBy: null,
        notes: `重点人群关爱联系（${args.day}）中提出`
      },
      now
    )
  }
  const contactId = insertContact(
    tx,
    { planId: plan.id, day: args.day, method: args.method, outcome: args.outcome, note: args.note, helpRequestId },
    session.actor,
    now.toISOString()
  )
  return { plan, contactId, helpRequestId }
}

export function contactSummary(done: ContactDone, args: CareContactInput): string {
  const help = done.helpRequestId === null ? '' : `，登记求助 #${done.helpRequestId}`
  return `登记关爱联系：${done.plan.name}（${args.day}）${CARE_OUTCOME_LABELS[args.outcome]}${help}`
}
