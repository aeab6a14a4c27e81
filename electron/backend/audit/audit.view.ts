import { methods } from '../../../shared/contract'
import type { AuditView } from '../../../shared/contract'
import type { AuditExportArgs } from '../../../shared/schemas/audit'
import type { AuditQuery, AuditRow } from './audit.repo'

/** Calendar dates are the office's local days; the log stores UTC instants. */
function localDayStart(date: string, plusDays = 0): string {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + plusDays).toISOString()
}

/** The 操作日志 page's filters (list and export alike) as a query of the log. */
export function toQuery(args: AuditExportArgs): AuditQuery {
  return {
    actor: args.actor || undefined,
    action: args.action || undefined,
    text: args.text || undefined,
    fromIso: args.from ? localDayStart(args.from) : undefined,
    toIso: args.to ? localDayStart(args.to, 1) : undefined
  }
}

function titleOf(method: string): string {
  return Object.hasOwn(methods, method) ? methods[method as keyof typeof methods].title : method
}

export function toView(row: AuditRow): AuditView {
  return { id: row.id, at: row.at, actor: row.actor, method: row.method, action: titleOf(row.method), summary: row.summary, record: row.record }
}
