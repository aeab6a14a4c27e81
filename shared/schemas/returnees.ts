/**
 * Returnees (返程人员): the trip a person came back from. Codes are stored, the Chinese
 * label beside each is what a clerk sees.
 */
import { originProblem } from '../domain/regions'
import { EPISODE_KINDS } from '../domain/observation'
import { isoDay, noteText, optionalText, pageShape, recordId, requiredText } from './common'
import { z } from './zod'
import { TRANSPORTS } from '../domain/returnees'

// The vocabulary (codes and zh-CN labels) is the domain's: shared/domain/returnees.ts.
export { TRANSPORTS, TRANSPORT_LABELS, TRANSPORT_NO_LABELS } from '../domain/returnees'
export type { Transport } from '../domain/returnees'

export { EPISODE_KINDS, EPISODE_KIND_LABELS } from '../domain/observation'
export type { EpisodeKind } from '../domain/observation'

export const originShape = {
  province: requiredText('返回前所在省份', 20),
  city: optionalText('返回前所在城市', 30),
  district: optionalText('返回前所在区县', 30)
}

export const companionSchema = z.strictObject({
  residentId: recordId('同行人员').nullable(),
  name: requiredText('同行人员姓名', 40)
})
export type Companion = z.infer<typeof companionSchema>

export const tripShape = {
  origin: z.strictObject(originShape).superRefine((value, ctx) => {
    const problem = originProblem(value)
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.path], message: problem.message })
  }),
  via: optionalText('途经地', 100),
  returnDate: isoDay('返程日期'),
  transport: z.enum(TRANSPORTS, { message: '请选择交通方式' }),
  transportNo: optionalText('车次/航班/车牌', 30),
  companions: z.array(companionSchema).max(20, '同行人员最多 20 人'),
  reason: optionalText('返程事由', 100),
  notes: noteText('备注', 300)
}

/** An observation episode started together with the registration (optional). */
export const startEpisodeShape = {
  kind: z.enum(EPISODE_KINDS, { message: '请选择观察类型' }),
  /** Default: the return date. */
  startDate: isoDay('观察开始日期').optional(),
  /** Default: the first grid worker of the person's grid. */
  worker: optionalText('责任网格员', 40).optional()
}

export const returneesRegisterArgs = z.strictObject({
  residentId: recordId('居民'),
  ...tripShape,
  episode: z.strictObject(startEpisodeShape).nullable()
})
export type ReturneeRegister = z.infer<typeof returneesRegisterArgs>
export type TripFields = Omit<ReturneeRegister, 'residentId' | 'episode'>

export const returneesUpdateTripArgs = z.strictObject({
  id: recordId('返程登记'),
  ...tripShape,
  /** The trip's updatedAt when the form opened it: a save after another device's change is refused (stale write). */
  expectedUpdatedAt: z.string().max(40).optional()
})
export type TripUpdate = z.infer<typeof returneesUpdateTripArgs>

export const returneesVoidTripArgs = z.strictObject({ id: recordId('返程登记'), reason: requiredText('作废原因', 100) })
export type TripVoid = z.infer<typeof returneesVoidTripArgs>

export const returneesStartArgs = z.strictObject({
  tripIds: z.array(recordId('返程登记')).min(1, '请先勾选要开始观察的人员').max(500, '一次最多 500 人'),
  kind: z.enum(EPISODE_KINDS, { message: '请选择观察类型' })
})
export type ReturneesStartArgs = z.infer<typeof returneesStartArgs>

export const returneesListArgs = z.strictObject({
  q: optionalText('搜索内容', 40).optional(),
  from: isoDay('开始日期').optional(),
  to: isoDay('结束日期').optional(),
  province: optionalText('省份', 20).optional(),
  gridId: recordId('网格').optional(),
  ...pageShape
})
export type ReturneesListArgs = z.infer<typeof returneesListArgs>

export const returneesPersonArgs = z.strictObject({ residentId: recordId('居民') })
