import ExcelJS from 'exceljs'
import type { GateEntryView } from '../../../shared/contract'
import { exportNotice } from '../../../shared/domain/export-notice'
import { GATE_ACTION_LABELS, GATE_DIRECTION_LABELS, GATE_WHO_LABELS } from '../../../shared/domain/gate'

const COLUMNS = [
  { header: '时间', key: 'at', width: 18 },
  { header: '卡口', key: 'checkpoint', width: 14 },
  { header: '进/出', key: 'direction', width: 7 },
  { header: '类别', key: 'who', width: 10 },
  { header: '姓名', key: 'name', width: 12 },
  { header: '联系电话', key: 'phone', width: 15 },
  { header: '住址或事由', key: 'reason', width: 26 },
  { header: '车牌', key: 'plate', width: 11 },
  { header: '体温(℃)', key: 'temperature', width: 9 },
  { header: '处置', key: 'action', width: 8 },
  { header: '出入证', key: 'pass', width: 8 },
  { header: '备注', key: 'warning', width: 30 },
  { header: '登记人', key: 'by', width: 16 }
] as const

/** 出入登记表: header block (填报单位 / 日期), the notice line, one row per entry; phones stay masked. */
export async function gateWorkbook(
  rows: GateEntryView[],
  meta: { communityName: string; day: string; checkpoint: string; actor: string; at: Date }
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '守望'
  const sheet = workbook.addWorksheet('出入登记表', { views: [{ state: 'frozen', ySplit: 4 }], pageSetup: { orientation: 'landscape', paperSize: 9 } })
  sheet.columns = COLUMNS.map((column) => ({ key: column.key, width: column.width }))
  const last = String.fromCharCode(64 + COLUMNS.length)
  sheet.mergeCells(`A1:${last}1`)
  sheet.getCell('A1').value = `${meta.communityName}出入登记表`
  sheet.getCell('A1').font = { bold: true, size: 14 }
  sheet.getCell('A1').alignment = { horizontal: 'center' }
  sheet.mergeCells(`A2:${last}2`)
  sheet.getCell('A2').value = `填报单位：${meta.communityName}    卡口：${meta.checkpoint}    日期：${meta.day}`
  sheet.mergeCells(`A3:${last}3`)
  sheet.getCell('A3').value = exportNotice(meta.actor, meta.at)
  sheet.getCell('A3').font = { color: { argb: 'FFC00000' } }
  const header = sheet.getRow(4)
  header.values = COLUMNS.map((column) => column.header)
  header.font = { bold: true }
  for (const row of [...rows].reverse()) {
    const added = sheet.addRow({
      at: new Date(row.at),
      checkpoint: row.checkpointName,
      direction: GATE_DIRECTION_LABELS[row.direction],
      who: GATE_WHO_LABELS[row.who],
      name: row.name,
      phone: row.phone,
      reason: row.reason,
      plate: row.plate,
      temperature: row.temperature,
      action: GATE_ACTION_LABELS[row.action],
      pass: row.passNumber,
      warning: row.warning,
      by: row.registeredBy
    })
    added.getCell('at').numFmt = 'yyyy-mm-dd hh:mm'
    added.getCell('temperature').numFmt = '0.0'
    // Whatever a volunteer typed stays text: never a formula.
    for (const key of ['name', 'phone', 'reason', 'plate', 'pass', 'warning', 'by']) added.getCell(key).numFmt = '@'
    if (row.abnormal) added.getCell('temperature').font = { color: { argb: 'FFC00000' }, bold: true }
  }
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer)
}
