import type { CellOut, SourceColumn } from '../kit/export-source'
import { wallClockCell } from './export/cells'
import type { CellKind } from './export/types'
import { writeBook } from './export/writer'

export type { CellOut } from '../kit/export-source'

/** The kinds the list sources of the register, returnees and monitoring declare ('code': number text, masked by the source). */
export type ColumnKind = SourceColumn['kind']

/** A list source's kind as the one writer's cell kind: their numbers arrive masked (or full) already. */
export function cellKind(kind: ColumnKind): CellKind {
  return kind === 'code' ? 'text' : kind
}

/** 'YYYY-MM-DD' -> a Date Excel shows as that day, by the engine's one clock rule. */
export function excelDate(iso: string | null): Date | null {
  return wallClockCell(iso)
}

export interface TableColumn {
  header: string
  kind: ColumnKind
  width: number
}

/** A plain table with its own head lines (the rejected rows of an import), through the one writer. */
export interface TableSpec {
  sheetName: string
  title: string
  /** Lines under the title; the last (the notice) in red. */
  lines: string[]
  columns: TableColumn[]
  rows: Iterable<CellOut[]>
}

export async function writeTable(spec: TableSpec): Promise<Uint8Array> {
  const columns = spec.columns.map((c) => ({ header: c.header, kind: cellKind(c.kind), width: c.width }))
  const rows = (function* () {
    for (const cells of spec.rows) yield { cells }
  })()
  const book = { fileName: spec.sheetName, summary: () => '', sheets: [{ name: spec.sheetName, title: spec.title, facts: null, columns, rows }] }
  // Cells are written as given: nothing here is masked again.
  const { bytes } = await writeBook(book, { community: '', actor: '', at: new Date(0), full: true, headLines: spec.lines })
  return bytes
}
