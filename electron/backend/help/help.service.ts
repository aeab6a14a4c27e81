import { localDateTime } from '../../../shared/domain/clock'
import { localIsoDate } from '../../../shared/domain/dates'
import { HELP_TRANSITIONS, HELP_URGENCIES, canAct, isOpenStatus, refusalOf, statusAfter } from '../../../shared/domain/help'
import { parsePhone } from '../../../shared/domain/phone'
import { AppError } from '../../../shared/errors'
import type { HelpAct, HelpInput } from '../../../shared/schemas/help'
import { VOLUNTEER_STATUS_LABELS } from '../../../shared/schemas/volunteers'
import type { Session } from '../context'
import type { Db } from '../kit/db'
import { notFound } from '../kit/errors'
import { assertVisible } from '../kit/scope'
import { liveHousehold, liveResident } from '../residents/residents.service'
import type { Tx } from '../store/store'
import { requireVolunteer } from '../volunteers/volunteers.service'
import type { HelpRecord } from './help.repo'
import { getHelpRow, insertHelp, insertStep, setFollowUp, setHelpStatus } from './help.repo'

/** The office's wall clock, minute precision: what wanted-by is compared with. */
export const nowLocalOf = (now: Date): string => localDateTime(now)

/** A request asked for by id; outside the caller's grids it is answered as missing. */
export function liveHelp(db: Db, session: Session, id: number): HelpRecord {
  const row = getHelpRow(db, id)
  if (!row) throw notFound('求助', id)
  assertVisible(session, row.gridId, notFound('求助', id))
  return row
}

/**
 * Who the request is for: a person of the register (their household with them), a household, or a
 * caller by name. Out-of-scope or deleted records are answered as missing; the grid is the
 * household's (or the person's), else the one chosen for a caller, which must be the caller's own.
 */
function placeOf(db: Db, session: Session, input: Pick<HelpInput, 'householdId' | 'residentId' | 'gridId'>) {
  if (input.residentId !== null) {
    const resident = liveResident(db, session, input.residentId)
    if (input.householdId !== null && resident.householdId !== input.householdId) {
      throw new AppError('BAD_ARGS', `${resident.name} 不住在所选的住户，请重新选择。`, { issues: [{ path: 'residentId', message: '居民不在该住户' }] })
    }
    return { householdId: resident.householdId, residentId: resident.id, gridId: resident.gridId }
  }
  if (input.householdId !== null) {
    const household = liveHousehold(db, session, input.householdId)
    return { householdId: household.id, residentId: null, gridId: household.gridId }
  }
  if (input.gridId !== null) assertVisible(session, input.gridId, notFound('网格', input.gridId))
  // A grid worker's caller without a grid would vanish from their own list: it goes to their grid.
  const own = session.gridScope === 'all' ? null : (session.gridScope[0] ?? null)
  return { householdId: null, residentId: null, gridId: input.gridId ?? own }
}

function normalisedPhone(raw: string): string {
  if (raw === '') return ''
  const parsed = parsePhone(raw)
  return parsed.ok ? parsed.phone : raw
}

export function createHelp(tx: Tx, session: Session, input: HelpInput, now: Date): number {
  const place = placeOf(tx, session, input)
  const at = now.toISOString()
  const id = insertHelp(
    tx,
    {
      ...place,
      callerName: input.callerName,
      callerPhone: normalisedPhone(input.callerPhone),
      callerAddress: place.householdId === null ? input.callerAddress : '',
      channel: input.channel,
      type: input.type,
      urgency: input.urgency,
      urgencyRank: HELP_URGENCIES.indexOf(input.urgency),
      content: input.content,
      wantedBy: input.wantedBy,
      notes: input.notes
    },
    session.actor,
    localIsoDate(now),
    at
  )
  insertStep(tx, { requestId: id, action: 'create', from: '', to: 'open', volunteerId: null, note: '', actor: session.actor, at })
  return id
}

/** A volunteer who may take a request: on the roll and 在岗 (paused and left ones are refused). */
function assignable(db: Db, volunteerId: number) {
  const volunteer = requireVolunteer(db, volunteerId)
  if (volunteer.status !== 'active') {
    throw new AppError('RULE_VIOLATION', `${volunteer.name} 目前${VOLUNTEER_STATUS_LABELS[volunteer.status]}，不能分配求助，请另选志愿者。`, {
      issues: [{ path: 'volunteerId', message: `志愿者${VOLUNTEER_STATUS_LABELS[volunteer.status]}` }]
    })
  }
  return volunteer
}

/**
 * One step of the status machine (HELP_TRANSITIONS): refused unless the table allows it from the
 * request's status; the request, its step (who, when, from, to) and the audit row are one write.
 */
export interface ActDone {
  request: HelpRecord
  volunteerName: string | null
}

export function actOnHelp(tx: Tx, session: Session, args: HelpAct, now: Date): ActDone {
  const request = liveHelp(tx, session, args.id)
  const followedUp = request.followUp !== null
  if (!canAct({ status: request.status, followedUp }, args.action)) {
    throw new AppError('RULE_VIOLATION', refusalOf(request.status, args.action, followedUp), { status: request.status, action: args.action })
  }
  const at = now.toISOString()
  const to = statusAfter(request.status, args.action)
  const step = { requestId: request.id, action: args.action, from: request.status, to, note: args.note, actor: session.actor, at }
  if (args.action === 'follow_up') {
    setFollowUp(tx, request.id, args.satisfied, args.note, at)
    insertStep(tx, { ...step, volunteerId: null, note: `${args.satisfied ? '满意' : '不满意'}${args.note ? `：${args.note}` : ''}` })
    return { request, volunteerName: null }
  }
  const volunteer = args.action === 'assign' ? assignable(tx, args.volunteerId) : null
  const volunteerId = volunteer ? volunteer.id : request.volunteerId
  setHelpStatus(
    tx,
    request.id,
    {
      status: to,
      isOpen: isOpenStatus(to),
      volunteerId,
      result: args.action === 'finish' ? args.note : request.result,
      reason: args.action === 'fail' || args.action === 'cancel' ? args.note : request.reason,
      closedDay: isOpenStatus(to) ? null : localIsoDate(now)
    },
    at
  )
  insertStep(tx, { ...step, volunteerId: volunteer ? volunteer.id : null })
  return { request, volunteerName: volunteer ? volunteer.name : null }
}

export function actSummary({ request, volunteerName }: ActDone, args: HelpAct): string {
  const label = HELP_TRANSITIONS[args.action].label
  const whom = volunteerName ? ` 给 ${volunteerName}` : ''
  return `${label}求助 #${request.id}（${request.name}）${whom}`
}
