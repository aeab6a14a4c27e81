/**
 * Home health monitoring (居家观察): episodes, daily checks and the worklists. The rule that
 * makes a check abnormal is shared/domain/observation.ts, so the entry grid shows it before
 * saving exactly as the backend will decide it.
 */
import { temperatureProblem } from '../domain/temperature'
import { isoDay, optionalText, pageShape, recordId, requiredText } from './common'
import { CHECK_OUTCOMES, CLOSING_STATUSES, SYMPTOMS, WORKLISTS } from '../domain/observation'
import { startEpisodeShape } from './returnees'
import { z } from './zod'

// The vocabulary (codes and zh-CN labels) is the domain's: shared/domain/observation.ts.
export {
  CHECK_OUTCOMES,
  CHECK_OUTCOME_LABELS,
  CLOSING_ACTION_LABELS,
  CLOSING_STATUSES,
  EPISODE_KINDS,
  EPISODE_KIND_LABELS,
  EPISODE_STATUSES,
  EPISODE_STATUS_LABELS,
  SYMPTOMS,
  SYMPTOM_LABELS,
  WORKLISTS,
  WORKLIST_LABELS
} from '../domain/observation'
export type { CheckOutcome, ClosingStatus, EpisodeKind, EpisodeStatus, Symptom, Worklist } from '../domain/observation'

const temperature = z
  .number({ message: '体温应为数字' })
  .refine((t) => Number.isFinite(t), '体温应为数字')
  .nullable()

export const monitoringCheckArgs = z
  .strictObject({
    episodeId: recordId('观察记录'),
    /** Default: today. */
    day: isoDay('测温日期').optional(),
    morning: temperature,
    evening: temperature,
    symptoms: z.array(z.enum(SYMPTOMS, { message: '未知的症状' })).max(SYMPTOMS.length),
    outcome: z.enum(CHECK_OUTCOMES, { message: '请选择排查结果' }),
    note: optionalText('备注', 200)
  })
  .superRefine((value, ctx) => {
    for (const key of ['morning', 'evening'] as const) {
      const t = value[key]
      const problem = t === null ? null : temperatureProblem(t)
      if (problem) ctx.addIssue({ code: 'custom', path: [key], message: `${key === 'morning' ? '早' : '晚'}${problem}` })
    }
    if (value.outcome !== 'unreachable' && value.morning === null && value.evening === null) {
      ctx.addIssue({ code: 'custom', path: ['morning'], message: '请填写早体温或晚体温；联系不上请选“未联系上”' })
    }
  })
export type MonitoringCheck = z.infer<typeof monitoringCheckArgs>

export const monitoringStartArgs = z.strictObject({
  residentId: recordId('居民'),
  tripId: recordId('返程登记').nullable(),
  ...startEpisodeShape
})
export type MonitoringStart = z.infer<typeof monitoringStartArgs>

export const monitoringDurationArgs = z.strictObject({
  episodeId: recordId('观察记录'),
  days: z.number({ message: '请填写观察天数' }).int('观察天数应为整数').min(1, '观察天数至少 1 天').max(90, '观察天数最多 90 天'),
  reason: requiredText('调整原因', 200)
})
export type MonitoringDuration = z.infer<typeof monitoringDurationArgs>

export const monitoringStatusArgs = z.strictObject({
  episodeId: recordId('观察记录'),
  status: z.enum(CLOSING_STATUSES, { message: '请选择解除、转送医院或失联' }),
  /** Default: today. */
  date: isoDay('日期').optional(),
  reason: optionalText('原因', 200)
})
export type MonitoringStatus = z.infer<typeof monitoringStatusArgs>

export const monitoringReleaseManyArgs = z.strictObject({
  episodeIds: z.array(recordId('观察记录')).min(1, '请至少选择一人').max(500, '一次最多解除 500 人'),
  reason: optionalText('解除原因', 200)
})

export const monitoringWorkerArgs = z.strictObject({ episodeId: recordId('观察记录'), worker: requiredText('责任网格员', 40) })

export const monitoringWorklistArgs = z.strictObject({
  list: z.enum(WORKLISTS, { message: '未知的名单' }),
  day: isoDay('日期').optional(),
  gridId: recordId('网格').optional(),
  worker: optionalText('网格员', 40).optional(),
  ...pageShape
})
export type MonitoringWorklistArgs = z.infer<typeof monitoringWorklistArgs>

export const monitoringDayArgs = z.strictObject({ day: isoDay('日期').optional() })
export const monitoringSheetArgs = z.strictObject({ day: isoDay('日期').optional(), worker: optionalText('网格员', 40).optional() })
export const monitoringEpisodeArgs = z.strictObject({ id: recordId('观察记录') })
