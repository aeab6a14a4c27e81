import { methods } from '../../../shared/contract'
import type { AuditApi, AuditView } from '../../../shared/contract'
import type { AuditExportArgs } from '../../../shared/schemas/audit'
import type { Handlers } from '../context'
import { loadSettings } from '../settings/settings.service'
import type { Store } from '../store/store'
import { auditWorkbook } from './audit-export'
import type { AuditQuery, AuditRow } from './audit.repo'
import { countAudit, pageAudit } from './audit.repo'
import { verifyAuditChain } from './audit.service'

const EXPORT_LIMIT = 100_000

/** Calendar dates are the office's local days; the log stores UTC instants. */
function localDayStart(date: string, plusDays = 0): string {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + plusDays).toISOString()
}

function toQuery(args: AuditExportArgs): AuditQuery {
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

function toView(row: AuditRow): AuditView {
  return { id: row.id, at: row.at, actor: row.actor, method: row.method, action: titleOf(row.method), summary: row.summary, record: row.record }
}

function page(store: Store, query: AuditQuery, pageNo: number, pageSize: number) {
  return {
    rows: pageAudit(store, query, pageSize, (pageNo - 1) * pageSize).map(toView),
    total: countAudit(store, query),
    page: pageNo,
    pageSize
  }
}

export const auditHandlers = {
  'audit.list': (args, ctx) => page(ctx.store, toQuery(args), args.page ?? 1, args.pageSize ?? 50),
  'audit.verify': (_args, ctx) => verifyAuditChain(ctx.store),
  'audit.export': async (args, ctx) => {
    const query = toQuery(args)
    const rows = pageAudit(ctx.store, query, EXPORT_LIMIT, 0).map(toView)
    const now = ctx.now()
    const bytes = await auditWorkbook(rows, ctx.session.actor, now, loadSettings(ctx.store).communityName)
    ctx.write({ summary: `导出操作日志 ${rows.length} 条`, detail: { filter: args } }, () => undefined)
    const stamp = now.toISOString().slice(0, 10).replaceAll('-', '')
    return { fileName: `操作日志-${stamp}.xlsx`, bytes }
  }
} satisfies Handlers<AuditApi>
