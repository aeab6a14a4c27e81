/**
 * What a domain gives the Excel engine to export (electron/backend/excel/export/): kept in the kit,
 * beside Db and scopeSql, because every domain's <domain>.export.ts implements it while the engine
 * reads the register's and monitoring's lists; a domain never imports the engine for its types.
 */
import type { Permission } from '../../../shared/contract/types'
import type { ExportFilter, ExportListKey } from '../../../shared/schemas/excel'
import type { Session } from '../context'
import type { Db } from './db'

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

/** A list's column as a report template maps it (by key) and the engine writes it (by kind). */
export interface SourceColumn {
  key: string
  label: string
  /** 'code': number text the source has already masked (or not, for a full export). */
  kind: 'text' | 'code' | 'date' | 'number'
  width: number
}

export type CellOut = string | number | null

/**
 * A list of the register, returnees or monitoring (导出 menu, report templates): keyed columns a
 * template can be mapped onto, rows in list order with the page's filters and the caller's grids.
 */
export interface ListSource {
  key: ExportListKey
  title: string
  columns: SourceColumn[]
  /** Its search box is the register's (ID and phone digits): paced like the lists' (guardDigitSearch). */
  searchesRegister?: true
  /** A row that must stand out (an abnormal person): written in red. */
  alert?: (row: Record<string, CellOut>) => boolean
  /** Rows in list order, read a page at a time; grid scope applied in SQL. */
  rows(db: Db, session: Session, filter: ExportFilter, today: Date, full: boolean): Generator<Record<string, CellOut>>
}
