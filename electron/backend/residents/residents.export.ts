import { ID_DOC_TYPE_LABELS, localIsoDate } from '../../../shared/domain'
import { personCells } from '../../../shared/domain/person'
import { KEY_GROUPS, KEY_GROUP_LABELS, PERSON_TYPE_LABELS, RELATION_LABELS } from '../../../shared/schemas/register'
import type { CellOut, ListSource, SourceColumn } from '../kit/export-source'
import { residentPages } from './residents-query.repo'
import type { ResidentExportRecord } from './residents.repo'
import { residentFilter } from './residents.search'
import { phonesOf } from './residents.view'

const PAGE = 2000

const RESIDENT_COLUMNS: SourceColumn[] = [
  { key: 'name', label: '姓名', kind: 'text', width: 10 },
  { key: 'sex', label: '性别', kind: 'text', width: 6 },
  { key: 'birthDate', label: '出生日期', kind: 'date', width: 12 },
  { key: 'age', label: '年龄', kind: 'number', width: 6 },
  { key: 'idType', label: '证件类型', kind: 'text', width: 12 },
  { key: 'idNumber', label: '证件号码', kind: 'code', width: 21 },
  { key: 'phone', label: '联系电话', kind: 'code', width: 16 },
  { key: 'address', label: '现住址', kind: 'text', width: 30 },
  { key: 'relation', label: '与户主关系', kind: 'text', width: 11 },
  { key: 'personType', label: '人员类型', kind: 'text', width: 9 },
  { key: 'tags', label: '重点人群', kind: 'text', width: 16 },
  { key: 'grid', label: '网格', kind: 'text', width: 10 },
  { key: 'notes', label: '备注', kind: 'text', width: 24 }
]

function residentValues(r: ResidentExportRecord, todayIso: string, full: boolean): Record<string, CellOut> {
  const stored = new Set((r.tags ?? '').split(','))
  const person = personCells({ ...r, phones: phonesOf(r) }, todayIso, full)
  return {
    name: person.name,
    sex: person.sex,
    birthDate: person.birthDate,
    age: person.age,
    idType: r.idNumber ? ID_DOC_TYPE_LABELS[r.idType] : '',
    idNumber: person.idNumber,
    phone: person.phone,
    address: r.address ?? '',
    relation: r.relation ? RELATION_LABELS[r.relation] : '',
    personType: PERSON_TYPE_LABELS[r.personType],
    tags: KEY_GROUPS.filter((t) => stored.has(t))
      .map((t) => KEY_GROUP_LABELS[t])
      .join('、'),
    grid: r.gridName ?? '',
    notes: r.notes
  }
}

/** 居民名单: the register's list as filtered on the page, the caller's grids; numbers masked unless full. */
export const residentsExport: ListSource = {
  key: 'residents',
  title: '居民名单',
  searchesRegister: true,
  columns: RESIDENT_COLUMNS,
  *rows(db, session, filter, today, full) {
    const todayIso = localIsoDate(today)
    for (const page of residentPages(db, residentFilter(db, filter, session, today), PAGE)) {
      for (const r of page) yield residentValues(r, todayIso, full)
    }
  }
}
