import { z } from './zod'
import { TENURES, addressSchema } from './register'
import { deleteArgs, noteText, optionalText, pageShape, recordId, requiredText } from './common'

export const householdShape = {
  address: addressSchema,
  tenure: z.enum(TENURES, { message: '请选择住房性质' }),
  notes: noteText('备注', 500)
}

export const householdsListArgs = z.strictObject({
  q: optionalText('搜索内容', 60).optional(),
  gridId: recordId('网格').optional(),
  compound: optionalText('小区', 40).optional(),
  building: optionalText('楼栋', 20).optional(),
  ...pageShape
})
export const householdsGetArgs = z.strictObject({ id: recordId('住户') })
export const householdsCreateArgs = z.strictObject(householdShape)
export const householdsUpdateArgs = z.strictObject({
  id: recordId('住户'),
  ...householdShape,
  /** The member who is 户主; null leaves the household without one. */
  householderId: recordId('居民').nullable(),
  /** The household's updatedAt when the form opened it: a save after another device's change is refused (stale write). */
  expectedUpdatedAt: z.string().max(40).optional()
})
export const householdsDeleteArgs = deleteArgs('住户')
export const householdsMergeArgs = z
  .strictObject({ sourceId: recordId('住户'), targetId: recordId('住户') })
  .refine((value) => value.sourceId !== value.targetId, { message: '不能把住户合并到它自己', path: ['targetId'] })
export const addressOptionsArgs = z.strictObject({})
export const compoundNameArgs = z.strictObject({ compound: requiredText('小区', 40) })

export type HouseholdsListArgs = z.infer<typeof householdsListArgs>
export type HouseholdIdArgs = z.infer<typeof householdsGetArgs>
export type HouseholdCreate = z.infer<typeof householdsCreateArgs>
export type HouseholdUpdate = z.infer<typeof householdsUpdateArgs>
export type HouseholdDelete = z.infer<typeof householdsDeleteArgs>
export type HouseholdsMerge = z.infer<typeof householdsMergeArgs>
export type AddressOptionsArgs = z.infer<typeof addressOptionsArgs>
