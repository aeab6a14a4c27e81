import ExcelJS from 'exceljs'
import { exportNotice } from '../../../shared/domain/export-notice'

export interface XlsxColumn {
  header: string
  key: string
  width: number
  /** 'text' cells keep IDs, phones and typed words as text ('@'), never numbers or formulas. */
  kind?: 'text' | 'date' | 'number'
}

/**
 * One sheet with the header block the street office expects (title, 填报单位 / 填报日期, the
 * prevention-use notice) above the column headers; dates are real dates, text stays text.
 */
export async function ledgerWorkbook(
  meta: { title: string; communityName: string; actor: string; at: Date; day: string; extra?: string },
  columns: readonly XlsxColumn[],
  rows: Record<string, string | number | Date | null>[],
  redRow?: (row: Record<string, string | number | Date | null>) => boolean
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '守望'
  const sheet = workbook.addWorksheet(meta.title, { views: [{ state: 'frozen', ySplit: 4 }], pageSetup: { orientation: 'landscape', paperSize: 9 } })
  sheet.columns = columns.map((column) => ({ key: column.key, width: column.width }))
  const last = sheet.getColumn(columns.length).letter
  sheet.mergeCells(`A1:${last}1`)
  sheet.getCell('A1').value = `${meta.communityName}${meta.title}`
  sheet.getCell('A1').font = { bold: true, size: 14 }
  sheet.getCell('A1').alignment = { horizontal: 'center' }
  sheet.mergeCells(`A2:${last}2`)
  sheet.getCell('A2').value = `填报单位：${meta.communityName}    填报日期：${meta.day}${meta.extra ? `    ${meta.extra}` : ''}`
  sheet.mergeCells(`A3:${last}3`)
  sheet.getCell('A3').value = exportNotice(meta.actor, meta.at)
  sheet.getCell('A3').font = { color: { argb: 'FFC00000' } }
  const header = sheet.getRow(4)
  header.values = columns.map((column) => column.header)
  header.font = { bold: true }
  for (const row of rows) {
    const added = sheet.addRow(row)
    for (const column of columns) {
      const cell = added.getCell(column.key)
      if (column.kind === 'date') cell.numFmt = 'yyyy-mm-dd'
      else if (column.kind !== 'number') cell.numFmt = '@'
    }
    if (redRow?.(row)) added.font = { color: { argb: 'FFC00000' }, bold: true }
  }
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer)
}

/** 'YYYY-MM-DD' as a spreadsheet date (UTC midnight, which Excel shows as that day). */
export function excelDate(iso: string | null): Date | null {
  return iso ? new Date(`${iso}T00:00:00Z`) : null
}
