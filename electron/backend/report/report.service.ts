import { createHash } from 'node:crypto'
import type { ReportSubmission, ReportSubmissionSummary } from '../../../shared/contract/report'
import { addDays, localIsoDate } from '../../../shared/domain/dates'
import { GATE_ACTION_LABELS, GATE_WHO, GATE_WHO_LABELS } from '../../../shared/domain/gate'
import { EPISODE_KINDS, EPISODE_KIND_LABELS } from '../../../shared/domain/observation'
import type { ReportHeader, ReportLine, ReportSection } from '../../../shared/domain/report'
import { familyLine, line, REPORT_GROUP_LABELS, reportText } from '../../../shared/domain/report'
import type { ReportSettings } from '../../../shared/schemas/report'
import { scheduleStatus, timesOnDay } from '../disinfection/schedule'
import type { Db } from '../kit/db'
import { badFields } from '../kit/errors'
import { describeUpdate, loadSettings, saveSettings } from '../settings/settings.service'
import type { Tx } from '../store/store'
import { displayNameOf } from '../accounts/accounts.service'
import type { Session } from '../context'
import { REPORT_CONTRIBUTORS } from './contributors'
import type { SubmissionRow } from './report-submissions.repo'
import type { KeySupply, PlaceDay } from './report.repo'
import { checkpointDates, dutyCounts, gateTallies, leadNames } from './report-gate.repo'
import { readReportSettings, writeReportSettings } from './report-submissions.repo'
import { alertPeople, keySupplies, notObservedCount, observationCounts, placesOnDay, returneeCounts, returneesByProvince } from './report.repo'

/** The report's settings; its 联系电话 is 设置's, the one phone the report and every filled template show. */
export function reportSettingsOf(db: Db): ReportSettings {
  const row = readReportSettings(db)
  let keyProvinces: string[] = []
  try {
    const parsed: unknown = JSON.parse(row.keyProvinces)
    if (Array.isArray(parsed)) keyProvinces = parsed.filter((p): p is string => typeof p === 'string')
  } catch {
    keyProvinces = []
  }
  const phone = loadSettings(db).contactPhone
  return { reporter: row.reporter, phone, reviewer: row.reviewer, keyProvinces, notObservedDays: row.notObservedDays }
}

/**
 * Saves the report's settings; a 联系电话 typed on the report page is 设置's 联系电话 (one setting, so
 * the templates and the report never disagree). Returns the 设置 change in words, '' when none.
 */
export function saveReportSettings(tx: Tx, s: ReportSettings, at: string, by: string): string {
  writeReportSettings(tx, { reporter: s.reporter, reviewer: s.reviewer, keyProvinces: JSON.stringify(s.keyProvinces), notObservedDays: s.notObservedDays })
  const before = loadSettings(tx)
  if (before.contactPhone === s.phone) return ''
  saveSettings(tx, { contactPhone: s.phone }, at, by)
  return describeUpdate(before, { contactPhone: s.phone })
}

/** The head of the report: the community as 填报单位, the remembered people, 设置's phone. */
export function headerOf(store: Db, settings: ReportSettings): ReportHeader {
  return { unit: loadSettings(store).communityName, reporter: settings.reporter, phone: settings.phone, reviewer: settings.reviewer }
}

/** The head of a report not yet sent: with no 填报人 remembered, the person at the desk by the name they sign with. */
export function currentHeader(db: Db, settings: ReportSettings, session: Session): ReportHeader {
  return headerOf(db, { ...settings, reporter: settings.reporter || displayNameOf(db, session) })
}

export const unionSize = (...lists: string[][]) => new Set(lists.flat()).size

function returneesSection(db: Db, day: string, settings: ReportSettings): ReportSection {
  const c = returneeCounts(db, day)
  const since = addDays(day, -(settings.notObservedDays - 1))
  const notObserved = notObservedCount(db, day, since)
  const key = new Set(settings.keyProvinces)
  // Everyone back by the day counts once, under the province of their latest trip: 累计 is the provinces' sum.
  const provinces = returneesByProvince(db, day)
  const total = provinces.reduce((a, p) => a + p.total, 0)
  const lines: ReportLine[] = [
    line('returnees.returnedToday', '今日返回', c.returnedToday, '人'),
    line('returnees.registeredToday', '今日新登记（按登记日期）', c.registeredToday, '人'),
    line('returnees.total', '累计返程', total, '人'),
    line('returnees.notObserved', `未纳入观察（${settings.notObservedDays} 天内返回）`, notObserved, '人', notObserved > 0)
  ]
  for (const p of provinces) {
    const flag = key.has(p.province) ? '（重点地区）' : ''
    lines.push(familyLine('returnees.province', `${p.province}.today`, `${p.province}${flag}今日返回`, p.today, '人', flag !== '' && p.today > 0))
    lines.push(familyLine('returnees.province', `${p.province}.total`, `${p.province}${flag}累计`, p.total, '人'))
  }
  return { group: 'returnees', title: REPORT_GROUP_LABELS.returnees, lines, notes: [] }
}

function observationSection(db: Db, day: string): ReportSection {
  const c = observationCounts(db, day)
  const kinds = c.byKind
  const people = alertPeople(db, day)
  const abnormal = unionSize(people.checkAbnormal, people.gateAbnormal)
  const lines: ReportLine[] = [
    line('observation.observing', '在观察', c.observing, '人'),
    ...EPISODE_KINDS.map((k) => familyLine('observation.kind', k, `其中${EPISODE_KIND_LABELS[k]}`, kinds.get(k) ?? 0, '人')),
    line('observation.newToday', '今日新增', c.newToday, '人'),
    line('observation.releasedToday', '今日解除', c.releasedToday, '人'),
    line('observation.releasedTotal', '累计解除', c.releasedTotal, '人'),
    line('observation.endedNotReleased', '今日期满未解除', c.endedNotReleased, '人', c.endedNotReleased > 0),
    line('observation.hospitalToday', '转送医院', unionSize(people.episodeHospital, people.gateHospital), '人'),
    line('observation.lost', '失联', c.lost, '人', c.lost > 0),
    line('observation.due', '今日应测', c.due, '人'),
    line('observation.checked', '已测', c.checked, '人'),
    line('observation.unchecked', '未测', c.due - c.checked, '人', c.due > c.checked),
    line('observation.abnormalChecks', '体温检测异常', people.checkAbnormal.length, '人', people.checkAbnormal.length > 0),
    line('observation.abnormalGate', '卡口体温异常', people.gateAbnormal.length, '人', people.gateAbnormal.length > 0),
    line('observation.abnormal', '异常合计', abnormal, '人', abnormal > 0)
  ]
  return { group: 'observation', title: REPORT_GROUP_LABELS.observation, lines, notes: [] }
}

function gateSection(db: Db, day: string): ReportSection {
  const tallies = gateTallies(db, day)
  const sum = (f: (t: (typeof tallies)[number]) => boolean) => tallies.filter(f).reduce((a, t) => a + t.n, 0)
  const open = checkpointDates(db).filter(
    (c) => localIsoDate(new Date(c.createdAt)) <= day && (c.retiredAt === null || localIsoDate(new Date(c.retiredAt)) > day)
  ).length
  const duty = dutyCounts(db, day)
  const fever = sum((t) => t.abnormal === 1)
  const lines: ReportLine[] = [
    line('gate.checkpoints', '卡口数', open, '个'),
    ...GATE_WHO.map((w) =>
      familyLine(
        'gate.in',
        w,
        `进·${GATE_WHO_LABELS[w]}`,
        sum((t) => t.direction === 'in' && t.who === w),
        '人次'
      )
    ),
    ...GATE_WHO.map((w) =>
      familyLine(
        'gate.out',
        w,
        `出·${GATE_WHO_LABELS[w]}`,
        sum((t) => t.direction === 'out' && t.who === w),
        '人次'
      )
    ),
    line('gate.fever', '体温异常', fever, '人次', fever > 0),
    ...(['turn_back', 'observe', 'hospital'] as const).map((a) =>
      familyLine(
        'gate.action',
        a,
        `其中${GATE_ACTION_LABELS[a]}`,
        sum((t) => t.abnormal === 1 && t.action === a),
        '人次'
      )
    ),
    line('gate.attendance', '值守人次', duty.attendance, '人次')
  ]
  const leads = leadNames(db, day)
  return { group: 'gate', title: REPORT_GROUP_LABELS.gate, lines, notes: leads.length ? [`带班人：${leads.join('、')}`] : [] }
}

function volunteersSection(db: Db, day: string): ReportSection {
  const duty = dutyCounts(db, day)
  return {
    group: 'volunteers',
    title: REPORT_GROUP_LABELS.volunteers,
    lines: [line('volunteers.scheduled', '今日排班', duty.scheduled, '人'), line('volunteers.present', '今日在岗', duty.present, '人')],
    notes: []
  }
}

export function disinfectionSection(db: Db, day: string): ReportSection {
  return disinfectionSectionOf(day, placesOnDay(db, day, addDays(day, 1)))
}

/** 消杀 of the day from the places as they stood on it (one day's read, or the trend's read of a range). */
export function disinfectionSectionOf(day: string, all: readonly PlaceDay[]): ReportSection {
  const places = all.filter((p) => p.active === 1 && p.createdAt.slice(0, 10) <= day)
  let due = 0
  let overdue = 0
  for (const p of places) {
    const schedule = { schedule: p.schedule, timesPerDay: p.timesPerDay, intervalDays: p.intervalDays, createdAt: p.createdAt }
    if (timesOnDay({ ...schedule, lastDoneAt: p.lastBefore }, day) > 0) due++
    if (scheduleStatus({ ...schedule, lastDoneAt: p.lastByEnd }, `${day} 23:59`).overdue) overdue++
  }
  const done = places.filter((p) => p.doneOn > 0).length
  return {
    group: 'disinfection',
    title: REPORT_GROUP_LABELS.disinfection,
    lines: [
      line('disinfection.places', '消杀场所', places.length, '处'),
      line('disinfection.due', '今日应消杀', due, '处'),
      line('disinfection.done', '今日已消杀', done, '处'),
      line('disinfection.overdue', '逾期未消杀', overdue, '处', overdue > 0)
    ],
    notes: []
  }
}

export function suppliesSection(db: Db, day: string): ReportSection {
  return suppliesSectionOf(keySupplies(db, day))
}

/** 物资 of a day from its key supplies (one day's read, or the trend's read of a range). */
export function suppliesSectionOf(items: readonly KeySupply[]): ReportSection {
  const lines: ReportLine[] = []
  for (const item of items) {
    const name = item.spec ? `${item.name}（${item.spec}）` : item.name
    lines.push(familyLine('supplies.issued', String(item.id), `${name}今日出库`, item.issued, item.unit))
    lines.push(familyLine('supplies.usable', String(item.id), `${name}可用库存`, item.usable, item.unit))
  }
  return { group: 'supplies', title: REPORT_GROUP_LABELS.supplies, lines, notes: [] }
}

/** Every figure of the day's report, from the records by their own dates. */
export function computeSections(db: Db, day: string, settings: ReportSettings): ReportSection[] {
  return [
    returneesSection(db, day, settings),
    observationSection(db, day),
    gateSection(db, day),
    volunteersSection(db, day),
    disinfectionSection(db, day),
    suppliesSection(db, day),
    ...REPORT_CONTRIBUTORS.map((c) => c.section(db, day))
  ]
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

/** What the clerk reviewed: the figures and notes, not the definitions' wording. */
export function digestOf(day: string, sections: readonly ReportSection[]): string {
  return sha256(JSON.stringify([day, sections.map((s) => [s.group, s.lines.map((l) => [l.key, l.label, l.value, l.unit]), s.notes])]))
}

export interface SubmissionContent {
  sections: ReportSection[]
  header: ReportHeader
  note: string
}

/** The seal of a submission: day, kind, who, when and the content exactly as stored. */
export function submissionHash(r: Omit<SubmissionRow, 'id' | 'hash'>): string {
  return sha256([r.day, r.kind, r.submittedBy, r.submittedAt, r.content].join('\n'))
}

export function toSummary(r: SubmissionRow): ReportSubmissionSummary {
  return { id: r.id, kind: r.kind, submittedBy: r.submittedBy, submittedAt: r.submittedAt, hash: r.hash }
}

export function toSubmission(r: SubmissionRow): ReportSubmission {
  const content = JSON.parse(r.content) as SubmissionContent
  return {
    id: r.id,
    day: r.day,
    kind: r.kind,
    sections: content.sections,
    header: content.header,
    note: content.note,
    submittedBy: r.submittedBy,
    submittedAt: r.submittedAt,
    hash: r.hash,
    hashOk: submissionHash(r) === r.hash,
    text: reportText({ day: r.day, sections: content.sections, header: content.header, correction: r.kind === 'correction' })
  }
}

export function assertNotFuture(day: string, today: string): void {
  if (day > today) throw badFields([{ path: 'day', message: `${day} 还没有到，不能报送未来日期的报表` }])
}
