import type { MethodArgs } from '../../../shared/contract'
import { localIsoDate as localDay } from '../../../shared/domain/dates'
import { AppError } from '../../../shared/errors'
import { DISINFECT_METHOD_LABELS, PLACE_KIND_LABELS } from '../../../shared/schemas/disinfection'
import type { ExportColumn, ExportSource } from '../kit/export-source'
import { pageLogs } from './disinfection.repo'
import { toLogView } from './disinfection.service'

const EXPORT_LIMIT = 100_000

const COLUMNS: ExportColumn[] = [
  { header: '序号', kind: 'number', width: 6 },
  { header: '消杀时间', kind: 'datetime', width: 17 },
  { header: '场所', kind: 'text', width: 18 },
  { header: '场所类型', kind: 'text', width: 10 },
  { header: '楼栋/位置', kind: 'text', width: 12 },
  { header: '消毒药剂', kind: 'text', width: 12 },
  { header: '浓度', kind: 'text', width: 14 },
  { header: '方式', kind: 'text', width: 8 },
  { header: '操作人', kind: 'text', width: 10 },
  { header: '检查人', kind: 'text', width: 10 },
  { header: '备注', kind: 'text', width: 24 }
]

/** 消杀记录 of a date range, oldest first, as the street office asks for it. */
export const disinfectionExport: ExportSource<MethodArgs<'disinfection.export'>> = {
  key: 'disinfection',
  label: '消杀记录',
  permission: 'supplies.view',
  build(args, { db, session, now }) {
    if (args.from > args.to) throw new AppError('BAD_ARGS', '开始日期不能晚于结束日期。', { issues: [{ path: 'from', message: '开始日期晚于结束日期' }] })
    const logs = pageLogs(db, args, EXPORT_LIMIT, 0, 'asc').map(toLogView)
    return {
      fileName: `消杀记录-${args.from}至${args.to}`,
      summary: (n) => `导出消杀记录 ${args.from} 至 ${args.to}，${n} 条`,
      sheets: [
        {
          name: '消杀记录',
          title: `消杀记录（${args.from} 至 ${args.to}）`,
          facts: [`填报人：${session.actor}`, `填报日期：${localDay(now)}`],
          columns: COLUMNS,
          rows: logs.map((log, index) => ({
            cells: [
              index + 1,
              log.doneAt,
              log.placeName,
              PLACE_KIND_LABELS[log.placeKind],
              log.building,
              log.agent,
              log.concentration,
              DISINFECT_METHOD_LABELS[log.method],
              log.operator,
              log.checker,
              log.note
            ]
          }))
        }
      ]
    }
  }
}
