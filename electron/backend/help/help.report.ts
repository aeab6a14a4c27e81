import { HELP_REPORT_DEFINITIONS as D, HELP_TYPES, HELP_TYPE_LABELS } from '../../../shared/domain/help'
import { REPORT_GROUP_LABELS, domainLine } from '../../../shared/domain/report'
import type { ReportSection } from '../../../shared/domain/report'
import type { Db } from '../kit/db'
import type { ReportContributor } from '../kit/report-contributor'
import { helpDayCounts } from './help-report.repo'

/**
 * 居民求助 in the 每日疫情防控报表: new, done and still open that day, overdue (red when any), and the
 * day's new requests by type (every type, so a template cell mapped to one never goes missing).
 */
export const helpReport = {
  section(db: Db, day: string): ReportSection {
    const c = helpDayCounts(db, day)
    const byType = new Map(c.byType.map((t) => [t.type, t.n]))
    return {
      group: 'help',
      title: REPORT_GROUP_LABELS.help,
      lines: [
        domainLine('help.newToday', D['help.newToday'], '今日新登记求助', c.newToday, '件'),
        domainLine('help.doneToday', D['help.doneToday'], '今日办结', c.doneToday, '件'),
        domainLine('help.open', D['help.open'], '未办结', c.open, '件'),
        domainLine('help.overdue', D['help.overdue'], '超时未办结', c.overdue, '件', c.overdue > 0),
        ...HELP_TYPES.map((t) => domainLine(`help.type.${t}`, D['help.type'], `新登记：${HELP_TYPE_LABELS[t]}`, byType.get(t) ?? 0, '件'))
      ],
      notes: []
    }
  }
} satisfies ReportContributor
