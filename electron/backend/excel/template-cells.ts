import type ExcelJS from 'exceljs'
import { formatZhDate } from '../../../shared/domain/dates'
import { FIELD_MARKER, fieldsIn } from '../../../shared/domain/template-fields'
import type { FieldValue } from '../../../shared/domain/template-fields'
import { excelDate } from './export-writer'

const WHOLE_CELL = /^\s*\{\{\s*([^{}]+?)\s*\}\}\s*$/

/** The text of a cell as the clerk typed it (rich text joined), null for numbers, dates and empties. */
function textOf(value: ExcelJS.CellValue): string | null {
  if (typeof value === 'string') return value
  if (value && typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('')
  return null
}

const asText = (f: FieldValue) => (f.kind === 'date' ? formatZhDate(f.value) : String(f.value))

/** The field names of a worksheet's cells that no value is known for (a typo, a figure of another form). */
export function unknownFields(ws: ExcelJS.Worksheet, fields: ReadonlyMap<string, FieldValue>): string[] {
  const unknown = new Set<string>()
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => {
      for (const name of fieldsIn(textOf(cell.value) ?? '')) if (!fields.has(name)) unknown.add(name)
    })
  )
  return [...unknown]
}

/** Whether a worksheet holds any {{…}} field at all. */
export function hasFields(ws: ExcelJS.Worksheet): boolean {
  let found = false
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (fieldsIn(textOf(cell.value) ?? '').length > 0) found = true
    })
  )
  return found
}

/**
 * Fills each {{field}} of the template's own cells, keeping the cell's style and merge: a cell that
 * is the field alone gets the value typed (a figure a number the street office can sum, a day a
 * real Excel date on the wall clock); a field inside words ('今日返回 {{今日返回}} 人') is written
 * into them. Run on the template as registered, before any row is written, so a resident's note
 * that happens to hold braces is never read as a field. Call unknownFields first.
 */
export function fillFieldCells(ws: ExcelJS.Worksheet, fields: ReadonlyMap<string, FieldValue>): number {
  let filled = 0
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (cell.isMerged && cell.master !== cell) return
      const text = textOf(cell.value)
      if (text === null || !text.includes('{{')) return
      const whole = WHOLE_CELL.exec(text)
      const field = whole ? fields.get(whole[1] ?? '') : undefined
      if (field?.kind === 'number') cell.value = field.value
      else if (field?.kind === 'date') {
        cell.value = excelDate(field.value)
        if (!cell.numFmt || cell.numFmt === 'General' || cell.numFmt === '@') cell.numFmt = 'yyyy-mm-dd'
      } else {
        cell.value = text.replace(FIELD_MARKER, (marker, name: string) => {
          const f = fields.get(name)
          return f ? asText(f) : marker
        })
      }
      filled++
    })
  )
  return filled
}
