import type { ExportedFile } from '../../../shared/contract/audit'
import { localIsoDate } from '../../../shared/domain'
import { exportNotice } from '../../../shared/domain/export-notice'
import type { ExcelExportArgs, ExportFilter } from '../../../shared/schemas/excel'
import { EXPORT_LIST_LABELS } from '../../../shared/schemas/excel'
import { KEY_GROUP_LABELS, PERSON_TYPE_LABELS } from '../../../shared/schemas/register'
import type { Ctx } from '../context'
import { guardDigitSearch } from '../security/digit-search-guard'
import { loadSettings } from '../settings/settings.service'
import { EXPORT_SOURCES } from './export-sources'
import type { CellOut } from './export-writer'
import { writeCsv, writeTable } from './export-writer'

export function stamp(at: Date): string {
  return localIsoDate(at).replaceAll('-', '')
}

/** How each filter reads on the 条件 line of the file the clerk hands on (Chinese, never the field names). */
const FILTER_WORDS: { [K in keyof ExportFilter]-?: (v: NonNullable<ExportFilter[K]>) => string } = {
  q: (v) => `搜索：${v}`,
  gridId: (v) => `网格编号：${v}`,
  householdId: (v) => `住户编号：${v}`,
  compound: (v) => `小区：${v}`,
  building: (v) => `楼栋：${v}`,
  personType: (v) => `人员类型：${PERSON_TYPE_LABELS[v]}`,
  keyGroup: (v) => `重点人群：${v === 'any' ? '任一' : KEY_GROUP_LABELS[v]}`,
  ageMin: (v) => `年龄不小于 ${v}`,
  ageMax: (v) => `年龄不大于 ${v}`,
  from: (v) => `自 ${v}`,
  to: (v) => `至 ${v}`,
  province: (v) => `来自${v}`,
  includeClosed: (v) => (v ? '含已解除' : ''),
  worker: (v) => `网格员：${v}`
}

/** The filters that were in force, in words, for the file's 条件 line and the audit trail. */
export function describeFilter(filter: ExportFilter): string {
  const parts = (Object.keys(FILTER_WORDS) as (keyof ExportFilter)[]).flatMap((k) => {
    const v = filter[k]
    if (v === undefined || v === '') return []
    const words = (FILTER_WORDS[k] as (value: typeof v) => string)(v)
    return words ? [words] : []
  })
  return parts.length === 0 ? '全部' : parts.join('，')
}

/**
 * A list as the clerk sees it (its filters, the caller's grids), masked unless full numbers
 * were asked for (then the reason is audited). The audit row is written after the file is
 * made, in the same call, so an export that failed is not recorded as done.
 */
export async function exportList(args: ExcelExportArgs, ctx: Ctx, full: { reason: string } | null): Promise<ExportedFile> {
  const source = EXPORT_SOURCES[args.list]
  if (source.searchesRegister) guardDigitSearch(ctx, full ? 'excel.exportListFull' : 'excel.exportList', args.filter.q)
  const now = ctx.now()
  const community = loadSettings(ctx.store).communityName
  let count = 0
  // The source decides on its record; the writer only sees the row's cells, so it is told which rows.
  const alerted = new WeakSet<CellOut[]>()
  const rows = (function* (): Generator<CellOut[]> {
    for (const values of source.rows(ctx.store, ctx.session, args.filter, now, full !== null)) {
      count++
      const cells = source.columns.map((c) => values[c.key] ?? null)
      if (source.alert?.(values)) alerted.add(cells)
      yield cells
    }
  })()
  const spec = {
    sheetName: source.title,
    title: `${community}${source.title}`,
    lines: [`填报单位：${community}    导出日期：${localIsoDate(now)}    条件：${describeFilter(args.filter)}`, exportNotice(ctx.session.actor, now)],
    columns: source.columns.map((c) => ({ header: c.label, kind: c.kind, width: c.width })),
    rows,
    alert: (cells: CellOut[]) => alerted.has(cells),
    onRow: (done: number) => {
      if (args.jobId) ctx.emit({ type: 'progress', jobId: args.jobId, done, total: 0, label: '正在导出' })
    }
  }
  const format = args.format ?? 'xlsx'
  const bytes = format === 'csv' ? await writeCsv(spec) : await writeTable(spec)
  const label = EXPORT_LIST_LABELS[args.list]
  ctx.write(
    {
      summary: full ? `导出${label} ${count} 条（完整号码），原因：${full.reason}` : `导出${label} ${count} 条（号码已遮盖）`,
      detail: { list: args.list, filter: args.filter, rows: count, format, full: full !== null, reason: full?.reason ?? null }
    },
    () => undefined
  )
  return { fileName: `${source.title}-${stamp(now)}.${format}`, bytes }
}
