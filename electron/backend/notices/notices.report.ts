import { NOTICE_REPORT_DEFINITIONS as D } from '../../../shared/domain/notices'
import { REPORT_GROUP_LABELS, domainLine } from '../../../shared/domain/report'
import type { ReportSection } from '../../../shared/domain/report'
import type { Db } from '../kit/db'
import type { ReportContributor } from '../kit/report-contributor'
import { unitDayFigures } from './notice-units.repo'
import { dayFigures } from './posts.repo'

/**
 * 宣传告知 in the 每日疫情防控报表: notices published that day, households reached of those
 * targeted, and apart from them the 商铺单位 reached of those targeted (a shop is not a household:
 * adding them would make "户" mean two things).
 */
export const noticesReport = {
  section(db: Db, day: string): ReportSection {
    const f = dayFigures(db, day)
    const u = unitDayFigures(db, day)
    return {
      group: 'notices',
      title: REPORT_GROUP_LABELS.notices,
      lines: [
        domainLine('notices.published', D['notices.published'], '今日发布通知', f.published, '条'),
        domainLine('notices.reachedToday', D['notices.reachedToday'], '今日入户告知', f.reachedToday, '户'),
        domainLine('notices.targeted', D['notices.targeted'], '入户告知目标住户', f.targeted, '户'),
        domainLine('notices.reached', D['notices.reached'], '其中已告知', f.reached, '户'),
        domainLine('notices.unitsReachedToday', D['notices.unitsReachedToday'], '今日告知商铺单位', u.reachedToday, '家'),
        domainLine('notices.unitsTargeted', D['notices.unitsTargeted'], '入户告知目标单位', u.targeted, '家'),
        domainLine('notices.unitsReached', D['notices.unitsReached'], '其中已告知单位', u.reached, '家')
      ],
      notes: []
    }
  }
} satisfies ReportContributor
