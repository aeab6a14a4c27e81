import ExcelJS from 'exceljs'
import { exportNotice } from '../../../shared/domain/export-notice'
import type { AuditView } from '../../../shared/contract/audit'

/** The audit trail as an .xlsx, with the prevention-use notice naming who exported it and when. */
export async function auditWorkbook(rows: AuditView[], actor: string, at: Date, communityName: string): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '守望'
  const sheet = workbook.addWorksheet('操作日志', { views: [{ state: 'frozen', ySplit: 3 }] })
  sheet.columns = [
    { key: 'at', width: 20 },
    { key: 'actor', width: 22 },
    { key: 'action', width: 16 },
    { key: 'summary', width: 70 },
    { key: 'record', width: 16 }
  ]
  sheet.mergeCells('A1:E1')
  sheet.getCell('A1').value = `${communityName || ''}操作日志`
  sheet.getCell('A1').font = { bold: true, size: 14 }
  sheet.mergeCells('A2:E2')
  sheet.getCell('A2').value = exportNotice(actor, at)
  sheet.getCell('A2').font = { color: { argb: 'FFC00000' } }
  const header = sheet.getRow(3)
  header.values = ['时间', '操作人', '操作', '内容', '记录']
  header.font = { bold: true }
  for (const row of rows) {
    const added = sheet.addRow({ at: new Date(row.at), actor: row.actor, action: row.action, summary: row.summary, record: row.record ?? '' })
    added.getCell('at').numFmt = 'yyyy-mm-dd hh:mm:ss'
    // Text cells never become formulas, whatever a summary starts with.
    for (const key of ['actor', 'action', 'summary', 'record']) added.getCell(key).numFmt = '@'
  }
  const buffer = await workbook.xlsx.writeBuffer()
  return new Uint8Array(buffer as ArrayBuffer)
}
