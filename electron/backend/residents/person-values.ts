import type { Sex } from '../../../shared/domain'
import { personCells } from '../../../shared/domain/person'
import type { CellOut, SourceColumn } from '../kit/export-source'
import { phonesOf } from './residents.view'

/** Who the row is about, as the street office's forms list a person: shared by the returnee and observation lists. */
export const PERSON_COLUMNS: SourceColumn[] = [
  { key: 'name', label: '姓名', kind: 'text', width: 10 },
  { key: 'sex', label: '性别', kind: 'text', width: 6 },
  { key: 'age', label: '年龄', kind: 'number', width: 6 },
  { key: 'idNumber', label: '身份证号码', kind: 'code', width: 21 },
  { key: 'phone', label: '联系电话', kind: 'code', width: 15 },
  { key: 'address', label: '现住址', kind: 'text', width: 26 },
  { key: 'grid', label: '网格', kind: 'text', width: 10 }
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

/** The PERSON_COLUMNS of one row: numbers masked unless a full export was asked for (and audited). */
export function personValues(r: PersonRecord, todayIso: string, full: boolean): Record<string, CellOut> {
  const cells = personCells({ ...r, phones: phonesOf(r) }, todayIso, full)
  return { name: cells.name, sex: cells.sex, age: cells.age, idNumber: cells.idNumber, phone: cells.phone, address: r.address, grid: r.gridName ?? '' }
}
