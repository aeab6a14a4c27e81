import type { ExportedFile } from '../../../shared/contract/audit'
import type { ExportFieldInfo, TemplateInfo, TemplateInspection, TemplateRegistered } from '../../../shared/contract/excel'
import { localIsoDate } from '../../../shared/domain/dates'
import { normalizeHeader } from '../../../shared/domain/excel-synonyms'
import { templateFileName } from '../../../shared/domain/export-name'
import { fieldsIn, headFields } from '../../../shared/domain/template-fields'
import type { FieldValue } from '../../../shared/domain/template-fields'
import { AppError } from '../../../shared/errors'
import type { ExcelFillArgs, ExcelInspectTemplateArgs, ExcelRegisterTemplateArgs, ExportListKey } from '../../../shared/schemas/excel'
import { EXPORT_LISTS } from '../../../shared/schemas/excel'
import { displayNameOf } from '../accounts/accounts.service'
import type { Ctx } from '../context'
import type { Db } from '../kit/db'
import { guardDigitSearch } from '../security/digit-search-guard'
import { loadSettings } from '../settings/settings.service'
import type { Tx } from '../store/store'
import { BUILTIN_TEMPLATES, builtinTemplateBytes } from './builtin-templates'
import { columnLetter } from './cells'
import type { SheetData } from './cells'
import { deleteTemplate, getTemplate, insertTemplate, listTemplates } from './excel.repo'
import { EXPORT_SOURCES } from './export-sources'
import { listSource } from './export.service'
import { mayExport } from './export/engine'
import { handOutName } from './export/file-names'
import { detectHeader, headerOver, isSkippedSheet } from './header'
import { sheetInfos } from './import.service'
import { sheetFacts } from './packed'
import { readWorkbookFile } from './read-file'
import { fillWorkbook } from './template-fill'
import { sanitizeTemplate } from './template-sanitize'
import type { FillInfo, FillSpec } from './template-fill'

export function fieldsOf(list: ExportListKey): ExportFieldInfo[] {
  return [{ key: 'seq', label: '序号' }, ...EXPORT_SOURCES[list].columns.map((c) => ({ key: c.key, label: c.label }))]
}

const accepted = (list: ExportListKey) => fieldsOf(list).map((f) => f.key)

interface Resolved {
  info: TemplateInfo
  file: Uint8Array
}

const builtinCache = new Map<string, Resolved>()

async function builtin(id: string): Promise<Resolved> {
  const cached = builtinCache.get(id)
  if (cached) return cached
  const t = BUILTIN_TEMPLATES.find((b) => b.id === id)
  if (!t) throw new AppError('NOT_FOUND', '找不到这个报表模板。')
  const file = await builtinTemplateBytes(t)
  const workbook = await readWorkbookFile(t.fileName, file)
  const sheet = workbook.sheets[0] as SheetData
  const guess = detectHeader(sheet, accepted(t.list))
  // Columns no clerk's synonym names (观察类型, 观察开始日期 ...) are matched by the source's own label,
  // compared as headers are (the cell text is NFKC-normalised: '（℃）' reads back as '(°C)').
  const labelled = new Map(EXPORT_SOURCES[t.list].columns.map((c) => [normalizeHeader(c.label), c.key]))
  const mapping = guess.fields.map((f, i) => f ?? labelled.get(normalizeHeader((guess.labels[i] ?? '').split(' / ').pop() ?? '')) ?? null)
  const info: TemplateInfo = {
    id: t.id,
    name: t.name,
    list: t.list,
    builtin: true,
    sheetName: sheet.name,
    headerStart: guess.start + 1,
    headerEnd: guess.end + 1,
    mapping: mapping.map((f, i) => (f !== null && mapping.indexOf(f) === i ? f : null)),
    headers: guess.labels
  }
  builtinCache.set(id, { info, file })
  return { info, file }
}

function savedInfo(row: {
  id: number
  name: string
  list: string
  sheetName: string
  headerStart: number
  headerEnd: number
  headers: string
  mapping: string
}): TemplateInfo {
  return {
    id: `saved:${row.id}`,
    name: row.name,
    list: row.list as ExportListKey,
    builtin: false,
    sheetName: row.sheetName,
    headerStart: row.headerStart,
    headerEnd: row.headerEnd,
    mapping: JSON.parse(row.mapping) as (string | null)[],
    headers: JSON.parse(row.headers) as string[]
  }
}

export async function templates(db: Db): Promise<TemplateInfo[]> {
  const shipped = await Promise.all(BUILTIN_TEMPLATES.map((t) => builtin(t.id)))
  return [...shipped.map((s) => s.info), ...listTemplates(db).map(savedInfo)]
}

/** A template being registered: read safely (zip checks), header and mapping proposed. */
export async function inspectTemplate(args: ExcelInspectTemplateArgs): Promise<TemplateInspection> {
  const workbook = await readWorkbookFile(args.fileName, args.bytes)
  if (workbook.kind !== 'xlsx') throw new AppError('RULE_VIOLATION', '报表模板必须是 .xlsx 工作簿。')
  const all = [...new Set(EXPORT_LISTS.flatMap(accepted))]
  const index = Math.max(
    0,
    workbook.sheets.findIndex((s) => !s.hidden && !isSkippedSheet(s))
  )
  const sheet = workbook.sheets[index] as SheetData
  const guess = detectHeader(sheet, all)
  return {
    sheets: sheetInfos(workbook.sheets.map(sheetFacts)),
    sheet: index,
    headerStart: guess.start + 1,
    headerEnd: guess.end + 1,
    columns: guess.labels.map((header, i) => ({ index: i, letter: columnLetter(i), header, samples: [], field: guess.fields[i] ?? null })),
    fields: {
      residents: fieldsOf('residents'),
      households: fieldsOf('households'),
      returnees: fieldsOf('returnees'),
      observations: fieldsOf('observations'),
      units: fieldsOf('units'),
      unitWorkers: fieldsOf('unitWorkers'),
      unitReopenings: fieldsOf('unitReopenings')
    }
  }
}

export async function registerTemplate(args: ExcelRegisterTemplateArgs, ctx: Ctx): Promise<TemplateRegistered> {
  const workbook = await readWorkbookFile(args.fileName, args.bytes)
  const sheet = workbook.sheets[args.sheet]
  if (workbook.kind !== 'xlsx' || !sheet) throw new AppError('BAD_ARGS', '请选择模板中的工作表。')
  if (args.headerEnd < args.headerStart || args.headerEnd > sheet.rows.length + 1) throw new AppError('BAD_ARGS', '表头行不正确。')
  const known = new Set(accepted(args.list))
  const mapping = args.mapping.map((f) => (f !== null && known.has(f) ? f : null))
  // A form of fixed cells only ({{今日返回}} …, for 每日报表) needs no column; any other needs one.
  const cellsOnly = sheet.rows.some((row) => row.some((cell) => typeof cell === 'string' && fieldsIn(cell).length > 0))
  if (mapping.every((f) => f === null) && !cellsOnly)
    throw new AppError('BAD_ARGS', '请至少为一列选择要填入的内容，或在模板的单元格中写上 {{今日返回}} 这样的项目。')
  const headers = headerOver(sheet, args.headerStart - 1, args.headerEnd - 1, []).labels
  // What is stored (and filled, and sent on) is the sanitised file, never the one picked.
  const { bytes: file, removed } = await sanitizeTemplate(args.bytes, sheet.name)
  const summary = `登记报表模板“${args.name}”${removed.length > 0 ? `，已去除：${removed.join('；')}` : ''}`
  const id = ctx.write({ summary, detail: { removed }, record: (newId: number) => `excel_template:${newId}` }, (tx: Tx) => {
    if (listTemplates(tx).some((t) => t.name === args.name)) throw new AppError('CONFLICT', `已有名为“${args.name}”的模板，请换一个名称。`)
    return insertTemplate(
      tx,
      {
        name: args.name,
        list: args.list,
        fileName: args.fileName,
        file,
        sheetName: sheet.name,
        headerStart: args.headerStart,
        headerEnd: args.headerEnd,
        headers: JSON.stringify(headers),
        mapping: JSON.stringify(mapping),
        by: ctx.session.actor
      },
      ctx.now().toISOString()
    )
  })
  const row = getTemplate(ctx.store, id)
  if (!row) throw new AppError('INTERNAL', '模板保存失败。')
  return { ...savedInfo(row), removed }
}

export function removeTemplate(id: number, ctx: Ctx): { id: number } {
  const row = getTemplate(ctx.store, id)
  if (!row) throw new AppError('NOT_FOUND', '找不到这个报表模板，可能已被删除。')
  ctx.write({ summary: `删除报表模板“${row.name}”`, record: `excel_template:${id}` }, (tx: Tx) => deleteTemplate(tx, id))
  return { id }
}

async function resolve(db: Db, templateId: string): Promise<Resolved> {
  if (templateId.startsWith('builtin:')) return builtin(templateId)
  const row = getTemplate(db, Number(templateId.slice('saved:'.length)))
  if (!row) throw new AppError('NOT_FOUND', '找不到这个报表模板，可能已被删除。')
  return { info: savedInfo(row), file: row.file }
}

/**
 * 填报单位, 填报人 and 联系电话 of a filled template (设置's community and phone, the exporter's own
 * name) and its head fields: the one source the daily report's template export builds on too.
 */
export function officeOf(ctx: Ctx, day: string): Omit<FillInfo, 'fields' | 'now'> & { street: string } {
  const settings = loadSettings(ctx.store)
  return {
    community: settings.communityName,
    street: settings.streetName,
    actor: ctx.session.actor,
    reporter: displayNameOf(ctx.store, ctx.session),
    phone: settings.contactPhone,
    day
  }
}

/**
 * One click: the template filled with the list (its filters, the caller's grids), today's date in
 * the block. The engine's permission rule and audit row, like every other export.
 */
export async function fillTemplate(args: ExcelFillArgs, ctx: Ctx, full: { reason: string } | null): Promise<ExportedFile> {
  const { info, file } = await resolve(ctx.store, args.templateId)
  const list = listSource(info.list)
  if (!mayExport(ctx.session, list, full !== null)) throw new AppError('FORBIDDEN', `您没有导出“${list.label}”的权限。`, { source: list.key })
  const source = EXPORT_SOURCES[info.list]
  if (source.searchesRegister) guardDigitSearch(ctx, full ? 'excel.fillTemplateFull' : 'excel.fillTemplate', args.filter.q)
  const now = ctx.now()
  const office = officeOf(ctx, localIsoDate(now))
  const spec: FillSpec = { sheetName: info.sheetName, headerStart: info.headerStart, headerEnd: info.headerEnd, mapping: info.mapping }
  const rows = source.rows(ctx.store, ctx.session, args.filter, now, full !== null)
  const fields = headFields({ unit: office.community, street: office.street, reporter: office.reporter, phone: office.phone, day: localIsoDate(now) })
  const hint = '（每日报表的数字请在“每日报表”页点“按街道模板导出”填写）'
  const { bytes, count } = await fillWorkbook(file, spec, source.columns, rows, { ...office, now, fields, fieldHint: hint }, source.alert)
  const fileBase = templateFileName(info.list, info.name, localIsoDate(now))
  const fileName = handOutName(ctx.store, fileBase, now)
  ctx.exported({
    summary: `填写报表“${info.name}” ${count} 条（${full ? `完整号码，原因：${full.reason}` : '号码已遮盖'}）`,
    detail: {
      source: info.list,
      filter: { templateId: args.templateId, ...args.filter },
      rows: count,
      format: 'xlsx',
      full: full !== null,
      reason: full?.reason ?? null,
      fileBase,
      fileName
    }
  })
  return { fileName, bytes }
}

/**
 * A registered template filled for the daily report (按街道模板导出): its {{…}} cells from the
 * report's fields; a list region under its header, if it has one, with that list as its page
 * exports it (masked, the caller's grids), so the same permission rule holds as for the list.
 */
export async function fillTemplateForReport(
  ctx: Ctx,
  templateId: string,
  day: string,
  fields: (office: ReturnType<typeof officeOf>) => ReadonlyMap<string, FieldValue>
): Promise<ExportedFile> {
  // The report's own rule (report.export's): whoever sees the report and may take data out of the office.
  if (!mayExport(ctx.session, { permission: 'report.view' }, false)) throw new AppError('FORBIDDEN', '您没有导出每日报表的权限。')
  const { info, file } = await resolve(ctx.store, templateId)
  const withList = info.mapping.some((f) => f !== null)
  const list = listSource(info.list)
  if (withList && !mayExport(ctx.session, list, false))
    throw new AppError('FORBIDDEN', `这个模板含有“${list.label}”，您没有导出它的权限。`, { source: list.key })
  const now = ctx.now()
  const office = officeOf(ctx, day)
  const source = EXPORT_SOURCES[info.list]
  const spec: FillSpec = { sheetName: info.sheetName, headerStart: info.headerStart, headerEnd: info.headerEnd, mapping: info.mapping }
  const rows = withList ? source.rows(ctx.store, ctx.session, {}, now, false) : []
  const { bytes, count } = await fillWorkbook(file, spec, source.columns, rows, { ...office, now, fields: fields(office) }, source.alert)
  const fileBase = templateFileName('report', info.name, day)
  const fileName = handOutName(ctx.store, fileBase, now)
  ctx.exported({
    summary: `按街道模板“${info.name}”导出每日报表 ${day}${withList ? `，含${list.label} ${count} 条（号码已遮盖）` : ''}`,
    detail: { source: 'report', filter: { templateId, day }, rows: count, format: 'xlsx', full: false, reason: null, fileBase, fileName }
  })
  return { fileName, bytes }
}
