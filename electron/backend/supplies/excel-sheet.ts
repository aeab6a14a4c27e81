import type ExcelJS from 'exceljs'
import { exportNotice } from '../../../shared/domain/export-notice'
import { localIsoDate } from '../../../shared/domain/dates'

export interface SheetColumn {
  header: string
  key: string
  width: number
  /** Numbers stay numbers (sums work in Excel); everything else is a text cell. */
  numeric?: boolean
}

/**
 * The header block street offices ask for: title, 填报单位 and 填报日期, the prevention-use
 * notice, then the column headings. Returns the row number of the headings.
 */
export function writeHeader(sheet: ExcelJS.Worksheet, title: string, columns: SheetColumn[], info: { community: string; actor: string; at: Date }): number {
  sheet.columns = columns.map((c) => ({ key: c.key, width: c.width }))
  const last = String.fromCharCode(64 + columns.length)
  sheet.mergeCells(`A1:${last}1`)
  sheet.getCell('A1').value = title
  sheet.getCell('A1').font = { bold: true, size: 14 }
  sheet.getCell('A1').alignment = { horizontal: 'center' }
  sheet.mergeCells(`A2:${last}2`)
  sheet.getCell('A2').value = `填报单位：${info.community}    填报人：${info.actor}    填报日期：${localIsoDate(info.at)}`
  sheet.mergeCells(`A3:${last}3`)
  sheet.getCell('A3').value = exportNotice(info.actor, info.at)
  sheet.getCell('A3').font = { color: { argb: 'FFC00000' } }
  for (const cell of ['A1', 'A2', 'A3']) sheet.getCell(cell).numFmt = '@'
  const header = sheet.getRow(4)
  header.values = columns.map((c) => c.header)
  header.font = { bold: true }
  header.eachCell((cell) => {
    cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } }
    cell.alignment = { horizontal: 'center' }
  })
  sheet.views = [{ state: 'frozen', ySplit: 4 }]
  return 4
}

/** Adds a data row; text cells get numFmt '@' so nothing a clerk typed is ever read as a formula. */
export function addDataRow(sheet: ExcelJS.Worksheet, columns: SheetColumn[], values: Record<string, string | number>): ExcelJS.Row {
  const row = sheet.addRow(values)
  for (const c of columns) {
    const cell = row.getCell(c.key)
    if (!c.numeric) {
      cell.value = String(values[c.key] ?? '')
      cell.numFmt = '@'
    }
    cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } }
  }
  return row
}

export async function toBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  const buffer = await workbook.xlsx.writeBuffer()
  return new Uint8Array(buffer as ArrayBuffer)
}
