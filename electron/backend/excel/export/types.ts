import type { Permission } from '../../../../shared/contract/types'
import type { Session } from '../../context'
import type { Db } from '../../kit/db'

/**
 * What a cell holds, so the one writer formats it the same in every export:
 * - text: written as a string under '@', never a formula, whatever it starts with;
 * - date / datetime: the wall clock of the office's zone (see wallClockCell), as a real Excel date;
 * - number: a number (sums work), with the column's format if it has one;
 * - masked-id / masked-phone: the stored number, masked by the writer unless the export is a full one.
 */
export type CellKind = 'text' | 'date' | 'datetime' | 'number' | 'masked-id' | 'masked-phone'

/**
 * A cell's value as a source gives it. Dates: 'YYYY-MM-DD'; times: a Date, an ISO instant
 * ('…Z') or a wall-clock string without a zone ('YYYY-MM-DD HH:mm'). Several phones in one cell
 * come as an array, each masked on its own and joined with '、'.
 */
export type CellValue = string | number | Date | null | readonly string[]

export interface ExportColumn {
  header: string
  kind: CellKind
  width: number
  /** Excel number format of a number or datetime column (e.g. '0.0', 'yyyy-mm-dd hh:mm:ss'). */
  format?: string
  /** Lines inside a cell (a roster cell lists several people). */
  wrap?: true
}

/** One data row: cells in column order; red for a row that must stand out, as the app's lists show it. */
export interface ExportRow {
  cells: readonly CellValue[]
  red?: boolean
}

/**
 * One sheet: the title (the writer puts the community's name before it), the 填报单位 line with
 * the source's facts after it (null: no such line), the prevention-use notice, the header, the
 * rows, and lines under the table. Rows may be a generator read a page at a time (50,000 people).
 */
export interface ExportSheet {
  name: string
  title: string
  facts: readonly string[] | null
  columns: readonly ExportColumn[]
  rows: Iterable<ExportRow>
  /** Lines under the table, each across its width (a formula in words, the duty officer). */
  foot?: readonly string[]
  landscape?: true
}

/** What a source hands the engine: the sheets, the file's name and the audit summary. */
export interface ExportBook {
  /** Without extension; the engine adds .xlsx or .csv. */
  fileName: string
  sheets: readonly ExportSheet[]
  /** The 操作日志 line, told how many rows were written (known only once a generator has run). */
  summary: (rows: number) => string
}

export interface SourceContext {
  db: Db
  session: Session
  now: Date
  /** Full numbers were asked for (and the permission and reason checked): dates of birth in full too. */
  full: boolean
}

/**
 * An export owned by a domain (<domain>/<domain>.export.ts): what it is called, whose view
 * permission it needs, whether it may be exported with full numbers, and how to build its
 * sheets from the domain's own arguments. It never touches exceljs: the engine writes it.
 */
export interface ExportSource<A> {
  key: string
  /** 出入登记表, 志愿者花名册 …: named in refusals and in the reason dialog. */
  label: string
  /** The domain's view permission; the engine adds data.export (and data.exportFull for full numbers). */
  permission: Permission
  /** Holds ID numbers or phones that a full export may show (with a reason, audited). */
  fullNumbers?: true
  build(args: A, ctx: SourceContext): ExportBook
}
