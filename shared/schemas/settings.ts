import { DEFAULT_FEVER_THRESHOLD } from '../domain/temperature'
import { cleanString, z } from './zod'
import { emptyArgs } from './system'

const shortText = (label: string, max: number) => cleanString().trim().max(max, `${label}不能超过 ${max} 个字`)

/** The office's own details: printed in report headers (填报单位 / 联系电话). */
export const settingsShape = {
  communityName: shortText('社区名称', 40),
  streetName: shortText('所属街道', 40),
  contactPhone: shortText('联系电话', 30),
  /** Minutes without use after which the screen locks and the session ends. */
  idleLockMinutes: z.number({ error: '请填写分钟数' }).int('请填写整数分钟').min(1, '自动锁定时间至少 1 分钟').max(240, '自动锁定时间不能超过 240 分钟')
}

const observationDays = (label: string) =>
  z
    .number({ error: `请填写${label}天数` })
    .int(`${label}天数应为整数`)
    .min(1, `${label}至少 1 天`)
    .max(90, `${label}最多 90 天`)

/**
 * Health monitoring (returnees issue). Optional in what is stored and returned: absent means
 * the default below (monitoringSettings() fills it in), so offices that never touch them keep
 * the national defaults and older callers see the settings they always saw.
 */
export const monitoringSettingsShape = {
  /** ℃ at or above which a reading is fever (checks and the gate). */
  temperatureThreshold: z
    .number({ error: '请填写体温阈值' })
    .min(36, '体温阈值不能低于 36.0℃')
    .max(39, '体温阈值不能高于 39.0℃')
    .refine((t) => Math.abs(t * 10 - Math.round(t * 10)) < 1e-9, '体温阈值精确到 0.1℃'),
  daysHomeObservation: observationDays('居家观察'),
  daysHomeIsolation: observationDays('居家隔离'),
  daysCentralIsolation: observationDays('集中隔离'),
  daysHealthMonitoring: observationDays('健康监测')
}
export type MonitoringSettings = { [K in keyof typeof monitoringSettingsShape]: number }
export const DEFAULT_MONITORING_SETTINGS: MonitoringSettings = {
  temperatureThreshold: DEFAULT_FEVER_THRESHOLD,
  daysHomeObservation: 14,
  daysHomeIsolation: 14,
  daysCentralIsolation: 14,
  daysHealthMonitoring: 14
}

export const settingsSchema = z.strictObject({
  ...settingsShape,
  temperatureThreshold: monitoringSettingsShape.temperatureThreshold.optional(),
  daysHomeObservation: monitoringSettingsShape.daysHomeObservation.optional(),
  daysHomeIsolation: monitoringSettingsShape.daysHomeIsolation.optional(),
  daysCentralIsolation: monitoringSettingsShape.daysCentralIsolation.optional(),
  daysHealthMonitoring: monitoringSettingsShape.daysHealthMonitoring.optional()
})
export type Settings = z.infer<typeof settingsSchema>

export const settingsGetArgs = emptyArgs
export const settingsUpdateArgs = settingsSchema.partial().refine((value) => Object.keys(value).length > 0, { message: '没有要保存的设置项' })
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
  idleLockMinutes: '自动锁定（分钟）',
  temperatureThreshold: '体温异常阈值（℃）',
  daysHomeObservation: '居家观察天数',
  daysHomeIsolation: '居家隔离天数',
  daysCentralIsolation: '集中隔离天数',
  daysHealthMonitoring: '健康监测天数'
}

/** The monitoring settings in force: stored values over the defaults. */
export function monitoringSettings(settings: Partial<Settings>): MonitoringSettings {
  const result = { ...DEFAULT_MONITORING_SETTINGS }
  for (const key of Object.keys(result) as (keyof MonitoringSettings)[]) {
    const value = settings[key]
    if (typeof value === 'number') result[key] = value
  }
  return result
}
