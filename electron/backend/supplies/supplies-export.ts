import ExcelJS from 'exceljs'
import type { LedgerLine, MonthlySummary } from '../../../shared/contract/supplies'
import { COUNTERPART_KIND_LABELS, LEDGER_KIND_LABELS, SUPPLY_CATEGORY_LABELS } from '../../../shared/schemas/supplies'
import type { SheetColumn } from './excel-sheet'
import { addDataRow, toBytes, writeHeader } from './excel-sheet'

const SUMMARY_COLUMNS: SheetColumn[] = [
  { header: '序号', key: 'no', width: 6, numeric: true },
  { header: '物资名称', key: 'name', width: 18 },
  { header: '类别', key: 'category', width: 10 },
  { header: '规格', key: 'spec', width: 14 },
  { header: '单位', key: 'unit', width: 6 },
  { header: '期初库存', key: 'opening', width: 10, numeric: true },
  { header: '本月入库', key: 'received', width: 10, numeric: true },
  { header: '本月出库', key: 'issued', width: 10, numeric: true },
  { header: '盘点调整', key: 'adjusted', width: 10, numeric: true },
  { header: '报损', key: 'lost', width: 8, numeric: true },
  { header: '期末库存', key: 'closing', width: 10, numeric: true }
]

const LINE_COLUMNS: SheetColumn[] = [
  { header: '日期', key: 'day', width: 12 },
  { header: '单号', key: 'refNo', width: 17 },
  { header: '物资名称', key: 'item', width: 16 },
  { header: '类型', key: 'kind', width: 10 },
  { header: '批号', key: 'batch', width: 12 },
  { header: '数量', key: 'quantity', width: 8, numeric: true },
  { header: '结存', key: 'balance', width: 8, numeric: true },
  { header: '来源/去向', key: 'counterpart', width: 22 },
  { header: '领取人', key: 'receiver', width: 10 },
  { header: '经办人', key: 'actor', width: 16 },
  { header: '备注', key: 'note', width: 24 }
]

function kindText(line: LedgerLine): string {
  const kind = LEDGER_KIND_LABELS[line.kind]
  return line.reversesId !== null ? `${kind}（冲正）` : kind
}

function counterpartText(line: LedgerLine): string {
  const kind = line.counterpartKind ? `${COUNTERPART_KIND_LABELS[line.counterpartKind]}：` : ''
  return `${kind}${line.counterpartName}`
}

/** 物资台账: the month's opening, movements and closing per item, and every line of the month. */
export async function monthlyWorkbook(summary: MonthlySummary, lines: LedgerLine[], info: { community: string; actor: string; at: Date }): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '守望'
  const [y, m] = summary.month.split('-')
  const sheet = workbook.addWorksheet('物资台账')
  writeHeader(sheet, `${info.community}物资台账（${y}年${Number(m)}月）`, SUMMARY_COLUMNS, info)
  summary.rows.forEach((row, index) =>
    addDataRow(sheet, SUMMARY_COLUMNS, {
      no: index + 1,
      name: row.name,
      category: SUPPLY_CATEGORY_LABELS[row.category],
      spec: row.spec,
      unit: row.unit,
      opening: row.opening,
      received: row.received,
      issued: row.issued,
      adjusted: row.adjusted,
      lost: row.lost,
      closing: row.closing
    })
  )
  const foot = sheet.addRow([])
  foot.getCell(1).value = '期末库存 = 期初库存 + 本月入库 − 本月出库 ± 盘点调整 − 报损'
  foot.getCell(1).numFmt = '@'

  const detail = workbook.addWorksheet('出入库明细')
  writeHeader(detail, `${info.community}物资出入库明细（${y}年${Number(m)}月）`, LINE_COLUMNS, info)
  for (const line of lines) {
    addDataRow(detail, LINE_COLUMNS, {
      day: line.day,
      refNo: line.refNo,
      item: line.itemName,
      kind: kindText(line),
      batch: line.batchNo ?? '',
      quantity: line.quantity,
      balance: line.balanceAfter,
      counterpart: counterpartText(line),
      receiver: line.receiver,
      actor: line.actor,
      note: [line.reason, line.note].filter(Boolean).join('；')
    })
  }
  return toBytes(workbook)
}
