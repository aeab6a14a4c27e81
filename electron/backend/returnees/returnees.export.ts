import { localIsoDate } from '../../../shared/domain'
import { isFlagged } from '../../../shared/domain/observation'
import { formatOrigin } from '../../../shared/domain/regions'
import { EPISODE_KIND_LABELS, EPISODE_STATUS_LABELS } from '../../../shared/schemas/monitoring'
import { TRANSPORT_LABELS } from '../../../shared/schemas/returnees'
import type { ListSource } from '../kit/export-source'
import { PERSON_COLUMNS, personValues } from '../residents/person-values'
import { tripRows } from './returnees-export.repo'
import { companionsOf } from './returnees.repo'

const PAGE = 2000

/** 返程人员登记: one row per trip, oldest return first, the person and the observation started for that trip beside it. */
export const returneesExport: ListSource = {
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
      const companions = companionsOf(
        db,
        records.map((t) => t.id)
      )
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
