import type { CareAlerts, CareWorkRow, CareWorklist } from '../../../shared/contract'
import { isCareDueSince } from '../../../shared/domain/care'
import { addDays, daysBetween } from '../../../shared/domain/dates'
import type { CareList, CareWorklistArgs } from '../../../shared/schemas/care'
import type { Session } from '../context'
import type { Db } from '../kit/db'
import { pageOf } from '../kit/paging'
import { scopeSql } from '../kit/scope'
import type { CareFilter } from './care.repo'
import { contactMarks, contactsFor, lastContactsBefore, planFilter, planKeys, plansByIds } from './care.repo'
import { toWorkRow } from './care.view'

export interface DaySort {
  day: string
  /** Plan ids in address order: due and not contacted (yesterday's misses first), contacted, missed yesterday. */
  lists: Record<CareList, number[]>
  due: Set<number>
  missed: Set<number>
  abnormal: number[]
}

/**
 * Sorts the plans the filter lets through for one day by the one due rule (isCareDue): only the
 * three columns the rule needs are read for all of them (5,000 plans), the page's rows afterwards.
 * Yesterday's misses are due plans of yesterday without a contact for yesterday.
 */
export function sortDay(db: Db, session: Session, filter: CareFilter, day: string): DaySort {
  const yesterday = addDays(day, -1)
  const keys = planKeys(db, planFilter(filter, scopeSql('p.grid_id', session.gridScope)))
  const { today, before } = contactMarks(db, day, yesterday)
  // Plans share a few dozen first days: each is counted from once.
  const sinceOf = new Map<string, number>()
  const dueLate: number[] = []
  const dueRest: number[] = []
  const done: number[] = []
  const abnormal: number[] = []
  const missedList: number[] = []
  const due = new Set<number>()
  const missed = new Set<number>()
  for (const k of keys) {
    let since = sinceOf.get(k.anchorDay)
    if (since === undefined) {
      since = daysBetween(k.anchorDay, day)
      sinceOf.set(k.anchorDay, since)
    }
    const active = k.active === 1
    const isDue = isCareDueSince(k.frequency, since, active)
    const wasMissed = isCareDueSince(k.frequency, since - 1, active) && !before.has(k.id)
    if (isDue) due.add(k.id)
    if (wasMissed) {
      missed.add(k.id)
      missedList.push(k.id)
    }
    const outcome = today.get(k.id)
    if (outcome !== undefined) {
      done.push(k.id)
      if (outcome === 'abnormal') abnormal.push(k.id)
    } else if (isDue) (wasMissed ? dueLate : dueRest).push(k.id)
  }
  return { day, lists: { due: [...dueLate, ...dueRest], done, missed: missedList }, due, missed, abnormal }
}

/** The rows of some plans as the day shows them: that day's contact, the one before, the flags. */
export function workRows(db: Db, sorted: DaySort, ids: number[]): CareWorkRow[] {
  const records = plansByIds(db, ids)
  const contacts = new Map(contactsFor(db, ids, sorted.day).map((c) => [c.planId, c]))
  const last = new Map(lastContactsBefore(db, ids, sorted.day).map((c) => [c.planId, c]))
  return records.map((p) =>
    toWorkRow(p, { due: sorted.due.has(p.id), contact: contacts.get(p.id), last: last.get(p.id), missedYesterday: sorted.missed.has(p.id) })
  )
}

export function worklist(db: Db, session: Session, args: CareWorklistArgs, today: string): CareWorklist {
  const sorted = sortDay(db, session, args, args.day ?? today)
  const { page, pageSize, offset } = pageOf(args)
  const list = sorted.lists[args.list ?? 'due']
  return {
    day: sorted.day,
    counts: { due: sorted.lists.due.length, done: sorted.lists.done.length, missed: sorted.lists.missed.length, abnormal: sorted.abnormal.length },
    rows: workRows(db, sorted, list.slice(offset, offset + pageSize)),
    total: list.length,
    page,
    pageSize
  }
}

const ALERTS_SHOWN = 8

/** 首页: yesterday's misses not yet followed up today, and today's 异常 contacts. */
export function careAlerts(db: Db, session: Session, today: string): CareAlerts {
  const sorted = sortDay(db, session, { activeOnly: true }, today)
  const contacted = new Set(sorted.lists.done)
  const missed = sorted.lists.missed.filter((id) => !contacted.has(id))
  return {
    day: today,
    missed: workRows(db, sorted, missed.slice(0, ALERTS_SHOWN)),
    abnormal: workRows(db, sorted, sorted.abnormal.slice(0, ALERTS_SHOWN)),
    missedTotal: missed.length,
    abnormalTotal: sorted.abnormal.length
  }
}
