import { z } from './zod'
import { emptyArgs } from './system'

const shortText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label}不能超过 ${max} 个字`)

/** The office's own details: printed in report headers (填报单位 / 联系电话). */
export const settingsShape = {
  communityName: shortText('社区名称', 40),
  streetName: shortText('所属街道', 40),
  contactPhone: shortText('联系电话', 30),
  /** Minutes without use after which the screen locks and the session ends. */
  idleLockMinutes: z
    .number({ error: '请填写分钟数' })
    .int('请填写整数分钟')
    .min(1, '自动锁定时间至少 1 分钟')
    .max(240, '自动锁定时间不能超过 240 分钟')
}

export const settingsSchema = z.strictObject(settingsShape)
export type Settings = z.infer<typeof settingsSchema>

export const settingsGetArgs = emptyArgs
export const settingsUpdateArgs = settingsSchema
  .partial()
  .refine((value) => Object.keys(value).length > 0, { message: '没有要保存的设置项' })
export type SettingsUpdate = z.infer<typeof settingsUpdateArgs>

export const DEFAULT_SETTINGS: Settings = {
  communityName: '',
  streetName: '',
  contactPhone: '',
  idleLockMinutes: 10
}

export const SETTINGS_LABELS: Record<keyof Settings, string> = {
  communityName: '社区名称',
  streetName: '所属街道',
  contactPhone: '联系电话',
  idleLockMinutes: '自动锁定（分钟）'
}
