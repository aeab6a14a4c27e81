import type { RosterPrint } from '../../../shared/contract'
import type { Ctx } from '../context'
import { digitReach } from '../security/digit-search-guard'
import { rosterPeople } from './roster.repo'
import { loadWeek } from './roster.service'

/**
 * The printed 值班排班表. Volunteers on it ring each other, so a role that may reveal numbers
 * (the app's one rule: register.reveal, as for a resident's numbers and digit searches) gets the
 * phones of the people on the sheet in full, and the print is written to 操作日志 as a print of
 * full numbers. Any other role gets the masked sheet, which reveals nothing and logs nothing.
 */
export function printWeek(ctx: Ctx, anyDay: string): RosterPrint {
  const week = loadWeek(ctx.store, anyDay)
  if (digitReach(ctx.session) !== 'full') return { week, full: false }
  const onSheet = new Set(week.placements.map((p) => p.volunteerId))
  if (onSheet.size === 0) return { week, full: false }
  return ctx.write(
    {
      summary: `打印值班排班表 ${week.week} 起一周（完整电话，${onSheet.size} 人）`,
      detail: { week: week.week, volunteerIds: [...onSheet] }
    },
    (tx) => {
      // Read inside the audited turn: the numbers handed out are the ones the log row covers.
      const phones = new Map(rosterPeople(tx).map((p) => [p.id, p.phone]))
      const people = week.people.map((p) => (onSheet.has(p.id) ? { ...p, phone: phones.get(p.id) ?? '' } : p))
      return { week: { ...week, people }, full: true }
    }
  )
}
