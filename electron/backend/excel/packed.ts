import { deserialize, serialize } from 'node:v8'
import type { CellRange, RawCell, SheetData, WorkbookData } from './cells'
import { columnCount } from './cells'
import { isSkippedSheet, proposeSheet } from './header'
import { readWorkbookFile } from './read-file'
import type { ReadProgress } from './read-xlsx'

/**
 * A staged sheet as one flat buffer (V8's own serialization of its rows and merges) instead of a
 * tree of arrays: a 50,000-row sheet as JS arrays held several hundred MB, as bytes about the size
 * of its text. The facts the wizard shows for every sheet are kept beside it, so only the sheet
 * being worked on is ever unpacked, and only for the step that needs it.
 */
export interface PackedSheet {
  name: string
  hidden: boolean
  rows: number
  columns: number
  skipped: boolean
  body: Uint8Array
}

export interface PackedWorkbook {
  kind: WorkbookData['kind']
  sheets: PackedSheet[]
  /** The sheet the wizard proposes for these target fields (see header.ts). */
  proposed: number
}

interface SheetBody {
  rows: RawCell[][]
  merges: CellRange[]
}

export type SheetFacts = Omit<PackedSheet, 'body'>

/** What the wizard lists for every sheet. */
export function sheetFacts(sheet: SheetData): SheetFacts {
  return { name: sheet.name, hidden: sheet.hidden, rows: sheet.rows.length, columns: columnCount(sheet), skipped: isSkippedSheet(sheet) }
}

export function packSheet(sheet: SheetData): PackedSheet {
  const body: SheetBody = { rows: sheet.rows, merges: sheet.merges }
  return { ...sheetFacts(sheet), body: serialize(body) }
}

export function unpackSheet(sheet: PackedSheet): SheetData {
  const body = deserialize(sheet.body) as SheetBody
  return { name: sheet.name, hidden: sheet.hidden, rows: body.rows, merges: body.merges }
}

export function packedBytes(book: PackedWorkbook): number {
  return book.sheets.reduce((sum, s) => sum + s.body.byteLength, 0)
}

/**
 * Reads a clerk's file and packs it, sheet by sheet (each sheet's arrays can go once packed).
 * Runs in the Excel scratch worker (read-worker.ts), or inline where no worker bundle was given.
 */
export async function readAndPack(fileName: string, raw: Uint8Array, accepted: readonly string[], onProgress?: ReadProgress): Promise<PackedWorkbook> {
  const workbook = await readWorkbookFile(fileName, raw, onProgress)
  const proposed = proposeSheet(workbook.sheets, accepted)
  const sheets = workbook.sheets.map((sheet, i) => {
    const packed = packSheet(sheet)
    workbook.sheets[i] = { ...sheet, rows: [], merges: [] }
    return packed
  })
  return { kind: workbook.kind, sheets, proposed }
}
