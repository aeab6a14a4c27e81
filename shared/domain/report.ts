/**
 * The 每日疫情防控报表: its figures as lines of named groups, each with the written definition a
 * clerk reads in a tooltip (and README's table), the WeChat text, and the differences between a
 * report as sent and as the records stand now. Pure: the backend computes the numbers, the page,
 * the print view, the Excel writer and the frozen submissions all read the same lines.
 */

export const REPORT_GROUPS = ['returnees', 'observation', 'gate', 'volunteers', 'disinfection', 'supplies', 'help', 'units', 'notices'] as const
export type ReportGroup = (typeof REPORT_GROUPS)[number]
export const REPORT_GROUP_LABELS: Record<ReportGroup, string> = {
  returnees: '返程人员',
  observation: '观察',
  gate: '卡口',
  volunteers: '志愿者',
  disinfection: '消杀',
  supplies: '物资',
  help: '居民求助',
  units: '商铺单位',
  notices: '宣传告知'
}

/** One figure of the report: a stable key (what a difference and a template cell name), its label, value and unit. */
export interface ReportLine {
  key: string
  label: string
  value: number
  unit: '人' | '人次' | '个' | '处' | string
  definition: string
  /** A line that must stand out (fever, overdue): red on screen and in print. */
  alert?: boolean
}

export interface ReportSection {
  group: ReportGroup
  title: string
  lines: ReportLine[]
  /** Words that are no figure (the names of the day's 带班人). */
  notes: string[]
}

/** The head and foot of the report as the street office asks for them. */
export interface ReportHeader {
  /** 填报单位: the community's name from 设置. */
  unit: string
  reporter: string
  phone: string
  reviewer: string
}

/** Definitions of the fixed figures, one place: the tooltip, README's table and the Excel 说明 column read these. */
export const DEFINITIONS = {
  'returnees.returnedToday': '返程日期为当日的人数（按人计：同一人当日多条返程记录只算 1 人）',
  'returnees.registeredToday': '登记日期为当日的人数（按录入系统的日期，不论哪天返回；按人计）',
  'returnees.total': '返程日期不晚于当日的人数，累计按人计（晚些才录入的返程也按返程日期算进去）',
  'returnees.notObserved':
    '最近一次返程日期在含当日的最近 N 天内、没有一条观察记录覆盖其返回（开始不晚于当日、到返回那天仍未结束）的人数（N 在报表设置中，默认 14）',
  'returnees.province': '当日返回的人按其当日返程的出发省份计；累计按每人截至当日最近一次返程的出发省份计，每人只计 1 次',
  'observation.observing': '当日在观察的人数：开始日期不晚于当日，当日结束时未解除、未转送医院、未失联（期满未解除的仍在观察）',
  'observation.kind': '在观察人数中该观察类型的人数（一人同时有两条观察记录时按各自类型计）',
  'observation.newToday': '观察开始日期为当日的人数',
  'observation.releasedToday': '解除日期为当日的人数',
  'observation.releasedTotal': '解除日期不晚于当日的人数，累计',
  'observation.endedNotReleased': '观察期满日期不晚于当日、当日结束时仍未解除的人数',
  'observation.hospitalToday': '当日观察状态改为“转送医院”的人，加上当日在卡口处置为“送医”的人（同一人只算 1 次）',
  'observation.lost': '截至当日状态为“失联”的人数',
  'observation.due': '当日在观察期内（开始日期 ≤ 当日 ≤ 期满日期）且当日未解除的人数，即当日应测体温的人',
  'observation.checked': '应测人员中当日已有体温登记（结果不是“未联系上”）的人数',
  'observation.unchecked': '应测人数减去已测人数',
  'observation.abnormalChecks': '当日体温登记结果为异常的人数',
  'observation.abnormalGate': '当日在卡口测得体温异常的人数，不论处置是劝返、留观还是送医',
  'observation.abnormal': '当日体温登记异常或卡口体温异常的人数，同一人只算 1 次',
  'gate.checkpoints': '当日在用的卡口数（当日已停用的不计）',
  'gate.in': '当日登记为“进”的人次，按类别',
  'gate.out': '当日登记为“出”的人次，按类别',
  'gate.fever': '当日卡口体温达到异常阈值的人次',
  'gate.action': '当日卡口体温异常人次中该处置的人次',
  'gate.attendance': '当日排班中签到在岗（含无签到时间但标记在岗）的人次',
  'volunteers.scheduled': '当日排班中的志愿者人数（按人计）',
  'volunteers.present': '当日排班中已签到在岗的志愿者人数（按人计）',
  'disinfection.places': '当日已建立且现在仍在用的消杀场所数',
  'disinfection.done': '当日有消杀记录的场所数',
  'disinfection.due': '按各场所的消杀频次当日应消杀的场所数',
  'disinfection.overdue': '当日结束时已超过消杀频次仍未消杀的场所数',
  'supplies.issued': '当日出库数量（当日冲销的出库相抵）；重点物资指防护用品、消杀用品、检测设备',
  'supplies.usable': '当日结束时的可用库存：已过期批次的数量不计'
} as const
export type DefinitionKey = keyof typeof DEFINITIONS

/** A fixed figure's line, its definition looked up by key. */
export function line(key: DefinitionKey, label: string, value: number, unit: string, alert = false): ReportLine {
  return { key, label, value, unit, definition: DEFINITIONS[key], ...(alert ? { alert: true } : {}) }
}

/** A figure of a family (a province, a gate category, a supply item) under a family's definition. */
export function familyLine(family: DefinitionKey, suffix: string, label: string, value: number, unit: string, alert = false): ReportLine {
  return { key: `${family}.${suffix}`, label, value, unit, definition: DEFINITIONS[family], ...(alert ? { alert: true } : {}) }
}

/**
 * A figure of a later domain (help requests, shops, notices): its definition lives beside the
 * domain's own rules (shared/domain/<domain>.ts) and travels with the line, so the tooltip, the
 * Excel 说明 column and README read it the same way as the fixed figures'.
 */
export function domainLine(key: string, definition: string, label: string, value: number, unit: string, alert = false): ReportLine {
  return { key, label, value, unit, definition, ...(alert ? { alert: true } : {}) }
}

export interface ReportDifference {
  key: string
  label: string
  /** null: the figure was not in the report as sent (a new province, a new item), or is gone now. */
  sent: number | null
  now: number | null
}

/** Every figure whose value differs between the report as sent and as computed now, in the current report's order. */
export function reportDifferences(sent: readonly ReportSection[], now: readonly ReportSection[]): ReportDifference[] {
  const sentLines = new Map(sent.flatMap((s) => s.lines).map((l) => [l.key, l]))
  const nowLines = now.flatMap((s) => s.lines)
  const nowKeys = new Set(nowLines.map((l) => l.key))
  const out: ReportDifference[] = []
  for (const l of nowLines) {
    const before = sentLines.get(l.key)
    if (!before) {
      if (l.value !== 0) out.push({ key: l.key, label: l.label, sent: null, now: l.value })
    } else if (before.value !== l.value) out.push({ key: l.key, label: l.label, sent: before.value, now: l.value })
  }
  for (const [key, l] of sentLines) if (!nowKeys.has(key) && l.value !== 0) out.push({ key, label: l.label, sent: l.value, now: null })
  return out
}

/** '2026-02-03' → '2月3日'. */
export function dayText(day: string): string {
  const [, m, d] = day.split('-')
  return `${Number(m)}月${Number(d)}日`
}

/**
 * The message the street office asks for in the WeChat group: one line a group, figures as
 * "label N unit", zero figures of a family left out (a province with nobody, a category with no
 * traffic), the header's people at the end.
 */
export function reportText(r: { day: string; sections: readonly ReportSection[]; header: ReportHeader; correction?: boolean }): string {
  const title = `${r.header.unit || '本社区'}${dayText(r.day)}疫情防控日报${r.correction ? '（更正）' : ''}`
  const lines = [title]
  r.sections.forEach((s, i) => {
    const parts = s.lines.filter((l) => l.value !== 0 || !isFamilyLine(l.key)).map((l) => `${l.label}${l.value}${l.unit}`)
    const notes = s.notes.length ? `；${s.notes.join('；')}` : ''
    lines.push(`${i + 1}. ${s.title}：${parts.join('，') || '无'}${notes}。`)
  })
  const foot = [`填报人：${r.header.reporter || '—'}`, `联系电话：${r.header.phone || '—'}`, `审核人：${r.header.reviewer || '—'}`]
  lines.push(foot.join('  '))
  return lines.join('\n')
}

const FAMILIES: readonly string[] = ['returnees.province', 'observation.kind', 'gate.in', 'gate.out', 'gate.action', 'supplies.issued', 'supplies.usable']

/** A line of a family (its key is the family's plus a suffix): left out of the text when zero. */
export function isFamilyLine(key: string): boolean {
  return FAMILIES.some((f) => key.startsWith(`${f}.`))
}
