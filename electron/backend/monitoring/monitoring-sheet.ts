import type { DailySheet, SheetGroup, SheetRow } from '../../../shared/contract'
import { daysBetween } from '../../../shared/domain/dates'
import type { Ctx } from '../context'
import type { Db } from '../kit/db'
import { scopeSql } from '../kit/scope'
import { phonesOf } from '../residents/residents.view'
import { digitReach } from '../security/digit-search-guard'
import { loadSettings } from '../settings/settings.service'
import { toCheckView, toEpisodeView } from './monitoring.view'
import { checksByIds, sheetRows } from './worklist.repo'
import type { WorklistRecord } from './worklist.repo'

/** Worklist rows for records of a day: the episode, its day number and the day's check. */
export function toRows(ctx: Ctx, records: WorklistRecord[], day: string) {
  const checks = new Map(
    checksByIds(
      ctx.store,
      records.flatMap((r) => (r.checkId === null ? [] : [r.checkId]))
    ).map((c) => [c.id, toCheckView(c)])
  )
  // Added to the view, not spread into a new literal (see toEpisodeView).
  return records.map((r) =>
    Object.assign(toEpisodeView(r), { dayNo: daysBetween(r.startDate, day) + 1, check: r.checkId === null ? null : (checks.get(r.checkId) ?? null) })
  )
}

function grouped(rows: SheetRow[]): SheetGroup[] {
  const groups: SheetGroup[] = []
  for (const row of rows) {
    const last = groups.at(-1)
    if (last && last.worker === row.worker && last.gridName === row.gridName) last.rows.push(row)
    else groups.push({ worker: row.worker, gridName: row.gridName, rows: [row] })
  }
  return groups
}

/**
 * The printed 每日健康监测表 (scoped to the caller's grids). The grid worker checks each person by
 * phone, so a role that may reveal numbers (the app's one rule, digitReach: register.reveal, as
 * for a resident's numbers and the printed roster) gets whole phones, and the print is written
 * to 操作日志 as a print of full numbers, read inside that audited turn. Any other role gets the
 * masked sheet, which reveals nothing and logs nothing.
 */
export function dailySheet(ctx: Ctx, day: string, worker: string | undefined): DailySheet {
  const scope = scopeSql('e.grid_id', ctx.session.gridScope)
  const build = (db: Db, full: boolean): DailySheet => {
    const records = sheetRows(db, day, worker, scope)
    const phones = new Map(records.map((r) => [r.id, phonesOf(r)[0] ?? '']))
    const rows = toRows(ctx, records, day).map((row) => Object.assign(row, { phone: full ? (phones.get(row.id) ?? '') : row.phoneMasked }))
    return { communityName: loadSettings(ctx.store).communityName, day, groups: grouped(rows), full }
  }
  const masked = build(ctx.store, false)
  const people = masked.groups.flatMap((g) => g.rows.map((r) => r.residentId))
  if (digitReach(ctx.session) !== 'full' || people.length === 0) return masked
  return ctx.write(
    {
      summary: `打印每日健康监测表 ${day}${worker ? `（${worker}）` : ''}（完整电话，${people.length} 人）`,
      detail: { day, worker: worker ?? null, residentIds: people }
    },
    (tx) => build(tx, true)
  )
}
