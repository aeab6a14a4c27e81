import type { AuditApi } from '../../../shared/contract'
import type { Handlers } from '../context'
import { runExport } from '../excel/export/engine'
import type { Store } from '../store/store'
import { auditExport } from './audit.export'
import type { AuditQuery } from './audit.repo'
import { countAudit, pageAudit } from './audit.repo'
import { verifyAnchoredAuditChain } from './audit-anchor'
import { toQuery, toView } from './audit.view'

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
  'audit.verify': (_args, ctx) => verifyAnchoredAuditChain(ctx.store),
  'audit.export': (args, ctx) => runExport(ctx, auditExport, args)
} satisfies Handlers<AuditApi>
