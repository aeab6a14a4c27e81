/**
 * How a person is written out in a row (lists, exports, filled templates): the sex as a word,
 * the birth and age under the masking policy, the ID and phones masked unless a full export was
 * asked for. One function so the resident list and the returnee and observation lists cannot
 * drift apart in what a masked row shows.
 */
import type { Sex } from './id-card'
import { ageOn } from './id-card'
import { maskBirth, maskId, maskPhone } from './mask'

export const SEXES = ['M', 'F'] as const
export const SEX_LABELS: Record<Sex, string> = { M: '男', F: '女' }

export function sexLabel(sex: Sex | null | undefined): string {
  return sex ? SEX_LABELS[sex] : ''
}

export interface PersonFacts {
  name: string
  sex: Sex | null
  birthDate: string | null
  idNumber: string | null
  phones: readonly string[]
}

export interface PersonCells {
  name: string
  sex: string
  /** Full: the ISO date; masked: the birth year as text ('1975年', '2025年及以后'). */
  birthDate: string | null
  /** Full: completed years (周岁); masked: counted by year, as every masked view counts it. */
  age: number | null
  idNumber: string
  /** Every phone, joined with 、. */
  phone: string
}

/**
 * The cells of one person. A masked row keeps the birth to its year (shared/domain/mask.ts
 * maskBirth): the middle of a masked ID is the birth date, so showing it would undo the mask.
 */
export function personCells(p: PersonFacts, todayIso: string, full: boolean): PersonCells {
  let birthDate: string | null
  let age: number | null
  if (full) {
    const years = p.birthDate ? ageOn(p.birthDate, todayIso) : Number.NaN
    birthDate = p.birthDate
    age = Number.isNaN(years) ? null : years
  } else {
    const masked = maskBirth(p.birthDate, todayIso)
    birthDate = masked.text || null
    age = masked.age
  }
  return {
    name: p.name,
    sex: sexLabel(p.sex),
    birthDate,
    age,
    idNumber: full ? (p.idNumber ?? '') : maskId(p.idNumber),
    phone: (full ? p.phones : p.phones.map((x) => maskPhone(x))).join('、')
  }
}
