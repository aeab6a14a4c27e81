import { ID_DOC_TYPE_LABELS, ID_DOC_TYPES } from '../../../../shared/domain'
import {
  KEY_GROUP_LABELS,
  KEY_GROUPS,
  PERSON_TYPE_LABELS,
  PERSON_TYPES,
  RELATION_LABELS,
  RELATIONS,
  TENURE_LABELS,
  TENURES
} from '../../../../shared/domain/register'
import type { KeyGroup, PersonType, Relation } from '../../../../shared/domain/register'

/** Pick-list options with the Chinese labels the clerk reads. */
export const options = {
  idTypes: ID_DOC_TYPES.map((value) => ({ value, label: ID_DOC_TYPE_LABELS[value] })),
  personTypes: PERSON_TYPES.map((value) => ({ value, label: PERSON_TYPE_LABELS[value] })),
  keyGroups: KEY_GROUPS.map((value) => ({ value, label: KEY_GROUP_LABELS[value] })),
  relations: RELATIONS.map((value) => ({ value, label: RELATION_LABELS[value] })),
  tenures: TENURES.map((value) => ({ value, label: TENURE_LABELS[value] }))
}

export { sexLabel } from '../../../../shared/domain/person'
export const personTypeLabel = (t: PersonType) => PERSON_TYPE_LABELS[t]
export const relationLabel = (r: Relation | null) => (r ? RELATION_LABELS[r] : '未填')
export const keyGroupLabel = (g: KeyGroup) => KEY_GROUP_LABELS[g]
/** A masked view's age is counted by year (shared/domain/mask.ts maskBirth); a revealed one in completed years. */
export const ageLabel = (age: number | null) => (age === null ? '' : `${age}岁`)
export const fullAgeLabel = (age: number | null) => (age === null ? '' : `${age}周岁`)
/** The list's 年龄 cell: '51岁', or for this year's and last year's births their group ('2025年及以后'). */
export const maskedAgeLabel = (row: { age: number | null; birthText: string }) => (row.age === null ? row.birthText : `${row.age}岁`)
export { TENURE_LABELS }

/** Tag colours: the groups that need a visit stand out. */
export function keyGroupType(g: KeyGroup): 'danger' | 'warning' | 'info' {
  if (g === 'alone_elderly' || g === 'over80' || g === 'left_behind') return 'danger'
  if (g === 'other') return 'info'
  return 'warning'
}
