/**
 * Calendar dates as 'YYYY-MM-DD' strings. Dates here are days on a calendar (birth
 * dates, visit dates), never instants, so all arithmetic runs in UTC where no day is
 * 23 or 25 hours long and the machine's time zone cannot shift a date by one.
 */

export type DateErrorCode = 'EMPTY' | 'FORMAT' | 'INVALID' | 'RANGE'

export type LooseDateResult = { ok: true; date: string } | { ok: false; code: DateErrorCode; message: string }

const DAY_MS = 86_400_000

// Excel's 1900 date system: serial 1 is 1900-01-01 and 2958465 is 9999-12-31.
const EXCEL_MAX_SERIAL = 2_958_465
// Lotus 1-2-3 wrongly treated 1900 as a leap year and Excel kept the bug for
// compatibility, so serial 60 is a 1900-02-29 that never existed and every later
// serial is one day ahead of a plain day count.
const EXCEL_FAKE_LEAP_DAY = 60
const EXCEL_EPOCH_BEFORE_BUG = Date.UTC(1899, 11, 31)
const EXCEL_EPOCH_AFTER_BUG = Date.UTC(1899, 11, 30)

const FORMAT_HINT = '无法识别的日期，请使用如 2020-02-03、2020/2/3、2020.2.3 或 2020年2月3日 的写法'

function pad2(n: number): string {
  return String(n).padStart(2, '0')
}

export function isValidYmd(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0
  return d <= daysInMonth
}

export function ymdToIso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`
}

/** The local calendar day of a Date, e.g. "today" on the clerk's machine. */
export function localIsoDate(d: Date): string {
  return ymdToIso(d.getFullYear(), d.getMonth() + 1, d.getDate())
}

function utcMsToIso(ms: number): string {
  const d = new Date(ms)
  return ymdToIso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())
}

/** Splits a strict 'YYYY-MM-DD'; null when malformed or not a real calendar date. */
export function splitIsoDate(iso: string): { y: number; m: number; d: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!match) return null
  const y = Number(match[1])
  const m = Number(match[2])
  const d = Number(match[3])
  return isValidYmd(y, m, d) ? { y, m, d } : null
}

function isoToUtcMs(iso: string): number {
  const parts = splitIsoDate(iso)
  if (!parts) throw new RangeError(`Not a valid YYYY-MM-DD date: ${JSON.stringify(iso)}`)
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
  const t = new Date(Date.UTC(2000, parts.m - 1, parts.d))
  t.setUTCFullYear(parts.y)
  return t.getTime()
}

function fromParts(y: number, m: number, d: number): LooseDateResult {
  if (y < 1000 || !isValidYmd(y, m, d)) {
    return { ok: false, code: 'INVALID', message: `日期 ${y}年${m}月${d}日 不存在，请核对` }
  }
  return { ok: true, date: ymdToIso(y, m, d) }
}

function fromExcelSerial(n: number): LooseDateResult {
  if (Number.isInteger(n) && n >= 10_000_000 && n <= 99_991_231) {
    // An 8-digit integer is beyond any serial: it is a date typed as 20200203.
    return fromParts(Math.floor(n / 10_000), Math.floor(n / 100) % 100, n % 100)
  }
  // The fraction is the time of day, which a calendar date ignores.
  const serial = Math.floor(n)
  if (!Number.isFinite(n) || serial < 1 || serial > EXCEL_MAX_SERIAL) {
    return { ok: false, code: 'RANGE', message: `数字 ${n} 不是有效的 Excel 日期` }
  }
  if (serial === EXCEL_FAKE_LEAP_DAY) {
    const message = '1900年2月29日并不存在（Excel 的历史遗留错误），请核对'
    return { ok: false, code: 'INVALID', message }
  }
  const epoch = serial < EXCEL_FAKE_LEAP_DAY ? EXCEL_EPOCH_BEFORE_BUG : EXCEL_EPOCH_AFTER_BUG
  return { ok: true, date: utcMsToIso(epoch + serial * DAY_MS) }
}

function fromDate(d: Date): LooseDateResult {
  if (Number.isNaN(d.getTime())) return { ok: false, code: 'INVALID', message: '日期无效' }
  // exceljs hands back spreadsheet dates as UTC midnight; reading those in local time
  // would give the previous day west of Greenwich. Anything else was made by local code.
  const utcMidnight = d.getTime() % DAY_MS === 0
  return utcMidnight ? fromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) : fromParts(d.getFullYear(), d.getMonth() + 1, d.getDate())
}

// A time after the date is tolerated (Excel exports "2020/2/3 0:00:00") but must look
// like a time, so that "2020-02-03abc" is still rejected.
const TIME_TAIL = /^(?:[T\s]|上午|中午|下午|早上|晚上)*(?:\d{1,2}[:时点].*)?$/
const DATE_PATTERNS: ReadonlyArray<{ re: RegExp; y: number; m: number; d: number; tail: number }> = [
  { re: /^(\d{4})([./-])(\d{1,2})\2(\d{1,2})(.*)$/, y: 1, m: 3, d: 4, tail: 5 },
  { re: /^(\d{4}) ?年 ?(\d{1,2}) ?月 ?(\d{1,2}) ?[日号]?(.*)$/, y: 1, m: 2, d: 3, tail: 4 },
  // Without separators only exactly eight digits are unambiguous ("2020023" is not).
  { re: /^(\d{4})(\d{2})(\d{2})(\D.*)?$/, y: 1, m: 2, d: 3, tail: 4 }
]

function fromString(raw: string): LooseDateResult {
  const s = raw.normalize('NFKC').replace(/\s+/g, ' ').trim()
  if (s === '') return { ok: false, code: 'EMPTY', message: '日期为空' }
  for (const p of DATE_PATTERNS) {
    const match = p.re.exec(s)
    if (!match) continue
    if (!TIME_TAIL.test(match[p.tail] ?? '')) break
    return fromParts(Number(match[p.y]), Number(match[p.m]), Number(match[p.d]))
  }
  return { ok: false, code: 'FORMAT', message: FORMAT_HINT }
}

/**
 * Reads a date the way it arrives from forms and spreadsheets: a Date, an Excel serial
 * number, or one of the spellings clerks use. Always yields 'YYYY-MM-DD'.
 */
export function parseLooseDate(value: unknown): LooseDateResult {
  if (value == null) return { ok: false, code: 'EMPTY', message: '日期为空' }
  if (value instanceof Date) return fromDate(value)
  if (typeof value === 'number') return fromExcelSerial(value)
  if (typeof value === 'string') return fromString(value)
  return { ok: false, code: 'FORMAT', message: FORMAT_HINT }
}

/** Adds n calendar days; throws on a malformed date since that is a programming error. */
export function addDays(iso: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`Day count must be an integer: ${n}`)
  return utcMsToIso(isoToUtcMs(iso) + n * DAY_MS)
}

/** Whole days from a to b: positive when b is later. */
export function daysBetween(a: string, b: string): number {
  return Math.round((isoToUtcMs(b) - isoToUtcMs(a)) / DAY_MS)
}

/** '2020-02-03' -> '2020年2月3日'. Display helper, so it never throws. */
export function formatZhDate(iso: string | null | undefined): string {
  if (!iso) return ''
  const parts = splitIsoDate(iso)
  return parts ? `${parts.y}年${parts.m}月${parts.d}日` : iso
}
