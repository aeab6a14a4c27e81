import { GATE_ACTION_LABELS, GATE_DIRECTION_LABELS, GATE_WHO_LABELS } from '../../../shared/domain/gate'
import type { MethodArgs } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { getCheckpoint } from '../checkpoints/checkpoints.repo'
import type { ExportColumn, ExportSource } from '../kit/export-source'
import { correctionNotes } from './gate-correct'
import { entryPage } from './gate.repo'
import { toEntryView } from './gate.service'

const EXPORT_LIMIT = 100_000

const COLUMNS: ExportColumn[] = [
  { header: '时间', kind: 'datetime', width: 18 },
  { header: '卡口', kind: 'text', width: 14 },
  { header: '进/出', kind: 'text', width: 7 },
  { header: '类别', kind: 'text', width: 10 },
  { header: '姓名', kind: 'text', width: 12 },
  { header: '联系电话', kind: 'masked-phone', width: 15 },
  { header: '住址或事由', kind: 'text', width: 26 },
  { header: '车牌', kind: 'text', width: 11 },
  { header: '体温(℃)', kind: 'number', width: 9, format: '0.0' },
  { header: '处置', kind: 'text', width: 8 },
  { header: '出入证', kind: 'text', width: 8 },
  { header: '备注', kind: 'text', width: 30 },
  { header: '登记人', kind: 'text', width: 16 },
  { header: '更正', kind: 'text', width: 36 }
]

/**
 * 出入登记表: a day's entries at one checkpoint (or all), oldest first as the paper sheet runs;
 * the office's view of each entry (the household's address), phones masked, fevers in red.
 */
export const gateExport: ExportSource<MethodArgs<'gate.export'>> = {
  key: 'gate',
  label: '出入登记表',
  permission: 'gate.view',
  build(args, { db }) {
    const checkpoint = args.checkpointId === undefined ? null : getCheckpoint(db, args.checkpointId)
    if (args.checkpointId !== undefined && !checkpoint) throw new AppError('NOT_FOUND', '找不到这个卡口。')
    const where = checkpoint?.name ?? '全部卡口'
    // The effective values after any 更正 (gate_entries' own columns), each corrected row marked.
    const records = entryPage(db, { day: args.day, checkpointId: args.checkpointId }, EXPORT_LIMIT, 0).reverse()
    const notes = correctionNotes(db, records)
    return {
      fileName: `出入登记表-${where}-${args.day.replaceAll('-', '')}`,
      summary: (n) => `导出出入登记表 ${args.day} ${where}，${n} 条`,
      sheets: [
        {
          name: '出入登记表',
          title: '出入登记表',
          facts: [`卡口：${where}`, `日期：${args.day}`],
          columns: COLUMNS,
          landscape: true,
          rows: records.map((r) => {
            const v = toEntryView(r, 'office', notes.get(r.id) ?? '')
            return {
              red: v.abnormal,
              cells: [
                v.at,
                v.checkpointName,
                GATE_DIRECTION_LABELS[v.direction],
                GATE_WHO_LABELS[v.who],
                v.name,
                r.phone,
                v.reason,
                v.plate,
                v.temperature,
                GATE_ACTION_LABELS[v.action],
                v.passNumber,
                v.warning,
                v.registeredBy,
                v.correction
              ]
            }
          })
        }
      ]
    }
  }
}
