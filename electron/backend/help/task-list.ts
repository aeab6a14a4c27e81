import type { HelpTaskGroup, HelpTaskList } from '../../../shared/contract'
import type { Ctx } from '../context'
import type { Db } from '../kit/db'
import { scopeSql } from '../kit/scope'
import { digitReach } from '../security/digit-search-guard'
import { loadSettings } from '../settings/settings.service'
import { openAssigned } from './help.repo'
import { nowLocalOf } from './help.service'
import { toHelpRows } from './help.view'

/**
 * The volunteer's printed 求助任务单: per volunteer, the requests they hold and have not closed,
 * with the address, what to bring and by when. The volunteer rings the resident before going, so
 * the phone is the purpose of the sheet: a role that may reveal numbers (digitReach, the app's one
 * rule, as for the 每日健康监测表) prints them whole, read inside an audited write that names the
 * requests; any other role prints them masked and logs nothing.
 */
export function taskList(ctx: Ctx, volunteerId: number | undefined): HelpTaskList {
  const nowLocal = nowLocalOf(ctx.now())
  const scope = scopeSql('q.grid_id', ctx.session.gridScope)
  const build = (db: Db, full: boolean): HelpTaskList => {
    const records = openAssigned(db, scope, volunteerId)
    const rows = toHelpRows(db, records, nowLocal)
    const groups: HelpTaskGroup[] = []
    records.forEach((record, i) => {
      const row = rows[i]
      if (!row || record.volunteerId === null) return
      const task = { ...row, phone: full ? record.phone : row.phone, notes: record.notes }
      const last = groups.at(-1)
      if (last && last.volunteerId === record.volunteerId) last.rows.push(task)
      else groups.push({ volunteerId: record.volunteerId, volunteerName: record.volunteerName ?? '', rows: [task] })
    })
    return { communityName: loadSettings(db).communityName, printedAt: nowLocal, groups, full }
  }
  const masked = build(ctx.store, false)
  const ids = masked.groups.flatMap((g) => g.rows.map((r) => r.id))
  if (digitReach(ctx.session) !== 'full' || ids.length === 0) return masked
  const who = volunteerId === undefined ? '' : `（${masked.groups[0]?.volunteerName ?? ''}）`
  return ctx.write(
    { summary: `打印志愿者求助任务单${who}（完整电话，${ids.length} 条求助）`, detail: { volunteerId: volunteerId ?? null, requestIds: ids } },
    (tx) => build(tx, true)
  )
}
