import type { ImportPreview, ImportSummary, SheetInfo } from '../../../shared/contract/excel'
import { localIsoDate } from '../../../shared/domain'
import { exportNotice } from '../../../shared/domain/export-notice'
import { headerSignature } from '../../../shared/domain/excel-synonyms'
import { AppError } from '../../../shared/errors'
import type { ExcelCheckArgs, ExcelPreviewArgs, ExcelShapeArgs } from '../../../shared/schemas/excel'
import type { Ctx } from '../context'
import type { Db } from '../kit/db'
import { cellText, columnCount, columnLetter, isBlank } from './cells'
import type { SheetData } from './cells'
import { mappingBySignature } from './excel.repo'
import { writeTable } from './export-writer'
import { detectHeader, headerOver } from './header'
import type { HeaderGuess } from './header'
import { runCheck, runCheckYielding, summarize } from './import-check'
import type { CheckRun } from './import-check'
import type { SheetFacts } from './packed'
import { readInScratch } from './read-scratch'
import { assertRoom, keepOnlyRejected, sheetOf, stage, staged as findStaged } from './staging'
import type { StagedFile } from './staging'
import { TARGETS } from './targets'

const progress = (ctx: Ctx, jobId: string | undefined, label: string) => (done: number, total: number) => {
  if (jobId) ctx.emit({ type: 'progress', jobId, done, total, label })
}

export function sheetInfos(sheets: SheetFacts[]): SheetInfo[] {
  return sheets.map((s, index) => ({ index, name: s.name, hidden: s.hidden, skipped: s.skipped, rows: s.rows, columns: s.columns }))
}

/** A saved mapping for files with these headers, if the table exists yet (it comes with migration 0006). */
function savedFor(db: Db, target: string, labels: string[]): { name: string; mapping: (string | null)[] } | null {
  const found = mappingBySignature(db, target, headerSignature(labels))
  if (!found) return null
  const mapping = JSON.parse(found.mapping) as (string | null)[]
  return { name: found.name, mapping }
}

function previewOf(db: Db, s: StagedFile, sheetIndex: number, sheet: SheetData, guess: HeaderGuess): ImportPreview {
  const target = TARGETS[s.target]
  const saved = savedFor(db, s.target, guess.labels)
  const known = new Set(target.fields.map((f) => f.key))
  const columns = guess.labels.map((header, index) => {
    const samples: string[] = []
    for (let r = guess.end + 1; r < sheet.rows.length && samples.length < 3; r++) {
      const cell = sheet.rows[r]?.[index] ?? null
      if (!isBlank(cell)) samples.push(cellText(cell).slice(0, 40))
    }
    const proposed = saved ? (saved.mapping[index] ?? null) : (guess.fields[index] ?? null)
    return { index, letter: columnLetter(index), header, samples, field: proposed !== null && known.has(proposed) ? proposed : null }
  })
  const width = Math.min(columnCount(sheet), 30)
  const top = sheet.rows.slice(0, Math.min(sheet.rows.length, guess.end + 5)).map((row, r) => ({
    row: r + 1,
    cells: Array.from({ length: width }, (_, c) => cellText(row[c] ?? null).slice(0, 40))
  }))
  return {
    stagingId: s.id,
    fileName: s.fileName,
    target: s.target,
    sheets: sheetInfos(s.workbook.sheets),
    sheet: sheetIndex,
    headerStart: guess.start + 1,
    headerEnd: guess.end + 1,
    columns,
    fields: target.fields,
    top,
    savedMapping: saved?.name ?? null
  }
}

/** A file already imported keeps only its rejected rows: it can be downloaded, not checked or imported again. */
function uncommitted(s: StagedFile): StagedFile {
  if (s.committed) throw new AppError('CONFLICT', '这个文件已经导入过了。如需再次导入，请重新选择文件。')
  return s
}

/**
 * Step 1: read the file in the Excel worker (read-scratch.ts: the other devices' requests are
 * answered meanwhile), stage it packed, propose sheet, header and mapping.
 */
export async function previewFile(args: ExcelPreviewArgs, ctx: Ctx): Promise<ImportPreview> {
  assertRoom(ctx.session.accountId, ctx.now().getTime())
  const report = progress(ctx, args.jobId, '读取文件')
  report(0, 0)
  const accepted = TARGETS[args.target].fields.map((f) => f.key)
  const workbook = await readInScratch({ fileName: args.fileName, bytes: args.bytes, accepted }, (rows) => report(rows, 0))
  const s = stage(
    { accountId: ctx.session.accountId, target: args.target, fileName: args.fileName, workbook, bytes: args.bytes.byteLength },
    ctx.now().getTime()
  )
  const sheet = sheetOf(s, workbook.proposed) ?? { name: '', hidden: false, rows: [], merges: [] }
  return previewOf(ctx.store, s, workbook.proposed, sheet, detectHeader(sheet, accepted))
}

/** Another sheet, or a header the clerk pointed at. */
export function reshape(args: ExcelShapeArgs, ctx: Ctx): ImportPreview {
  const s = uncommitted(findStaged(args.stagingId, ctx.session.accountId, ctx.now().getTime()))
  const sheet = sheetOf(s, args.sheet)
  if (!sheet) throw new AppError('BAD_ARGS', '没有这个工作表，请重新选择。')
  const accepted = TARGETS[s.target].fields.map((f) => f.key)
  if (args.headerStart === null || args.headerEnd === null) return previewOf(ctx.store, s, args.sheet, sheet, detectHeader(sheet, accepted))
  const start = Math.min(args.headerStart, args.headerEnd) - 1
  const end = Math.max(args.headerStart, args.headerEnd) - 1
  if (end >= sheet.rows.length || end - start > 3) throw new AppError('BAD_ARGS', '表头最多 4 行，且不能超出表格。')
  return previewOf(ctx.store, s, args.sheet, sheet, headerOver(sheet, start, end, accepted))
}

/** What a check depends on besides the data: the same request on the same day gives the same rows. */
function requestKey(args: ExcelCheckArgs): string {
  return JSON.stringify([args.sheet, args.headerStart, args.headerEnd, args.mapping, args.onExisting])
}

export async function checkImport(args: ExcelCheckArgs, ctx: Ctx) {
  const s = uncommitted(findStaged(args.stagingId, ctx.session.accountId, ctx.now().getTime()))
  // The version the check starts from: a write while it pauses for other devices makes the commit check again.
  const version = ctx.store.version
  const run = await runCheckYielding(s, args, { db: ctx.store, session: ctx.session, today: ctx.now() }, progress(ctx, args.jobId, '检查数据'))
  s.last = { sheet: args.sheet, headerStart: args.headerStart, headerEnd: args.headerEnd, labels: run.labels, rows: run.rows }
  s.checked = { run, version, day: localIsoDate(ctx.now()), request: requestKey(args) }
  return summarize(s.id, run.rows, TARGETS[s.target].notices?.(run.rows) ?? [])
}

/** The check the clerk saw, if nothing was written since, the day is the same and so is the request. */
function stillValid(s: StagedFile, args: ExcelCheckArgs, ctx: Ctx): CheckRun | null {
  const c = s.checked
  if (!c || c.version !== ctx.store.version || c.day !== localIsoDate(ctx.now()) || c.request !== requestKey(args)) return null
  return c.run
}

/** What a row adds to the database file, indexes included (50,000 residents took 41 MB): sized generously. */
const BYTES_PER_IMPORTED_ROW = 1024

/** Step 5: check again inside one transaction and write; any failure leaves the database as it was. */
export function commitImport(args: ExcelCheckArgs, ctx: Ctx): ImportSummary {
  const s = uncommitted(findStaged(args.stagingId, ctx.session.accountId, ctx.now().getTime()))
  const target = TARGETS[s.target]
  const at = ctx.now().toISOString()
  const report = progress(ctx, args.jobId, '写入数据')
  ctx.store.reserve((s.workbook.sheets[args.sheet]?.rows ?? 0) * BYTES_PER_IMPORTED_ROW)
  const result = ctx.write(
    {
      summary: (r: ImportSummary) =>
        `Excel 导入${target.label}（${s.fileName}）：新增 ${r.created}，更新 ${r.updated}，跳过 ${r.skipped}，有错误未导入 ${r.errors}`,
      detail: (r: ImportSummary) => ({ fileName: s.fileName, target: s.target, onExisting: args.onExisting, ...r })
    },
    (tx) => {
      // Inside the transaction nothing else can write: a check still valid now stays valid to the end.
      const run = stillValid(s, args, ctx) ?? runCheck(s, args, { db: tx, session: ctx.session, today: ctx.now() }, progress(ctx, args.jobId, '检查数据'))
      const errors = run.rows.filter((r) => r.status === 'error').length
      const counts = target.commit(tx, run.rows, { ...run.ctx, db: tx, at, progress: (done) => report(done, run.rows.length) })
      s.last = { sheet: args.sheet, headerStart: args.headerStart, headerEnd: args.headerEnd, labels: run.labels, rows: run.rows }
      return { ...counts, errors, rejected: errors }
    }
  )
  s.committed = true
  keepOnlyRejected(s)
  return result
}

/** The rows that were not imported, as they were in the file, with the reason: fix and import again. */
export async function rejectedFile(stagingId: string, ctx: Ctx): Promise<{ fileName: string; bytes: Uint8Array }> {
  const s = findStaged(stagingId, ctx.session.accountId, ctx.now().getTime())
  if (!s.last) throw new AppError('RULE_VIOLATION', '请先检查数据。')
  const sheet = sheetOf(s, s.last.sheet) as SheetData
  const width = s.last.labels.length
  const rejected = s.last.rows.filter((r) => r.status === 'error')
  const columns = [
    { header: 'Excel 行号', kind: 'number' as const, width: 10 },
    ...s.last.labels.map((label, i) => ({ header: label || columnLetter(i), kind: 'text' as const, width: 16 })),
    { header: '未导入原因', kind: 'text' as const, width: 60 }
  ]
  const rows = rejected.map((r) => {
    const cells = sheet.rows[r.row - 1] ?? []
    const reason = r.errors.map((e) => (e.column ? `${e.column}列：${e.message}` : e.message)).join('；')
    return [r.row, ...Array.from({ length: width }, (_, c) => cellText(cells[c] ?? null)), reason]
  })
  const bytes = await writeTable({
    sheetName: '未导入的行',
    title: `${s.fileName} 中未导入的行（共 ${rejected.length} 行）`,
    lines: [exportNotice(ctx.session.actor, ctx.now())],
    columns,
    rows
  })
  return { fileName: `${s.fileName.replace(/\.[^.]+$/, '')}-未导入的行.xlsx`, bytes }
}
