import { parseHhmm } from '../domain/roster-rules'
import { isoDate, optionalText, recordId, requiredText } from './common'
import { z } from './zod'

const clock = (label: string) =>
  z
    .string({ message: `请填写${label}` })
    .trim()
    .refine((v) => parseHhmm(v) !== null, `${label}应为 时:分，例如 07:00`)

export const shiftShape = {
  checkpointId: recordId('卡口'),
  name: requiredText('班次名称', 12),
  start: clock('开始时间'),
  end: clock('结束时间'),
  minStaff: z.number({ message: '请填写最少人数' }).int('人数应为整数').min(0, '人数不能为负').max(50, '每班最多 50 人'),
  leadRequired: z.boolean()
}
const notZeroLength = (v: { start: string; end: string }) => parseHhmm(v.start) !== parseHhmm(v.end)
const sameTimes = { message: '开始和结束时间不能相同', path: ['end'] }
export const shiftsCreateArgs = z.strictObject(shiftShape).refine(notZeroLength, sameTimes)
export const shiftsUpdateArgs = z.strictObject({ id: recordId('班次'), ...shiftShape }).refine(notZeroLength, sameTimes)
export type ShiftCreate = z.infer<typeof shiftsCreateArgs>
export type ShiftUpdate = z.infer<typeof shiftsUpdateArgs>
export const shiftIdArgs = z.strictObject({ id: recordId('班次') })
export const shiftsListArgs = z.strictObject({ checkpointId: recordId('卡口').optional() })

/** Any date of the week; the backend takes its Monday. */
export const rosterWeekArgs = z.strictObject({ week: isoDate })
export const rosterPlaceArgs = z.strictObject({
  week: isoDate,
  day: isoDate,
  templateId: recordId('班次'),
  volunteerId: recordId('志愿者'),
  isLead: z.boolean(),
  /** Place despite the listed conflicts (the clerk confirmed them). */
  force: z.boolean().optional()
})
export type RosterPlace = z.infer<typeof rosterPlaceArgs>
export const rosterAssignmentArgs = z.strictObject({ id: recordId('排班') })
export const rosterSetLeadArgs = z.strictObject({ id: recordId('排班'), isLead: z.boolean() })
/** includePast: fill the days and shifts already begun too (补排 after the fact, asked for explicitly). */
export const rosterAutoFillArgs = z.strictObject({ week: isoDate, seed: z.number().int().optional(), includePast: z.boolean().optional() })
export const rosterCopyArgs = z.strictObject({ week: isoDate })
/** 值班排班表 of the week a date falls in. */
export const rosterExportArgs = z.strictObject({ week: isoDate })
/** The 值班排班表 to print: phones in full for roles that may reveal numbers (audited), else masked. */
export const rosterPrintArgs = z.strictObject({ week: isoDate })
export const rosterTodayArgs = z.strictObject({ checkpointId: recordId('卡口') })

export const rosterSettingsArgs = z.strictObject({
  weeklyHourCap: z.number({ message: '请填写每周工时上限' }).int('应为整数').min(8, '每周上限至少 8 小时').max(84, '每周上限最多 84 小时'),
  minRestHours: z.number({ message: '请填写两班最少休息' }).int('应为整数').min(0, '不能为负').max(24, '最多 24 小时'),
  dutyOfficer: optionalText('值班负责人', 20),
  dutyPhone: optionalText('值班电话', 30)
})
export type RosterSettings = z.infer<typeof rosterSettingsArgs>

export const rosterAttendArgs = z.strictObject({
  id: recordId('排班'),
  status: z.enum(['present', 'absent'], { message: '请选择到岗或缺勤' }),
  /** 'HH:MM' on the shift's day (a time before the start on a night shift means the next morning). */
  checkIn: z.string().optional(),
  checkOut: z.string().optional()
})
export type RosterAttend = z.infer<typeof rosterAttendArgs>
