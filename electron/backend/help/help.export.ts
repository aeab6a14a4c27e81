import type { MethodArgs } from '../../../shared/contract'
import { localIsoDate } from '../../../shared/domain/dates'
import { exportFileName } from '../../../shared/domain/export-name'
import { HELP_CHANNEL_LABELS, HELP_STATUS_LABELS, HELP_TYPE_LABELS, HELP_URGENCY_LABELS } from '../../../shared/domain/help'
import type { HelpListArgs } from '../../../shared/schemas/help'
import type { ExportColumn, ExportRow, ExportSource } from '../kit/export-source'
import type { Db } from '../kit/db'
import type { SqlPart } from '../kit/db'
import { scopeSql } from '../kit/scope'
import { helpPage } from './help.repo'
import { nowLocalOf } from './help.service'
import { toHelpRows } from './help.view'
import { moneyTotals } from './money.repo'

const COLUMNS: ExportColumn[] = [
  { header: '序号', kind: 'number', width: 6 },
  { header: '登记时间', kind: 'datetime', width: 17, format: 'yyyy-mm-dd hh:mm' },
  { header: '求助人', kind: 'text', width: 10 },
  { header: '重点人群', kind: 'text', width: 12 },
  { header: '联系电话', kind: 'masked-phone', width: 14 },
  { header: '地址', kind: 'text', width: 26 },
  { header: '网格', kind: 'text', width: 10 },
  { header: '渠道', kind: 'text', width: 7 },
  { header: '类型', kind: 'text', width: 13 },
  { header: '紧急程度', kind: 'text', width: 9 },
  { header: '求助内容', kind: 'text', width: 34 },
  { header: '要求完成', kind: 'datetime', width: 17, format: 'yyyy-mm-dd hh:mm' },
  { header: '状态', kind: 'text', width: 8 },
  { header: '志愿者', kind: 'text', width: 10 },
  { header: '办理结果或原因', kind: 'text', width: 30 },
  { header: '回访', kind: 'text', width: 16 },
  { header: '代购垫付(元)', kind: 'number', width: 11, format: '0.00' },
  { header: '已还(元)', kind: 'number', width: 10, format: '0.00' },
  { header: '登记人', kind: 'text', width: 10 }
]

const PAGE = 500

/** The list's filters in words, for the header line (empty when none but the default). */
function filterText(f: HelpListArgs): string {
  const parts: string[] = []
  if (f.openOnly) parts.push('未办结')
  if (f.status) parts.push(`状态 ${HELP_STATUS_LABELS[f.status]}`)
  if (f.type) parts.push(`类型 ${HELP_TYPE_LABELS[f.type]}`)
  if (f.urgency) parts.push(`紧急程度 ${HELP_URGENCY_LABELS[f.urgency]}`)
  if (f.from || f.to) parts.push(`登记日期 ${f.from ?? '…'} 至 ${f.to ?? '…'}`)
  if (f.q) parts.push(`查找“${f.q}”`)
  return parts.join('，')
}

/** Rows in the desk's order (overdue first), a page at a time, so a long year never sits in memory twice. */
function* rowsOf(db: Db, f: HelpListArgs, scope: SqlPart, nowLocal: string): Generator<ExportRow> {
  let n = 0
  for (let offset = 0; ; offset += PAGE) {
    const { rows: records } = helpPage(db, f, scope, nowLocal, PAGE, offset)
    if (records.length === 0) return
    const views = toHelpRows(db, records, nowLocal)
    const money = moneyTotals(
      db,
      records.map((r) => r.id)
    )
    for (const [i, r] of records.entries()) {
      const view = views[i]
      if (!view) continue
      const paid = money.get(r.id)
      n += 1
      yield {
        red: view.overdue || r.urgency === 'life',
        cells: [
          n,
          r.createdAt,
          r.name,
          view.keyGroups.join('、'),
          r.phone,
          r.address,
          r.gridName ?? '',
          HELP_CHANNEL_LABELS[r.channel],
          HELP_TYPE_LABELS[r.type],
          HELP_URGENCY_LABELS[r.urgency],
          r.content,
          r.wantedBy,
          `${HELP_STATUS_LABELS[r.status]}${view.overdue ? '（超时）' : ''}`,
          r.volunteerName ?? '',
          r.result || r.reason,
          r.followUp === null ? '' : `${r.followUp === 'satisfied' ? '满意' : '不满意'}${r.followUpNote ? `：${r.followUpNote}` : ''}`,
          paid ? paid.advancedFen / 100 : null,
          paid ? paid.repaidFen / 100 : null,
          r.createdBy
        ]
      }
    }
    if (records.length < PAGE) return
  }
}

/**
 * 居民求助登记表: the 求助台账 as it is filtered (the caller's grids only), one row a request, in the
 * desk's order; phones masked, times on the office's wall clock, overdue and life-threatening
 * requests in red, the 代购 money in yuan.
 */
export const helpExport: ExportSource<MethodArgs<'help.export'>> = {
  key: 'help',
  label: '居民求助登记表',
  permission: 'help.view',
  build(args, { db, session, now }) {
    const filter = filterText(args)
    const scope = scopeSql('q.grid_id', session.gridScope)
    const nowLocal = nowLocalOf(now)
    const total = helpPage(db, args, scope, nowLocal, 0, 0).total
    return {
      // The one naming rule of exported files (name-day), without the extension the engine adds.
      fileName: exportFileName(['居民求助登记表'], localIsoDate(now), 'xlsx').replace(/\.xlsx$/, ''),
      summary: (n) => `导出居民求助登记表，${n} 件${filter ? `（${filter}）` : ''}`,
      sheets: [
        {
          name: '居民求助登记表',
          title: '居民求助登记表',
          facts: [`共 ${total} 件`, ...(filter ? [`筛选：${filter}`] : [])],
          columns: COLUMNS,
          landscape: true,
          rows: rowsOf(db, args, scope, nowLocal)
        }
      ]
    }
  }
}
