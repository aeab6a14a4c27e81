/**
 * Which cells of an .xlsx hold dates: number formats from xl/styles.xml, column styles
 * from a worksheet's <cols>, and the conversions of serials and ISO 8601 text to Dates.
 */
import { isValidYmd } from '../../../shared/domain'
import { CLOSE, END, MAX_COLUMN, OPEN, XmlCursor, attributes, nameEnd, tagEnd } from './xlsx-xml'

/**
 * Built-in number formats. Ids 27-36 and 50-58 depend on the locale: in Chinese, Japanese
 * and Korean Excel every one of them is a date or a time (27 yyyy"年"m"月", 31
 * yyyy"年"m"月"d"日", 32-35 时/分/秒 ...); they carry their zh-CN codes here, so they read
 * as dates like the other built-in dates and times (14-22, 45-47).
 */
const BUILTIN_FORMATS: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午 h"时"mm"分"',
  35: '上午/下午 h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午 h"时"mm"分"',
  56: '上午/下午 h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"'
}

/** Does a format code show a date or time (exceljs's utils.isDateFmt)? */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false
  const bare = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '')
  return /[ymdhMsb]+/.test(bare)
}

/**
 * For each cellXfs entry (a cell's `s`), whether its numbers are dates: the xf's numFmtId
 * looked up in the file's <numFmts> (backslash escapes removed; a custom format overrides
 * the built-in one of the same id), then in the built-ins; id 0 or none is never a date.
 */
export function parseDateStyles(xml: Buffer): boolean[] {
  const custom: string[] = []
  const xfNumFmts: number[] = []
  const cur = new XmlCursor(xml)
  let depth = 0
  let section = ''
  for (let tok = cur.next(); tok !== END; tok = cur.next()) {
    if (tok === OPEN) {
      depth++
      if (depth === 2) section = cur.is('numFmts') ? 'numFmts' : cur.is('cellXfs') ? 'cellXfs' : ''
      else if (depth === 3 && section === 'numFmts' && cur.is('numFmt')) {
        const a = cur.attrs()
        custom[parseInt(a.numFmtId ?? '', 10)] = (a.formatCode ?? '').replace(/[\\](.)/g, '$1')
      } else if (depth === 3 && section === 'cellXfs' && cur.is('xf')) xfNumFmts.push(parseInt(cur.attrs().numFmtId ?? '', 10))
    } else if (tok === CLOSE) depth--
  }
  return xfNumFmts.map((id) => (id ? isDateFormat(custom[id] || BUILTIN_FORMATS[id]) : false))
}

/**
 * Column (1-based) -> the style its <col> gives, from the <cols> before sheetData (which
 * starts at `end`); null when no column has a style other than 0.
 */
export function parseColumnStyles(b: Buffer, end: number): number[] | null {
  const head = b.subarray(0, end)
  let i = head.indexOf('<cols', 0, 'latin1')
  if (i < 0) return null
  const ranges: [number, number, number][] = []
  let width = 0
  for (i = head.indexOf('<col', i + 5, 'latin1'); i >= 0; i = head.indexOf('<col', i + 4, 'latin1')) {
    const ne = nameEnd(head, i + 1)
    if (ne !== i + 4) continue
    const a = attributes(head, ne, tagEnd(head, ne))
    const min = Math.max(parseInt(a.min ?? '', 10), 1)
    const max = Math.min(parseInt(a.max ?? '', 10), MAX_COLUMN)
    const style = parseInt(a.style ?? '', 10)
    if (!(style > 0 && min <= max)) continue
    ranges.push([min, max, style])
    if (max >= width) width = max + 1
  }
  if (ranges.length === 0) return null
  const styles = new Array<number>(width).fill(0)
  for (const [min, max, style] of ranges) styles.fill(style, min, max + 1)
  return styles
}

/** A serial date, as exceljs's utils.excelToDate made it: the wall-clock time read as UTC. */
export function excelToDate(v: number, date1904: boolean): Date {
  return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000))
}

const ISO_DATE = /^\s*(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?Z?)?\s*$/

/**
 * A t="d" value, ISO 8601 YYYY-MM-DD[THH:MM[:SS[.fff]]], as the same wall-clock-in-UTC
 * Date a date-styled serial gives (2020-02-03 equals serial 43864); other text stays text.
 */
export function isoDate(text: string): Date | string {
  const m = ISO_DATE.exec(text)
  if (!m) return text
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((k) => Number(m[k] ?? 0)) as [number, number, number, number, number, number]
  if (!isValidYmd(y, mo, d) || h > 23 || mi > 59 || s > 59) return text
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms))
  // Date.UTC reads years 0-99 as 1900-1999.
  if (y < 100) date.setUTCFullYear(y, mo - 1, d)
  return date
}
