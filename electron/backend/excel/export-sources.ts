import { ID_DOC_TYPE_LABELS, localIsoDate } from '../../../shared/domain'
import { isFlagged } from '../../../shared/domain/observation'
import { personCells } from '../../../shared/domain/person'
import { formatOrigin } from '../../../shared/domain/regions'
import type { ExportFilter, ExportListKey } from '../../../shared/schemas/excel'
import { EPISODE_KIND_LABELS, EPISODE_STATUS_LABELS } from '../../../shared/schemas/monitoring'
import { TRANSPORT_LABELS } from '../../../shared/schemas/returnees'
import { KEY_GROUPS, KEY_GROUP_LABELS, PERSON_TYPE_LABELS, RELATION_LABELS, TENURE_LABELS } from '../../../shared/schemas/register'
import type { Session } from '../context'
import { findHouseholdPage } from '../households/households.repo'
import type { Db } from '../kit/db'
import { scopeSql } from '../kit/scope'
import { companionsOf } from '../returnees/returnees.repo'
import { tripRows } from './export-sources.repo'
import { PERSON_COLUMNS, personValues } from './person-values'
import { observations } from './observations-source'
import { residentPages } from '../residents/residents-query.repo'
import type { ResidentExportRecord } from '../residents/residents.repo'
import { classifySearch, residentFilter } from '../residents/residents.search'
import { phonesOf } from '../residents/residents.view'
import { digitReach } from '../security/digit-search-guard'
import type { CellOut, ColumnKind } from './export-writer'

export interface SourceColumn {
  key: string
  label: string
  kind: ColumnKind
  width: number
}

export interface ExportSource {
  key: ExportListKey
  title: string
  columns: SourceColumn[]
  /** Its search box is the register's (ID and phone digits): paced like the lists' (guardDigitSearch). */
  searchesRegister?: true
  /** A row that must stand out (an abnormal person): a template fill writes it in red. */
  alert?: (row: Record<string, CellOut>) => boolean
  /** Rows in list order, read a page at a time; grid scope applied in SQL. */
  rows(db: Db, session: Session, filter: ExportFilter, today: Date, full: boolean): Generator<Record<string, CellOut>>
}

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
    tags: KEY_GROUPS.filter((t) => stored.has(t)).map((t) => KEY_GROUP_LABELS[t]).join('、'),
    grid: r.gridName ?? '',
    notes: r.notes
  }
}

const residents: ExportSource = {
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

const households: ExportSource = {
  key: 'households',
  title: '住户名单',
  searchesRegister: true,
  columns: [
    { key: 'address', label: '地址', kind: 'text', width: 30 },
    { key: 'compound', label: '小区', kind: 'text', width: 14 },
    { key: 'building', label: '楼栋', kind: 'text', width: 8 },
    { key: 'unit', label: '单元', kind: 'text', width: 8 },
    { key: 'room', label: '房号', kind: 'text', width: 8 },
    { key: 'grid', label: '网格', kind: 'text', width: 10 },
    { key: 'householder', label: '户主', kind: 'text', width: 10 },
    { key: 'memberCount', label: '人数', kind: 'number', width: 6 },
    { key: 'tenure', label: '住房情况', kind: 'text', width: 10 }
  ],
  *rows(db, session, filter) {
    const f = { hits: classifySearch(filter.q, digitReach(session)), gridId: filter.gridId, compound: filter.compound || undefined, building: filter.building || undefined, scope: scopeSql('h.grid_id', session.gridScope) }
    for (let offset = 0; ; offset += PAGE) {
      const { records } = findHouseholdPage(db, f, PAGE, offset)
      for (const h of records) {
        yield {
          address: h.address,
          compound: h.compound,
          building: h.building,
          unit: h.unit,
          room: h.room,
          grid: h.gridName ?? '',
          householder: h.householderName ?? '',
          memberCount: h.memberCount,
          tenure: TENURE_LABELS[h.tenure]
        }
      }
      if (records.length < PAGE) return
    }
  }
}

const returnees: ExportSource = {
  key: 'returnees',
  title: '返程人员登记',
  columns: [
    ...PERSON_COLUMNS,
    { key: 'origin', label: '返回前所在地', kind: 'text', width: 20 },
    { key: 'via', label: '途经地', kind: 'text', width: 14 },
    { key: 'returnDate', label: '返程日期', kind: 'date', width: 12 },
    { key: 'transport', label: '交通方式', kind: 'text', width: 9 },
    { key: 'trip', label: '车次/航班/车牌', kind: 'code', width: 14 },
    { key: 'companions', label: '同行人员', kind: 'text', width: 14 },
    { key: 'reason', label: '返程事由', kind: 'text', width: 12 },
    { key: 'observationKind', label: '观察类型', kind: 'text', width: 10 },
    { key: 'observationStatus', label: '观察状态', kind: 'text', width: 9 },
    { key: 'observationStart', label: '观察开始日期', kind: 'date', width: 12 },
    { key: 'observationEnd', label: '观察结束日期', kind: 'date', width: 12 },
    { key: 'abnormal', label: '是否异常', kind: 'text', width: 8 },
    { key: 'registeredOn', label: '登记日期', kind: 'date', width: 12 },
    { key: 'registeredBy', label: '登记人', kind: 'text', width: 10 },
    { key: 'notes', label: '备注', kind: 'text', width: 16 }
  ],
  alert: (row) => row.abnormal === '是',
  *rows(db, session, filter, today, full) {
    const todayIso = localIsoDate(today)
    for (let offset = 0; ; offset += PAGE) {
      const records = tripRows(db, session, filter, PAGE, offset)
      const companions = companionsOf(db, records.map((t) => t.id))
      for (const t of records) {
        yield {
          ...personValues(t, todayIso, full),
          origin: formatOrigin({ province: t.province, city: t.city, district: t.district }),
          via: t.via,
          returnDate: t.returnDate,
          transport: TRANSPORT_LABELS[t.transport] ?? '',
          trip: t.transportNo,
          companions: (companions.get(t.id) ?? []).map((c) => c.name).join('、'),
          reason: t.reason,
          observationKind: t.kind ? EPISODE_KIND_LABELS[t.kind] : '',
          observationStatus: t.status ? EPISODE_STATUS_LABELS[t.status] : '',
          observationStart: t.startDate,
          observationEnd: t.endDate,
          // As the returnee list flags it: the stored flag of a closed episode no longer counts; no episode, no answer.
          abnormal: t.status === null ? '' : isFlagged(t) ? '是' : '否',
          registeredOn: t.registeredOn,
          registeredBy: t.registeredBy,
          notes: t.notes
        }
      }
      if (records.length < PAGE) return
    }
  }
}

export const EXPORT_SOURCES: Record<ExportListKey, ExportSource> = { residents, households, returnees, observations }
