/** Disinfection of public places (消杀): places with a schedule, and the log of what was done. */
import { isoDate, noteText, optionalText, pageShape, recordId, requiredText } from './common'
import { quantitySchema } from './supplies'
import { z } from './zod'
import { DISINFECT_METHODS, PLACE_KINDS, SCHEDULES } from '../domain/disinfection'

// The vocabulary (codes and zh-CN labels) is the domain's: shared/domain/disinfection.ts.
export { DISINFECT_METHODS, DISINFECT_METHOD_LABELS, PLACE_KINDS, PLACE_KIND_LABELS, SCHEDULES } from '../domain/disinfection'
export type { DisinfectMethod, PlaceKind, Schedule } from '../domain/disinfection'

/** Local wall-clock time as the team reports it. */
export const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, '时间格式应为 YYYY-MM-DD HH:mm')
  .refine((v) => isoDate.safeParse(v.slice(0, 10)).success && Number(v.slice(11, 13)) < 24 && Number(v.slice(14, 16)) < 60, '不是真实的时间')

export const placeShape = {
  name: requiredText('场所名称', 40),
  kind: z.enum(PLACE_KINDS, { message: '请选择场所类型' }),
  building: optionalText('楼栋/位置', 40),
  gridId: recordId('网格').nullable(),
  schedule: z.enum(SCHEDULES, { message: '请选择消杀频次' }),
  timesPerDay: z.number().int('每天次数必须是整数').min(1, '每天至少 1 次').max(24, '每天最多 24 次'),
  intervalDays: z.number().int('间隔天数必须是整数').min(1, '间隔至少 1 天').max(365, '间隔最多 365 天'),
  active: z.boolean(),
  notes: noteText('备注', 200)
}
export const placeSaveArgs = z.strictObject({ id: recordId('场所').optional(), ...placeShape })
export type PlaceSave = z.infer<typeof placeSaveArgs>

export const logShape = {
  placeId: recordId('场所'),
  doneAt: localDateTime,
  agent: requiredText('消毒药剂', 40),
  concentration: optionalText('浓度', 40),
  method: z.enum(DISINFECT_METHODS, { message: '请选择消杀方式' }),
  operator: requiredText('操作人', 20),
  checker: optionalText('检查人', 20),
  note: optionalText('备注', 200),
  /** Book the agent used out of stock in the same step. */
  stock: z.strictObject({ itemId: recordId('物资'), quantity: quantitySchema }).optional()
}
export const logArgs = z.strictObject(logShape)
export type LogArgs = z.infer<typeof logArgs>

export const logsListArgs = z.strictObject({
  placeId: recordId('场所').optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  ...pageShape
})
export type LogsListArgs = z.infer<typeof logsListArgs>

export const logsExportArgs = z.strictObject({ placeId: recordId('场所').optional(), from: isoDate, to: isoDate })
export type LogsExportArgs = z.infer<typeof logsExportArgs>

export const daySheetArgs = z.strictObject({ date: isoDate })
export type DaySheetArgs = z.infer<typeof daySheetArgs>
