import type { ImportCheck, ImportNotice, RowCheck } from '../../../shared/contract/excel'
import { AppError } from '../../../shared/errors'
import type { OnExisting } from '../../../shared/schemas/excel'
import type { Session } from '../context'
import type { Db } from '../kit/db'
import { cellText, columnLetter } from './cells'
import type { RawCell } from './cells'
import { headerOver, isSummaryRow } from './header'
import { sheetOf } from './staging'
import type { StagedFile } from './staging'
import { TARGETS } from './targets'
import type { CheckContext, CheckedRow, RowInput } from './targets/types'

export interface CheckRequest {
  sheet: number
  headerStart: number
  headerEnd: number
  mapping: (string | null)[]
  onExisting: OnExisting
}

export interface CheckRun {
  labels: string[]
  rows: CheckedRow<unknown>[]
  ctx: CheckContext
}

const SHOWN_ROWS = 1000

function columnsOf(staged: StagedFile, req: CheckRequest): Map<string, number> {
  const target = TARGETS[staged.target]
  const known = new Set(target.fields.map((f) => f.key))
  const columns = new Map<string, number>()
  req.mapping.forEach((field, index) => {
    if (field === null) return
    const label = target.fields.find((f) => f.key === field)?.label ?? field
    if (!known.has(field)) throw new AppError('BAD_ARGS', `未知的字段：${field}`, { issues: [{ path: `mapping.${index}`, message: '未知的字段' }] })
    if (columns.has(field)) {
      throw new AppError('BAD_ARGS', `“${label}”对应了两列（${columnLetter(columns.get(field) ?? 0)} 列和 ${columnLetter(index)} 列），请只保留一列。`, {
        issues: [{ path: `mapping.${index}`, message: '重复的字段' }]
      })
    }
    columns.set(field, index)
  })
  for (const f of target.fields) {
    if (f.required && !columns.has(f.key))
      throw new AppError('BAD_ARGS', `请为“${f.label}”选择对应的列。`, { issues: [{ path: 'mapping', message: `缺少${f.label}` }] })
  }
  return columns
}

/**
 * Checks every data row without writing: the target's rules per row, then the same
 * person twice in the file. Runs on the store for the preview and again inside the
 * commit's transaction, so the register cannot have changed in between.
 */
export function runCheck(staged: StagedFile, req: CheckRequest, env: CheckEnv, progress?: Progress): CheckRun {
  const steps = checkSteps(staged, req, env, progress)
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
  }
}

/** How long the check may hold the backend's thread before it lets other devices' requests in. */
const SLICE_MS = 8

/**
 * The same check as runCheck, for the 检查 step of a big file: every few milliseconds it lets the
 * backend answer other requests (another PC's search, a gate entry), so one device's import does
 * not freeze the others. A write that comes in between is noticed by the caller (the store's
 * version) and the commit then checks again inside its transaction.
 */
export async function runCheckYielding(staged: StagedFile, req: CheckRequest, env: CheckEnv, progress?: Progress): Promise<CheckRun> {
  const steps = checkSteps(staged, req, env, progress)
  let sliceStart = performance.now()
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
    if (performance.now() - sliceStart >= SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve))
      sliceStart = performance.now()
    }
  }
}

type CheckEnv = { db: Db; session: Session; today: Date }
type Progress = (done: number, total: number) => void

/** The check, one row a step: the drivers above decide when to pause between rows. */
function* checkSteps(staged: StagedFile, req: CheckRequest, env: CheckEnv, progress?: Progress): Generator<void, CheckRun> {
  const sheet = sheetOf(staged, req.sheet)
  if (!sheet) throw new AppError('BAD_ARGS', '没有这个工作表，请重新选择。')
  if (req.headerEnd < req.headerStart || req.headerEnd > sheet.rows.length) throw new AppError('BAD_ARGS', '表头行不正确，请重新选择。')
  const target = TARGETS[staged.target]
  const columns = columnsOf(staged, req)
  const labels = headerOver(sheet, req.headerStart - 1, req.headerEnd - 1, []).labels
  const ctx: CheckContext = { ...env, onExisting: req.onExisting, memo: new Map() }
  const rows: CheckedRow<unknown>[] = []
  const seen = new Map<string, CheckedRow<unknown>>()
  const mapped = [...columns.values()]
  let row: RawCell[] = []
  let texts: string[] = []
  let excelRow = 0
  const input: RowInput = {
    get row() {
      return excelRow
    },
    get: (field) => {
      const c = columns.get(field)
      return c === undefined ? null : (row[c] ?? null)
    },
    text: (field) => {
      const c = columns.get(field)
      return c === undefined ? '' : (texts[c] ?? '')
    },
    column: (field) => {
      const c = columns.get(field)
      return c === undefined ? null : columnLetter(c)
    },
    has: (field) => columns.has(field)
  }
  const total = sheet.rows.length - req.headerEnd
  for (let r = req.headerEnd; r < sheet.rows.length; r++) {
    row = sheet.rows[r] ?? []
    excelRow = r + 1
    if (r > req.headerEnd) yield
    if ((r - req.headerEnd) % 2000 === 1999) progress?.(r - req.headerEnd + 1, total)
    // Every cell normalised once: the blank and 合计 tests and the target's rules all read these.
    texts = row.map((cell) => cellText(cell))
    if (mapped.every((c) => (texts[c] ?? '') === '')) continue
    if (isSummaryRow(texts)) {
      rows.push({
        row: excelRow,
        status: 'skipped',
        name: '',
        errors: [],
        warnings: [{ column: null, field: null, message: '合计/小计或签字行，已跳过' }],
        value: null,
        key: null
      })
      continue
    }
    const checked = target.check(input, ctx)
    if (checked.key !== null && checked.status !== 'error') {
      const first = seen.get(checked.key)
      if (first) {
        checked.status = 'error'
        checked.errors.push({ column: input.column('idNumber'), field: 'idNumber', message: `与第 ${first.row} 行是同一人（证件号码相同），此行未导入` })
        first.warnings.push({ column: input.column('idNumber'), field: 'idNumber', message: `第 ${excelRow} 行是同一人（证件号码相同）` })
      } else seen.set(checked.key, checked)
    }
    rows.push(checked)
  }
  progress?.(total, total)
  return { labels, rows, ctx }
}

export function summarize(stagingId: string, rows: CheckedRow<unknown>[], notices: ImportNotice[] = []): ImportCheck {
  const counts = { new: 0, update: 0, unchanged: 0, error: 0, warning: 0, skipped: 0 }
  for (const r of rows) {
    counts[r.status]++
    if (r.status !== 'error' && r.status !== 'skipped' && r.warnings.length > 0) counts.warning++
  }
  const problem = (r: CheckedRow<unknown>) => (r.errors.length > 0 ? 0 : r.warnings.length > 0 && r.status !== 'skipped' ? 1 : 2)
  const ordered = [...rows].sort((a, b) => problem(a) - problem(b) || a.row - b.row)
  const shown: RowCheck[] = ordered.slice(0, SHOWN_ROWS).map((r) => ({ row: r.row, status: r.status, name: r.name, errors: r.errors, warnings: r.warnings }))
  return { stagingId, total: rows.length, counts, rows: shown, truncated: rows.length > SHOWN_ROWS, notices }
}
