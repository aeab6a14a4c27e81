import { cleanString, z } from './zod'
import { KEY_GROUPS, PERSON_TYPES } from './register'
import { UNIT_KINDS, UNIT_STATUSES } from '../domain/units'
import { isoDay, optionalText, recordId, requiredText } from './common'

/** Files are capped below the HTTP body cap (32 MB of base64 carries about 24 MB). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024

export const IMPORT_TARGETS = ['residents', 'returnees', 'unitChecks'] as const
export type ImportTargetKey = (typeof IMPORT_TARGETS)[number]
export const IMPORT_TARGET_LABELS: Record<ImportTargetKey, string> = { residents: '居民和住户', returnees: '返程人员登记', unitChecks: '员工健康登记' }

export const EXPORT_LISTS = ['residents', 'households', 'returnees', 'observations', 'units', 'unitWorkers', 'unitReopenings'] as const
export type ExportListKey = (typeof EXPORT_LISTS)[number]
export const EXPORT_LIST_LABELS: Record<ExportListKey, string> = {
  residents: '居民名单',
  households: '住户名单',
  returnees: '返程人员登记',
  observations: '居家观察台账',
  units: '沿街商铺（单位）登记表',
  unitWorkers: '从业人员登记表',
  unitReopenings: '复工单位名单'
}

/** What to do with a person already in the register (same document). */
export const ON_EXISTING = ['fillEmpty', 'overwrite', 'skip'] as const
export type OnExisting = (typeof ON_EXISTING)[number]
export const ON_EXISTING_LABELS: Record<OnExisting, string> = {
  fillEmpty: '只补充空白项',
  overwrite: '用文件中的内容更新',
  skip: '跳过，不改动'
}

const jobId = z.string().max(64).optional()
const fileBytes = z
  .instanceof(Uint8Array, { message: '请选择文件' })
  .refine((b) => b.byteLength > 0, '文件是空的')
  .refine((b) => b.byteLength <= MAX_FILE_BYTES, `文件超过 ${MAX_FILE_BYTES / 1024 / 1024} MB，请拆分后再导入`)
const fileName = requiredText('文件名', 255)
const stagingId = z.string().min(1, '请重新选择文件').max(64)

/** A column's field, by position; null = not imported. */
const mapping = z.array(z.string().max(40).nullable()).max(200, '列数过多')

export const excelPreviewArgs = z.strictObject({ target: z.enum(IMPORT_TARGETS), fileName, bytes: fileBytes, jobId })
export const excelShapeArgs = z.strictObject({
  stagingId,
  sheet: z.number().int().min(0),
  /** Excel row numbers (1-based) of the header; null = detect again. */
  headerStart: z.number().int().min(1).nullable(),
  headerEnd: z.number().int().min(1).nullable()
})
export const excelCheckArgs = z.strictObject({
  stagingId,
  sheet: z.number().int().min(0),
  headerStart: z.number().int().min(1),
  headerEnd: z.number().int().min(1),
  mapping,
  onExisting: z.enum(ON_EXISTING, { message: '请选择已登记人员的处理方式' }),
  jobId
})
export const excelStagingArgs = z.strictObject({ stagingId })
export const excelSaveMappingArgs = z.strictObject({
  target: z.enum(IMPORT_TARGETS),
  name: requiredText('方案名称', 40),
  headers: z.array(cleanString().max(200)).min(1).max(200),
  mapping
})
export const excelMappingsArgs = z.strictObject({ target: z.enum(IMPORT_TARGETS) })
export const excelDeleteMappingArgs = z.strictObject({ id: recordId('方案') })

/** The list's own filters (as its page sends them, without paging). */
export const exportFilter = z.strictObject({
  q: optionalText('搜索内容', 60).optional(),
  gridId: recordId('网格').optional(),
  householdId: recordId('住户').optional(),
  compound: optionalText('小区', 40).optional(),
  building: optionalText('楼栋', 20).optional(),
  personType: z.enum(PERSON_TYPES).optional(),
  keyGroup: z.union([z.enum(KEY_GROUPS), z.literal('any')]).optional(),
  ageMin: z.number().int().min(0).max(150).optional(),
  ageMax: z.number().int().min(0).max(150).optional(),
  /** The returnee list's: return date range and origin province. */
  from: isoDay('开始日期').optional(),
  to: isoDay('结束日期').optional(),
  province: optionalText('省份', 20).optional(),
  /** The 居家观察台账's: open episodes only unless closed ones (已解除, 转送医院, 失联) are asked for; one responsible worker. */
  includeClosed: z.boolean().optional(),
  worker: optionalText('网格员', 40).optional(),
  /** The 单位台账's: kind and status of the units (and of the workers' units). */
  unitKind: z.enum(UNIT_KINDS).optional(),
  unitStatus: z.enum(UNIT_STATUSES).optional()
})
export type ExportFilter = z.infer<typeof exportFilter>

const reason = requiredText('导出完整号码的原因', 200)
export const excelExportArgs = z.strictObject({
  list: z.enum(EXPORT_LISTS),
  filter: exportFilter,
  format: z.enum(['xlsx', 'csv']).optional(),
  jobId
})
export const excelExportFullArgs = z.strictObject({ ...excelExportArgs.shape, reason })

/** 'builtin:<name>' for the shipped templates, 'saved:<id>' for registered ones. */
const templateId = z.string().regex(/^(builtin:[a-z-]+|saved:\d+)$/, '未知的模板')
export const excelFillArgs = z.strictObject({ templateId, filter: exportFilter, jobId })
export const excelFillFullArgs = z.strictObject({ templateId, filter: exportFilter, reason, jobId })
export const excelInspectTemplateArgs = z.strictObject({ fileName, bytes: fileBytes })
export const excelRegisterTemplateArgs = z.strictObject({
  name: requiredText('模板名称', 40),
  list: z.enum(EXPORT_LISTS),
  fileName,
  bytes: fileBytes,
  sheet: z.number().int().min(0),
  headerStart: z.number().int().min(1),
  headerEnd: z.number().int().min(1),
  mapping
})
export const excelTemplateIdArgs = z.strictObject({ id: recordId('模板') })
export const excelTemplatesArgs = z.strictObject({})

export type ExcelPreviewArgs = z.infer<typeof excelPreviewArgs>
export type ExcelShapeArgs = z.infer<typeof excelShapeArgs>
export type ExcelCheckArgs = z.infer<typeof excelCheckArgs>
export type ExcelStagingArgs = z.infer<typeof excelStagingArgs>
export type ExcelSaveMappingArgs = z.infer<typeof excelSaveMappingArgs>
export type ExcelMappingsArgs = z.infer<typeof excelMappingsArgs>
export type ExcelDeleteMappingArgs = z.infer<typeof excelDeleteMappingArgs>
export type ExcelExportArgs = z.infer<typeof excelExportArgs>
export type ExcelExportFullArgs = z.infer<typeof excelExportFullArgs>
export type ExcelFillArgs = z.infer<typeof excelFillArgs>
export type ExcelFillFullArgs = z.infer<typeof excelFillFullArgs>
export type ExcelInspectTemplateArgs = z.infer<typeof excelInspectTemplateArgs>
export type ExcelRegisterTemplateArgs = z.infer<typeof excelRegisterTemplateArgs>
export type ExcelTemplateIdArgs = z.infer<typeof excelTemplateIdArgs>
export type ExcelTemplatesArgs = z.infer<typeof excelTemplatesArgs>
