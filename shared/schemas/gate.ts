import { CHECKPOINT_KINDS, GATE_ACTIONS, GATE_DIRECTIONS, GATE_WHO } from '../domain/gate'
import { temperatureProblem } from '../domain/temperature'
import { isoDate, optionalText, recordId, requiredText } from './common'
import { z } from './zod'

export const checkpointShape = {
  name: requiredText('卡口名称', 30),
  place: optionalText('位置', 60),
  kind: z.enum(CHECKPOINT_KINDS, { message: '请选择卡口类型' }),
  /** '24小时' or ranges such as '06:00-22:00'. */
  hours: optionalText('开放时间', 60)
}
export const checkpointsListArgs = z.strictObject({ includeRetired: z.boolean().optional() })
export const checkpointsCreateArgs = z.strictObject(checkpointShape)
export const checkpointsUpdateArgs = z.strictObject({ id: recordId('卡口'), ...checkpointShape })
export const checkpointIdArgs = z.strictObject({ id: recordId('卡口') })
export type CheckpointCreate = z.infer<typeof checkpointsCreateArgs>
export type CheckpointUpdate = z.infer<typeof checkpointsUpdateArgs>

export const gateSearchArgs = z.strictObject({ q: requiredText('查找内容', 30) })

export const gateRegisterArgs = z
  .strictObject({
    checkpointId: recordId('卡口'),
    direction: z.enum(GATE_DIRECTIONS, { message: '请选择进或出' }),
    who: z.enum(GATE_WHO, { message: '请选择人员类别' }),
    residentId: recordId('居民').nullable(),
    name: optionalText('姓名', 40),
    phone: optionalText('电话', 30),
    reason: optionalText('住址或事由', 100),
    plate: optionalText('车牌', 12),
    temperature: z.number({ message: '请填写体温' }),
    action: z.enum(GATE_ACTIONS, { message: '请选择处置方式' }),
    passNumber: optionalText('出入证号', 20)
  })
  .superRefine((value, ctx) => {
    const problem = temperatureProblem(value.temperature)
    if (problem) ctx.addIssue({ code: 'custom', path: ['temperature'], message: problem })
    if (value.who === 'resident' && value.residentId === null) {
      ctx.addIssue({ code: 'custom', path: ['residentId'], message: '请从名单中选出这位居民（输入姓名、拼音首字母或证件/电话后几位）' })
    }
    if (value.who !== 'resident' && value.name === '' && value.plate === '') {
      ctx.addIssue({ code: 'custom', path: ['name'], message: '请填写姓名' })
    }
    if (value.who === 'vehicle' && value.plate === '') ctx.addIssue({ code: 'custom', path: ['plate'], message: '请填写车牌' })
  })
export type GateRegister = z.infer<typeof gateRegisterArgs>

/**
 * 更正 of an entry: its values as they should have been, and why. checkpointId is the gate
 * screen's checkpoint (the gate corrects only entries registered there); the office omits it.
 */
export const gateCorrectArgs = z
  .strictObject({
    entryId: recordId('登记'),
    checkpointId: recordId('卡口').optional(),
    direction: z.enum(GATE_DIRECTIONS, { message: '请选择进或出' }),
    who: z.enum(GATE_WHO, { message: '请选择人员类别' }),
    name: optionalText('姓名', 40),
    phone: optionalText('电话', 30),
    reason: optionalText('住址或事由', 100),
    plate: optionalText('车牌', 12),
    temperature: z.number({ message: '请填写体温' }),
    action: z.enum(GATE_ACTIONS, { message: '请选择处置方式' }),
    note: requiredText('更正原因', 100)
  })
  .superRefine((value, ctx) => {
    const problem = temperatureProblem(value.temperature)
    if (problem) ctx.addIssue({ code: 'custom', path: ['temperature'], message: problem })
  })
export type GateCorrect = z.infer<typeof gateCorrectArgs>
export const gateEntryIdArgs = z.strictObject({ entryId: recordId('登记') })
export const gateFeversArgs = z.strictObject({ day: isoDate.optional(), residentId: recordId('居民').optional() })

export const gateDayArgs = z.strictObject({
  checkpointId: recordId('卡口').optional(),
  day: isoDate,
  abnormalOnly: z.boolean().optional(),
  page: z.number().int().min(1).optional(),
  pageSize: z.number().int().min(1).max(200).optional()
})
export type GateDayArgs = z.infer<typeof gateDayArgs>
export const gateRecentArgs = z.strictObject({ checkpointId: recordId('卡口') })
export const gateExportArgs = z.strictObject({ checkpointId: recordId('卡口').optional(), day: isoDate })

export const passesIssueArgs = z.strictObject({
  householdId: recordId('住户'),
  /** One person out every N days (1 = once a day). */
  everyDays: z.number({ message: '请填写天数' }).int('天数应为整数').min(1, '至少 1 天').max(30, '最多 30 天')
})
export const passesListArgs = z.strictObject({ includeRevoked: z.boolean().optional() })
export const passIdArgs = z.strictObject({ id: recordId('出入证') })
export const passCheckArgs = z.strictObject({ number: requiredText('出入证号', 20), checkpointId: recordId('卡口') })
