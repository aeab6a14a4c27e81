import type { CarePrintList, CarePrintRow } from '../../../shared/contract'
import { localDateTime } from '../../../shared/domain/clock'
import type { CarePrintArgs } from '../../../shared/schemas/care'
import type { Ctx } from '../context'
import type { Db } from '../kit/db'
import { digitReach } from '../security/digit-search-guard'
import { loadSettings } from '../settings/settings.service'
import { lastContactsBefore, plansByIds } from './care.repo'
import { keyGroupLabels, toContactView, toPlanRow } from './care.view'
import { sortDay } from './care.worklist'

/**
 * 关爱联系单: per worker, the people due on the day (the one due rule) and yesterday's misses to
 * ring first. The worker rings them, so a role that may reveal numbers prints them whole, read
 * inside an audited write naming the plans (as the 求助任务单 does); others print them masked.
 */
export function printList(ctx: Ctx, args: CarePrintArgs, today: string): CarePrintList {
  const day = args.day ?? today
  const sorted = sortDay(ctx.store, ctx.session, { accountId: args.accountId, volunteerId: args.volunteerId, activeOnly: true }, day)
  const ids = [...new Set([...sorted.lists.missed, ...sorted.due])]
  const build = (db: Db, full: boolean): CarePrintList => {
    const records = plansByIds(db, ids).sort((a, b) => a.workerName.localeCompare(b.workerName, 'zh-CN'))
    const last = new Map(lastContactsBefore(db, ids, day).map((c) => [c.planId, c]))
    const groups: CarePrintList['groups'] = []
    for (const p of records) {
      const lastContact = last.get(p.id)
      const row: CarePrintRow = {
        planId: p.id,
        name: p.name,
        address: p.address,
        phone: full ? p.phone : toPlanRow(p, undefined).phone,
        keyGroups: keyGroupLabels(p.tags),
        frequency: p.frequency,
        notes: p.notes,
        lastContact: lastContact ? toContactView(lastContact) : null,
        missedYesterday: sorted.missed.has(p.id)
      }
      const group = groups.at(-1)
      if (group && group.workerName === p.workerName) group.rows.push(row)
      else groups.push({ workerName: p.workerName, rows: [row] })
    }
    // Yesterday's misses first on each sheet: they are followed up before the day's round.
    for (const g of groups) g.rows.sort((a, b) => Number(b.missedYesterday) - Number(a.missedYesterday))
    return { communityName: loadSettings(db).communityName, day, printedAt: localDateTime(ctx.now()), full, groups }
  }
  const masked = build(ctx.store, false)
  if (digitReach(ctx.session) !== 'full' || ids.length === 0) return masked
  return ctx.write(
    {
      summary: `打印关爱联系单（${day}，完整电话，${ids.length} 人）`,
      detail: { day, accountId: args.accountId ?? null, volunteerId: args.volunteerId ?? null, planIds: ids }
    },
    (tx) => build(tx, true)
  )
}
