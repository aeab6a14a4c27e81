import { ageOn, maskBirth, maskId, maskPhone } from '../../../shared/domain'
import type { Sex } from '../../../shared/domain'
import { SEX_LABELS } from '../../../shared/schemas/register'
import { phonesOf } from '../residents/residents.view'
import type { SourceColumn } from './export-sources'
import type { CellOut } from './export-writer'

/** Who the row is about, as the street office's forms list a person: shared by the returnee and observation lists. */
export const PERSON_COLUMNS: SourceColumn[] = [
    { key: 'name', label: '姓名', kind: 'text', width: 10 },
    { key: 'sex', label: '性别', kind: 'text', width: 6 },
    { key: 'age', label: '年龄', kind: 'number', width: 6 },
    { key: 'idNumber', label: '身份证号码', kind: 'code', width: 21 },
    { key: 'phone', label: '联系电话', kind: 'code', width: 15 },
    { key: 'address', label: '现住址', kind: 'text', width: 26 },
    { key: 'grid', label: '网格', kind: 'text', width: 10 },
]

/** The person's side of an exported row, as the export queries select it. */
export interface PersonRecord {
  name: string
  sex: Sex | null
  birthDate: string | null
  idNumber: string | null
  phones: string
  address: string
  gridName: string | null
}

/**
 * The birth date and age cells. A full export has the date (a date cell) and the age in completed
 * years; a masked one the birth year as text ('1975年', '2025年及以后', kept under the 出生日期 heading
 * so templates still match) and the age by year, the policy of every masked view (shared/domain/mask.ts maskBirth).
 */
export function birthCells(birthDate: string | null, todayIso: string, full: boolean): { birthDate: CellOut; age: CellOut } {
  if (!full) {
    const masked = maskBirth(birthDate, todayIso)
    return { birthDate: masked.text || null, age: masked.age }
  }
  const age = birthDate ? ageOn(birthDate, todayIso) : Number.NaN
  return { birthDate, age: Number.isNaN(age) ? null : age }
}

/** The PERSON_COLUMNS of one row: numbers masked unless a full export was asked for (and audited). */
export function personValues(r: PersonRecord, todayIso: string, full: boolean): Record<string, CellOut> {
  const phones = phonesOf(r)
  return {
    name: r.name,
    sex: r.sex ? SEX_LABELS[r.sex] : '',
    age: birthCells(r.birthDate, todayIso, full).age,
    idNumber: full ? (r.idNumber ?? '') : maskId(r.idNumber),
    phone: (full ? phones : phones.map((p) => maskPhone(p))).join('、'),
    address: r.address,
    grid: r.gridName ?? ''
  }
}
