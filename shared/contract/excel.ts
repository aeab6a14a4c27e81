import type {
  ExcelCheckArgs,
  ExcelDeleteMappingArgs,
  ExcelExportArgs,
  ExcelExportFullArgs,
  ExcelFillArgs,
  ExcelFillFullArgs,
  ExcelInspectTemplateArgs,
  ExcelMappingsArgs,
  ExcelPreviewArgs,
  ExcelRegisterTemplateArgs,
  ExcelSaveMappingArgs,
  ExcelShapeArgs,
  ExcelStagingArgs,
  ExcelTemplateIdArgs,
  ExcelTemplatesArgs,
  ExportListKey,
  ImportTargetKey
} from '../schemas/excel'
import {
  excelCheckArgs,
  excelDeleteMappingArgs,
  excelExportArgs,
  excelExportFullArgs,
  excelFillArgs,
  excelFillFullArgs,
  excelInspectTemplateArgs,
  excelMappingsArgs,
  excelPreviewArgs,
  excelRegisterTemplateArgs,
  excelSaveMappingArgs,
  excelShapeArgs,
  excelStagingArgs,
  excelTemplateIdArgs,
  excelTemplatesArgs
} from '../schemas/excel'
import type { ExportedFile } from './audit'
import { defineModule, type MethodTable } from './types'

export interface ImportField {
  key: string
  label: string
  required: boolean
  hint: string
}

export interface SheetInfo {
  index: number
  name: string
  hidden: boolean
  /** An instruction sheet (填表说明) or one without data: not proposed. */
  skipped: boolean
  rows: number
  columns: number
}

export interface ColumnInfo {
  index: number
  /** 'A', 'B', ... as Excel shows it. */
  letter: string
  /** Joined over a two-row header: '基本信息 / 姓名'. */
  header: string
  samples: string[]
  /** The proposed (or saved) field, null = not imported. */
  field: string | null
}

/** Parsed file, the proposed sheet, header and mapping: step 2 and 3 of the wizard. */
export interface ImportPreview {
  stagingId: string
  fileName: string
  target: ImportTargetKey
  sheets: SheetInfo[]
  sheet: number
  headerStart: number
  headerEnd: number
  columns: ColumnInfo[]
  fields: ImportField[]
  /** The first rows of the sheet as text (title rows, header, a few data rows), to show. */
  top: { row: number; cells: string[] }[]
  /** Name of the saved mapping applied, when the file has a known shape. */
  savedMapping: string | null
}

export interface RowIssue {
  /** Excel column letter, or null for the row as a whole. */
  column: string | null
  field: string | null
  message: string
}

export type RowStatus = 'new' | 'update' | 'unchanged' | 'error' | 'skipped'

export interface RowCheck {
  /** The row number Excel shows. */
  row: number
  status: RowStatus
  name: string
  errors: RowIssue[]
  warnings: RowIssue[]
}

export interface ImportCheck {
  stagingId: string
  total: number
  counts: { new: number; update: number; unchanged: number; error: number; warning: number; skipped: number }
  /** Rows with an error or warning first, then others, up to a limit. */
  rows: RowCheck[]
  truncated: boolean
  /** What the import will do besides the rows, told before it is done; 'alert' ones (3 reported a fever) stand out. */
  notices: ImportNotice[]
}

export interface ImportNotice {
  level: 'info' | 'alert'
  text: string
}

export interface ImportSummary {
  created: number
  updated: number
  skipped: number
  errors: number
  /** Rows that can be downloaded (errors) to fix and import again. */
  rejected: number
}

export interface SavedMapping {
  id: number
  target: ImportTargetKey
  name: string
  headers: string[]
  mapping: (string | null)[]
  createdAt: string
}

export interface ExportFieldInfo {
  key: string
  label: string
}

export interface TemplateInfo {
  id: string
  name: string
  list: ExportListKey
  builtin: boolean
  sheetName: string
  headerStart: number
  headerEnd: number
  mapping: (string | null)[]
  headers: string[]
}

/** A registered template, and what registration removed from the file (formulas, hidden sheets ...), in Chinese. */
export interface TemplateRegistered extends TemplateInfo {
  removed: string[]
}

/** A template being registered: its sheets, proposed header and a column -> field proposal. */
export interface TemplateInspection {
  sheets: SheetInfo[]
  sheet: number
  headerStart: number
  headerEnd: number
  columns: ColumnInfo[]
  fields: Record<ExportListKey, ExportFieldInfo[]>
}

export type ExcelApi = {
  'excel.preview': (args: ExcelPreviewArgs) => Promise<ImportPreview>
  'excel.reshape': (args: ExcelShapeArgs) => Promise<ImportPreview>
  'excel.check': (args: ExcelCheckArgs) => Promise<ImportCheck>
  'excel.commit': (args: ExcelCheckArgs) => Promise<ImportSummary>
  'excel.rejected': (args: ExcelStagingArgs) => Promise<ExportedFile>
  'excel.discard': (args: ExcelStagingArgs) => Promise<{ discarded: boolean }>
  'excel.mappings': (args: ExcelMappingsArgs) => Promise<SavedMapping[]>
  'excel.saveMapping': (args: ExcelSaveMappingArgs) => Promise<SavedMapping>
  'excel.deleteMapping': (args: ExcelDeleteMappingArgs) => Promise<{ id: number }>
  'excel.exportList': (args: ExcelExportArgs) => Promise<ExportedFile>
  'excel.exportListFull': (args: ExcelExportFullArgs) => Promise<ExportedFile>
  'excel.templates': (args: ExcelTemplatesArgs) => Promise<TemplateInfo[]>
  'excel.inspectTemplate': (args: ExcelInspectTemplateArgs) => Promise<TemplateInspection>
  'excel.registerTemplate': (args: ExcelRegisterTemplateArgs) => Promise<TemplateRegistered>
  'excel.deleteTemplate': (args: ExcelTemplateIdArgs) => Promise<{ id: number }>
  'excel.fillTemplate': (args: ExcelFillArgs) => Promise<ExportedFile>
  'excel.fillTemplateFull': (args: ExcelFillFullArgs) => Promise<ExportedFile>
}

export const excelMethods = {
  // Reading a file writes nothing to the database: the parsed file waits in the backend's staging area.
  'excel.preview': { args: excelPreviewArgs, kind: 'query', permission: 'data.import', title: '读取导入文件' },
  'excel.reshape': { args: excelShapeArgs, kind: 'query', permission: 'data.import', title: '选择工作表和表头' },
  'excel.check': { args: excelCheckArgs, kind: 'query', permission: 'data.import', title: '检查导入数据' },
  'excel.commit': { args: excelCheckArgs, kind: 'mutation', permission: 'data.import', title: 'Excel 导入' },
  'excel.rejected': { args: excelStagingArgs, kind: 'query', permission: 'data.import', title: '下载未导入的行' },
  'excel.discard': { args: excelStagingArgs, kind: 'query', permission: 'data.import', title: '放弃导入' },
  'excel.mappings': { args: excelMappingsArgs, kind: 'query', permission: 'data.import', title: '查看列对应方案' },
  'excel.saveMapping': { args: excelSaveMappingArgs, kind: 'mutation', permission: 'data.import', title: '保存列对应方案' },
  'excel.deleteMapping': { args: excelDeleteMappingArgs, kind: 'mutation', permission: 'data.import', title: '删除列对应方案' },
  // Exports change no records but each one is written to the audit trail (kind 'export', see dispatch).
  'excel.exportList': { args: excelExportArgs, kind: 'export', permission: 'data.export', title: '导出 Excel' },
  'excel.exportListFull': { args: excelExportFullArgs, kind: 'export', permission: 'data.exportFull', title: '导出 Excel（完整号码）' },
  'excel.templates': { args: excelTemplatesArgs, kind: 'query', permission: 'data.export', title: '查看报表模板' },
  // Registering and deleting templates is the office's (工作人员, 管理员: data.import, like the 导入 page
  // they live on), not a grid worker's: a template is filled with everyone's data and sent on.
  'excel.inspectTemplate': { args: excelInspectTemplateArgs, kind: 'query', permission: 'data.import', title: '读取报表模板' },
  'excel.registerTemplate': { args: excelRegisterTemplateArgs, kind: 'mutation', permission: 'data.import', title: '登记报表模板' },
  'excel.deleteTemplate': { args: excelTemplateIdArgs, kind: 'mutation', permission: 'data.import', title: '删除报表模板' },
  'excel.fillTemplate': { args: excelFillArgs, kind: 'export', permission: 'data.export', title: '填写报表' },
  'excel.fillTemplateFull': { args: excelFillFullArgs, kind: 'export', permission: 'data.exportFull', title: '填写报表（完整号码）' }
} satisfies MethodTable<ExcelApi>

export type { ExportListKey, ImportTargetKey, OnExisting } from '../schemas/excel'

export const excelModule = defineModule<ExcelApi>({
  name: 'excel',
  methods: excelMethods,
  grants: { 'data.import': ['staff'], 'data.export': ['staff', 'grid_worker'], 'data.exportFull': ['staff'] },
  pages: [{ path: '/import', name: 'import', title: '导入', permission: 'data.import', group: 'daily' }]
})
