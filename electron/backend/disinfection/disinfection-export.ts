import ExcelJS from 'exceljs'
import type { DisinfectionLogView } from '../../../shared/contract/disinfection'
import { DISINFECT_METHOD_LABELS, PLACE_KIND_LABELS } from '../../../shared/schemas/disinfection'
import type { SheetColumn } from '../supplies/excel-sheet'
import { addDataRow, toBytes, writeHeader } from '../supplies/excel-sheet'

const COLUMNS: SheetColumn[] = [
  { header: '序号', key: 'no', width: 6, numeric: true },
  { header: '消杀时间', key: 'doneAt', width: 17 },
  { header: '场所', key: 'place', width: 18 },
  { header: '场所类型', key: 'kind', width: 10 },
  { header: '楼栋/位置', key: 'building', width: 12 },
  { header: '消毒药剂', key: 'agent', width: 12 },
  { header: '浓度', key: 'concentration', width: 14 },
  { header: '方式', key: 'method', width: 8 },
  { header: '操作人', key: 'operator', width: 10 },
  { header: '检查人', key: 'checker', width: 10 },
  { header: '备注', key: 'note', width: 24 }
]

/** 消杀记录 as the street office asks for it. */
export async function logsWorkbook(logs: DisinfectionLogView[], range: { from: string; to: string }, info: { community: string; actor: string; at: Date }): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '守望'
  const sheet = workbook.addWorksheet('消杀记录')
  writeHeader(sheet, `${info.community}消杀记录（${range.from} 至 ${range.to}）`, COLUMNS, info)
  logs.forEach((log, index) =>
    addDataRow(sheet, COLUMNS, {
      no: index + 1,
      doneAt: log.doneAt,
      place: log.placeName,
      kind: PLACE_KIND_LABELS[log.placeKind],
      building: log.building,
      agent: log.agent,
      concentration: log.concentration,
      method: DISINFECT_METHOD_LABELS[log.method],
      operator: log.operator,
      checker: log.checker,
      note: log.note
    })
  )
  return toBytes(workbook)
}
