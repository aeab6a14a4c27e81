import { localIsoDate } from '../../../shared/domain'
import { daysBetween } from '../../../shared/domain/dates'
import { isFlagged } from '../../../shared/domain/observation'
import { CHECK_OUTCOME_LABELS, EPISODE_KIND_LABELS, EPISODE_STATUS_LABELS, SYMPTOMS, SYMPTOM_LABELS } from '../../../shared/schemas/monitoring'
import type { CellOut, ListSource } from '../kit/export-source'
import { PERSON_COLUMNS, personValues } from '../residents/person-values'
import type { ObservationCursor, ObservationRow } from './monitoring-export.repo'
import { observationRows } from './monitoring-export.repo'

const PAGE = 2000

/**
 * Day n of the period on the day it was last watched (today while open, the 解除/转院/失联 date
 * once closed), the same count the check grid shows as 第 n 天; never past the period's length,
 * so an episode left open after its end reads as the whole period, and 0 before it starts.
 */
export function observedDays(r: Pick<ObservationRow, 'startDate' | 'days' | 'status' | 'statusDate'>, today: string): number {
  const through = r.status === 'observing' ? today : (r.statusDate ?? today)
  return Math.min(r.days, Math.max(0, daysBetween(r.startDate, through) + 1))
}

const tenths = (t: number | null) => (t === null ? null : t / 10)

function symptomsText(stored: string | null): string {
  const set = new Set((stored ?? '').split(','))
  return SYMPTOMS.filter((s) => set.has(s))
    .map((s) => SYMPTOM_LABELS[s])
    .join('、')
}

function values(r: ObservationRow, today: string, full: boolean): Record<string, CellOut> {
  // The stored flag is cleared when an episode closes; a closed episode is never shown red.
  const abnormal = isFlagged(r)
  return {
    ...personValues(r, today, full),
    worker: r.worker,
    observationKind: EPISODE_KIND_LABELS[r.kind],
    observationStart: r.startDate,
    observationEnd: r.endDate,
    days: r.days,
    observedDays: observedDays(r, today),
    observationStatus: EPISODE_STATUS_LABELS[r.status],
    statusDate: r.statusDate,
    statusReason: r.statusReason,
    lastCheckDay: r.checkDay,
    morning: tenths(r.morning),
    evening: tenths(r.evening),
    symptoms: symptomsText(r.symptoms),
    outcome: r.outcome ? CHECK_OUTCOME_LABELS[r.outcome] : '',
    abnormal: abnormal ? '是' : '否',
    notes: r.checkNote ?? ''
  }
}

/**
 * 居家观察台账: one row per observation episode, oldest start first as the paper ledger is kept,
 * with the latest daily check beside it. Open episodes only unless filter.includeClosed.
 */
export const observationsExport: ListSource = {
  key: 'observations',
  title: '居家观察台账',
  columns: [
    ...PERSON_COLUMNS,
    { key: 'worker', label: '责任网格员', kind: 'text', width: 10 },
    { key: 'observationKind', label: '观察类型', kind: 'text', width: 10 },
    { key: 'observationStart', label: '开始日期', kind: 'date', width: 12 },
    { key: 'observationEnd', label: '结束日期', kind: 'date', width: 12 },
    { key: 'days', label: '观察天数', kind: 'number', width: 8 },
    { key: 'observedDays', label: '已观察天数', kind: 'number', width: 9 },
    { key: 'observationStatus', label: '状态', kind: 'text', width: 9 },
    { key: 'statusDate', label: '解除日期', kind: 'date', width: 12 },
    { key: 'statusReason', label: '解除原因', kind: 'text', width: 14 },
    { key: 'lastCheckDay', label: '最近测温日期', kind: 'date', width: 12 },
    { key: 'morning', label: '早体温（℃）', kind: 'number', width: 8 },
    { key: 'evening', label: '晚体温（℃）', kind: 'number', width: 8 },
    { key: 'symptoms', label: '症状', kind: 'text', width: 12 },
    { key: 'outcome', label: '检查结果', kind: 'text', width: 9 },
    { key: 'abnormal', label: '是否异常', kind: 'text', width: 8 },
    { key: 'notes', label: '备注', kind: 'text', width: 16 }
  ],
  alert: (row) => row.abnormal === '是',
  *rows(db, session, filter, now, full) {
    const today = localIsoDate(now)
    let after: ObservationCursor | null = null
    for (;;) {
      const page = observationRows(db, session, filter, after, PAGE)
      for (const r of page) yield values(r, today, full)
      const last = page.at(-1)
      if (!last || page.length < PAGE) return
      after = { startDate: last.startDate, id: last.id }
    }
  }
}
