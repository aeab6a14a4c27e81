import { maskId, maskPhone, splitIsoDate } from '../../../../shared/domain'
import type { CellKind, CellValue } from './types'

/** A cell as the writer hands it to exceljs: text, a number, a date (wall clock as UTC) or nothing. */
export type WrittenCell = string | number | Date | null

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/

/**
 * The one clock rule of every export. Excel cells have no time zone: a clerk reads the digits.
 * exceljs turns a JS Date into a serial from its UTC fields, so an instant written as is shows
 * UTC (11:14 in Beijing became 03:14). The cell is therefore built from the local wall clock of
 * this process (the office PC's zone) as if it were UTC. Strings without a zone ('2026-02-03',
 * '2026-02-03 11:14', what the app stores for calendar days and typed times) already are the wall
 * clock; an ISO instant ('…Z') or a Date is converted to the local one first.
 */
export function wallClockCell(value: Date | string | null): Date | null {
  if (value === null || value === '') return null
  if (typeof value === 'string') {
    const m = WALL_CLOCK.exec(value)
    if (m) {
      const day = splitIsoDate(`${m[1]}-${m[2]}-${m[3]}`)
      if (!day) return null
      return new Date(Date.UTC(day.y, day.m - 1, day.d, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)))
    }
    value = new Date(value)
  }
  if (Number.isNaN(value.getTime())) return null
  return new Date(Date.UTC(value.getFullYear(), value.getMonth(), value.getDate(), value.getHours(), value.getMinutes(), value.getSeconds()))
}

/** 0 -> A, 25 -> Z, 26 -> AA, 701 -> ZZ, 702 -> AAA: Excel's letters for a 0-based column. */
export function columnLetter(index: number): string {
  let n = index + 1
  let s = ''
  while (n > 0) {
    const rem = (n - 1) % 26
    s = String.fromCharCode(65 + rem) + s
    n = Math.floor((n - 1) / 26)
  }
  return s
}

function masked(kind: 'masked-id' | 'masked-phone', value: CellValue, full: boolean): string {
  const all = Array.isArray(value) ? (value as readonly string[]) : [String(value)]
  const shown = full ? all : all.map((v) => (kind === 'masked-id' ? maskId(v) : maskPhone(v)))
  return shown.filter((v) => v !== '').join('、')
}

/** A source's value as the cell shows it, for the .xlsx and (as text) the CSV alike. */
export function writtenCell(kind: CellKind, value: CellValue, full: boolean): WrittenCell {
  if (value === null || value === '') return null
  switch (kind) {
    case 'date':
    case 'datetime':
      // A masked birth date is text ('1975年'): kept as the text it is.
      if (typeof value === 'string' || value instanceof Date) return wallClockCell(value) ?? (typeof value === 'string' ? value : null)
      return null
    case 'number':
      return typeof value === 'number' ? value : Number(value)
    case 'masked-id':
    case 'masked-phone':
      return masked(kind, value, full) || null
    default:
      // Strings are written as strings, never as formulas: '=1+1' stays the text '=1+1'.
      return Array.isArray(value) ? value.join('、') : String(value)
  }
}

const pad = (n: number) => String(n).padStart(2, '0')

/** A written cell as CSV text: dates as the wall clock the .xlsx shows (its UTC fields). */
export function cellText(cell: WrittenCell, kind: CellKind): string {
  if (cell === null) return ''
  if (!(cell instanceof Date)) return String(cell)
  const day = `${cell.getUTCFullYear()}-${pad(cell.getUTCMonth() + 1)}-${pad(cell.getUTCDate())}`
  return kind === 'datetime' ? `${day} ${pad(cell.getUTCHours())}:${pad(cell.getUTCMinutes())}` : day
}
