import { NOTICE_REPORT_DEFINITIONS as D } from '../../../shared/domain/notices'
import { REPORT_GROUP_LABELS, domainLine } from '../../../shared/domain/report'
import type { ReportSection } from '../../../shared/domain/report'
import type { Db } from '../kit/db'
import type { ReportContributor } from '../kit/report-contributor'
import { dayFigures } from './posts.repo'

/**
 * 宣传告知 in the 每日疫情防控报表: notices published that day, households reached of those targeted.
 */
export const noticesReport = {
  section(db: Db, day: string): ReportSection {
    const f = dayFigures(db, day)
    return {
      group: 'notices',
      title: REPORT_GROUP_LABELS.notices,
      lines: [
        domainLine('notices.published', D['notices.published'], '今日发布通知', f.published, '条'),
        domainLine('notices.reachedToday', D['notices.reachedToday'], '今日入户告知', f.reachedToday, '户'),
        domainLine('notices.targeted', D['notices.targeted'], '入户告知目标住户', f.targeted, '户'),
        domainLine('notices.reached', D['notices.reached'], '其中已告知', f.reached, '户')
      ],
      notes: []
    }
  }
} satisfies ReportContributor
