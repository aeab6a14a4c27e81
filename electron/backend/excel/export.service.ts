import { UNIT_KIND_LABELS, UNIT_STATUS_LABELS } from '../../../shared/domain/units'
import type { ExportedFile } from '../../../shared/contract/audit'
import { localIsoDate } from '../../../shared/domain'
import type { Permission } from '../../../shared/contract/types'
import type { ExcelExportArgs, ExportFilter, ExportListKey } from '../../../shared/schemas/excel'
import { EXPORT_LIST_LABELS } from '../../../shared/schemas/excel'
import { KEY_GROUP_LABELS, PERSON_TYPE_LABELS } from '../../../shared/schemas/register'
import type { Ctx } from '../context'
import { guardDigitSearch } from '../security/digit-search-guard'
import { EXPORT_SOURCES } from './export-sources'
import { cellKind } from './export-writer'
import { runExport } from './export/engine'
import type { ExportRow, ExportSource as EngineSource } from './export/types'

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
  worker: (v) => `网格员：${v}`,
  unitKind: (v) => `单位类别：${UNIT_KIND_LABELS[v]}`,
  unitStatus: (v) => `营业状态：${UNIT_STATUS_LABELS[v]}`
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

/** Whose view permission each list needs besides data.export (the engine's one rule). */
const LIST_PERMISSION: Record<ExportListKey, Permission> = {
  residents: 'register.view',
  households: 'register.view',
  returnees: 'returnees.view',
  observations: 'returnees.view',
  units: 'units.view',
  unitWorkers: 'units.view',
  unitReopenings: 'units.view'
}

/**
 * A list of the register, returnees or monitoring as an engine source: its columns and keyed
 * rows (in list order, the caller's grids, masked unless full) as typed cells, its abnormal rows red.
 */
export function listSource(key: ExportListKey): EngineSource<ExportFilter> {
  const source = EXPORT_SOURCES[key]
  const label = EXPORT_LIST_LABELS[key]
  return {
    key,
    label,
    permission: LIST_PERMISSION[key],
    fullNumbers: true,
    build(filter, { db, session, now, full }) {
      const rows = (function* (): Generator<ExportRow> {
        for (const values of source.rows(db, session, filter, now, full)) {
          yield { cells: source.columns.map((c) => values[c.key] ?? null), red: source.alert?.(values) ?? false }
        }
      })()
      return {
        fileName: `${source.title}-${localIsoDate(now)}`,
        summary: (n) => (full ? `导出${label} ${n} 条（完整号码）` : `导出${label} ${n} 条（号码已遮盖）`),
        sheets: [
          {
            name: source.title,
            title: source.title,
            facts: [`导出日期：${localIsoDate(now)}`, `条件：${describeFilter(filter)}`],
            columns: source.columns.map((c) => ({ header: c.label, kind: cellKind(c.kind), width: c.width })),
            rows
          }
        ]
      }
    }
  }
}

/**
 * A list as the clerk sees it (its filters, the caller's grids), masked unless full numbers
 * were asked for (then the reason is audited), through the one engine.
 */
export async function exportList(args: ExcelExportArgs, ctx: Ctx, full: { reason: string } | null): Promise<ExportedFile> {
  const source = EXPORT_SOURCES[args.list]
  if (source.searchesRegister) guardDigitSearch(ctx, full ? 'excel.exportListFull' : 'excel.exportList', args.filter.q)
  const format = args.format ?? 'xlsx'
  return runExport(ctx, listSource(args.list), args.filter, { full, format, jobId: args.jobId, filter: { list: args.list, ...args.filter } })
}
