import { localIsoDate } from '../../../shared/domain'
import type { AuditExportArgs } from '../../../shared/schemas/audit'
import type { ExportColumn, ExportSource } from '../kit/export-source'
import { pageAudit } from './audit.repo'
import { toQuery, toView } from './audit.view'

const EXPORT_LIMIT = 100_000

const COLUMNS: ExportColumn[] = [
  { header: '时间', kind: 'datetime', width: 20, format: 'yyyy-mm-dd hh:mm:ss' },
  { header: '操作人', kind: 'text', width: 22 },
  { header: '操作', kind: 'text', width: 16 },
  { header: '内容', kind: 'text', width: 70 },
  { header: '记录', kind: 'text', width: 16 }
]

/** The audit trail as the 操作日志 page filters it: no 填报单位 line, it is the office's own record. */
export const auditExport: ExportSource<AuditExportArgs> = {
  key: 'audit',
  label: '操作日志',
  permission: 'audit.view',
  build(args, { db, now }) {
    const rows = pageAudit(db, toQuery(args), EXPORT_LIMIT, 0).map(toView)
    return {
      fileName: `操作日志-${localIsoDate(now).replaceAll('-', '')}`,
      summary: (n) => `导出操作日志 ${n} 条`,
      sheets: [
        {
          name: '操作日志',
          title: '操作日志',
          facts: null,
          columns: COLUMNS,
          rows: rows.map((r) => ({ cells: [r.at, r.actor, r.action, r.summary, r.record ?? ''] }))
        }
      ]
    }
  }
}
