import type { MethodArgs } from '../../../shared/contract'
import type { LedgerLine } from '../../../shared/contract/supplies'
import { localIsoDate } from '../../../shared/domain/dates'
import { COUNTERPART_KIND_LABELS, LEDGER_KIND_LABELS, SUPPLY_CATEGORY_LABELS } from '../../../shared/schemas/supplies'
import type { ExportColumn, ExportSource } from '../kit/export-source'
import { toLine } from './ledger.service'
import { pageLines } from './supplies.repo'
import { monthlySummary } from './supplies.service'

const EXPORT_LIMIT = 200_000

const SUMMARY_COLUMNS: ExportColumn[] = [
  { header: '序号', kind: 'number', width: 6 },
  { header: '物资名称', kind: 'text', width: 18 },
  { header: '类别', kind: 'text', width: 10 },
  { header: '规格', kind: 'text', width: 14 },
  { header: '单位', kind: 'text', width: 6 },
  { header: '期初库存', kind: 'number', width: 10 },
  { header: '本月入库', kind: 'number', width: 10 },
  { header: '本月出库', kind: 'number', width: 10 },
  { header: '盘点调整', kind: 'number', width: 10 },
  { header: '报损', kind: 'number', width: 8 },
  { header: '期末库存', kind: 'number', width: 10 },
  { header: '其中可用', kind: 'number', width: 10 },
  { header: '其中已过期', kind: 'number', width: 10 }
]

const LINE_COLUMNS: ExportColumn[] = [
  { header: '日期', kind: 'date', width: 12 },
  { header: '单号', kind: 'text', width: 17 },
  { header: '物资名称', kind: 'text', width: 16 },
  { header: '类型', kind: 'text', width: 10 },
  { header: '批号', kind: 'text', width: 12 },
  { header: '数量', kind: 'number', width: 8 },
  { header: '结存', kind: 'number', width: 8 },
  { header: '来源/去向', kind: 'text', width: 22 },
  { header: '领取人', kind: 'text', width: 10 },
  { header: '经办人', kind: 'text', width: 16 },
  { header: '备注', kind: 'text', width: 24 }
]

function kindText(line: LedgerLine): string {
  const kind = LEDGER_KIND_LABELS[line.kind]
  return line.reversesId !== null ? `${kind}（冲正）` : kind
}

function counterpartText(line: LedgerLine): string {
  const kind = line.counterpartKind ? `${COUNTERPART_KIND_LABELS[line.counterpartKind]}：` : ''
  return `${kind}${line.counterpartName}`
}

/** 物资台账: the month's opening, movements and closing per item, and a sheet of every line of the month. */
export const suppliesExport: ExportSource<MethodArgs<'supplies.exportMonthly'>> = {
  key: 'supplies',
  label: '物资台账',
  permission: 'supplies.view',
  build(args, { db, session, now }) {
    const summary = monthlySummary(db, args.month, localIsoDate(now))
    const lines = pageLines(db, { from: `${args.month}-01`, to: `${args.month}-31` }, EXPORT_LIMIT, 0, 'asc').map(toLine)
    const [y, m] = args.month.split('-')
    const month = `${y}年${Number(m)}月`
    const facts = [`填报人：${session.actor}`, `填报日期：${localIsoDate(now)}`]
    return {
      fileName: `物资台账-${args.month.replace('-', '年')}月`,
      summary: () => `导出物资台账 ${args.month}（${summary.rows.length} 种物资，${lines.length} 条明细）`,
      sheets: [
        {
          name: '物资台账',
          title: `物资台账（${month}）`,
          facts,
          columns: SUMMARY_COLUMNS,
          rows: summary.rows.map((row, index) => ({
            cells: [
              index + 1,
              row.name,
              SUPPLY_CATEGORY_LABELS[row.category],
              row.spec,
              row.unit,
              row.opening,
              row.received,
              row.issued,
              row.adjusted,
              row.lost,
              row.closing,
              row.closingUsable,
              row.closingExpired
            ]
          })),
          foot: [
            '期末库存 = 期初库存 + 本月入库 − 本月出库 ± 盘点调整 − 报损',
            `期末库存 = 其中可用 + 其中已过期（按 ${summary.asOf} 计：有效期在这一天之前的批次为已过期，不能发放，待报损）`
          ]
        },
        {
          name: '出入库明细',
          title: `物资出入库明细（${month}）`,
          facts,
          columns: LINE_COLUMNS,
          rows: lines.map((line) => ({
            cells: [
              line.day,
              line.refNo,
              line.itemName,
              kindText(line),
              line.batchNo ?? '',
              line.quantity,
              line.balanceAfter,
              counterpartText(line),
              line.receiver,
              line.actor,
              [line.reason, line.note].filter(Boolean).join('；')
            ]
          }))
        }
      ]
    }
  }
}
