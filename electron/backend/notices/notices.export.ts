import type { MethodArgs } from '../../../shared/contract'
import { localIsoDate } from '../../../shared/domain/dates'
import { NOTICE_CHANNEL_LABELS, NOTICE_KIND_LABELS } from '../../../shared/domain/notices'
import type { ExportColumn, ExportSource } from '../kit/export-source'
import { doorCounts, noticesBetween, visibleSql } from './notices.repo'
import { gridScopeOf } from './notices.service'
import { progressOf } from './notices.view'
import { postsOf } from './posts.repo'

const NOTICE_COLUMNS: ExportColumn[] = [
  { header: '序号', kind: 'number', width: 6 },
  { header: '发布日期', kind: 'date', width: 12 },
  { header: '标题', kind: 'text', width: 28 },
  { header: '类型', kind: 'text', width: 10 },
  { header: '发布渠道', kind: 'text', width: 24, wrap: true },
  { header: '告知范围', kind: 'text', width: 20 },
  { header: '有效期至', kind: 'date', width: 12 },
  { header: '发布记录', kind: 'number', width: 9 },
  { header: '覆盖群人数', kind: 'number', width: 10 },
  { header: '入户目标户数', kind: 'number', width: 12 },
  { header: '已告知户数', kind: 'number', width: 10 },
  { header: '未联系上户数', kind: 'number', width: 12 },
  { header: '入户目标单位数', kind: 'number', width: 13 },
  { header: '已告知单位数', kind: 'number', width: 12 },
  { header: '未联系上单位数', kind: 'number', width: 13 },
  { header: '登记人', kind: 'text', width: 10 }
]

const POST_COLUMNS: ExportColumn[] = [
  { header: '序号', kind: 'number', width: 6 },
  { header: '通知标题', kind: 'text', width: 28 },
  { header: '渠道', kind: 'text', width: 10 },
  { header: '群名称/位置', kind: 'text', width: 22 },
  { header: '群人数', kind: 'number', width: 8 },
  { header: '数量', kind: 'number', width: 8 },
  { header: '发布人', kind: 'text', width: 10 },
  { header: '发布时间', kind: 'datetime', width: 17 },
  { header: '备注', kind: 'text', width: 20 }
]

/**
 * 宣传台账 of a date range, as the street office asks: every notice published (channels, target,
 * households reached of those targeted, or for a notice to 商铺单位 units in columns of their own,
 * so a column's sum is of one thing) and every publishing record. A grid worker's copy counts
 * their grids' households and units only.
 */
export const noticesExport: ExportSource<MethodArgs<'notices.export'>> = {
  key: 'notices',
  label: '宣传台账',
  permission: 'notices.view',
  build(args, { db, session, now }) {
    const scope = gridScopeOf(session)
    const notices = noticesBetween(db, args.from, args.to, visibleSql(scope))
    const ids = notices.map((n) => n.id)
    const door = doorCounts(db, ids, scope)
    const posts = postsOf(db, ids)
    const titles = new Map(notices.map((n) => [n.id, n.title]))
    const facts = [`填报人：${session.actor}`, `填报日期：${localIsoDate(now)}`]
    return {
      fileName: `宣传台账-${args.from}至${args.to}`,
      summary: (n) => `导出宣传台账 ${args.from} 至 ${args.to}，${n} 行`,
      sheets: [
        {
          name: '宣传台账',
          title: `宣传台账（${args.from} 至 ${args.to}）`,
          facts,
          columns: NOTICE_COLUMNS,
          landscape: true,
          rows: notices.map((n, index) => {
            const own = posts.filter((p) => p.noticeId === n.id)
            const progress = n.door ? progressOf(door.get(n.id)) : null
            const households = n.audience === 'households' ? progress : null
            const units = n.audience === 'units' ? progress : null
            return {
              cells: [
                index + 1,
                n.publishDate,
                n.title,
                NOTICE_KIND_LABELS[n.kind],
                n.channels.map((c) => NOTICE_CHANNEL_LABELS[c]).join('、'),
                n.targetLabel,
                n.validUntil,
                own.length,
                own.reduce((sum, p) => sum + (p.members ?? 0), 0),
                households ? households.targeted : null,
                households ? households.reached : null,
                households ? households.unreachable : null,
                units ? units.targeted : null,
                units ? units.reached : null,
                units ? units.unreachable : null,
                n.createdBy
              ]
            }
          })
        },
        {
          name: '发布记录',
          title: `通知发布记录（${args.from} 至 ${args.to}）`,
          facts,
          columns: POST_COLUMNS,
          rows: posts.map((p, index) => ({
            cells: [
              index + 1,
              titles.get(p.noticeId) ?? '',
              NOTICE_CHANNEL_LABELS[p.channel],
              p.groupName || p.place,
              p.members,
              p.count,
              p.poster,
              p.postedAt,
              p.note
            ]
          }))
        }
      ]
    }
  }
}
