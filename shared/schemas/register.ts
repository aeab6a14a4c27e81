/**
 * Vocabulary of the community register (网格 / 住户 / 居民): stored codes are English,
 * what a clerk sees is the Chinese label beside each.
 */
import { optionalText, requiredText } from './common'
import { z } from './zod'

// The vocabulary (codes and zh-CN labels) is the domain's: shared/domain/register.ts.
export { KEY_GROUPS, KEY_GROUP_LABELS, PERSON_TYPES, PERSON_TYPE_LABELS, RELATIONS, RELATION_LABELS, TENURES, TENURE_LABELS } from '../domain/register'
export type { KeyGroup, PersonType, Relation, Tenure } from '../domain/register'

export { SEXES, SEX_LABELS } from '../domain/person'

export const addressSchema = z.strictObject({
  compound: requiredText('小区', 40),
  building: requiredText('楼栋', 20),
  unit: optionalText('单元', 20),
  room: requiredText('房号', 20)
})
export type Address = z.infer<typeof addressSchema>

/** '幸福里小区 3栋 2单元 301' */
export function formatAddress(a: { compound: string; building: string; unit: string; room: string }): string {
  return [a.compound, a.building, a.unit, a.room].filter((part) => part !== '').join(' ')
}
