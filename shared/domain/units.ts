/**
 * Shops, workplaces and their workers (单位 / 从业人员): the vocabulary (codes stored, zh-CN labels
 * shown), which status changes a clerk may make by hand, the 复工 checklist and how a worker's
 * health reads from the day's two temperatures. The backend, the screens and the tests all ask
 * these, so a button is offered exactly when the backend would accept it.
 */
import { DEFAULT_FEVER_THRESHOLD, toTenths } from './temperature'

export const UNIT_KINDS = ['street_shop', 'market', 'catering', 'company', 'site', 'school', 'park', 'other'] as const
export type UnitKind = (typeof UNIT_KINDS)[number]
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  street_shop: '沿街商铺',
  market: '超市/菜场',
  catering: '餐饮',
  company: '企业',
  site: '工地',
  school: '学校/培训',
  park: '园区/写字楼',
  other: '其他'
}

export const UNIT_STATUSES = ['open', 'suspended', 'applying', 'reopened', 'closed'] as const
export type UnitStatus = (typeof UNIT_STATUSES)[number]
export const UNIT_STATUS_LABELS: Record<UnitStatus, string> = {
  open: '营业',
  suspended: '暂停营业',
  applying: '申请复工',
  reopened: '已复工',
  closed: '关闭'
}

/**
 * What a clerk may set by hand. 申请复工 and 已复工 are reached only through the 复工 application
 * and its approval (with the checklist), so a shop cannot be marked reopened without one.
 */
export const MANUAL_UNIT_STATUSES = ['open', 'suspended', 'closed'] as const satisfies readonly UnitStatus[]
export type ManualUnitStatus = (typeof MANUAL_UNIT_STATUSES)[number]

/** A 复工 application is made by a unit that is not trading: 暂停营业 (or 关闭 reopening). */
export function canApplyReopen(status: UnitStatus): boolean {
  return status === 'suspended' || status === 'closed'
}

export const WORKER_ROLES_SUGGESTED = ['负责人', '店员', '收银员', '厨师', '服务员', '保安', '保洁', '工人', '教师', '其他'] as const

export const INSPECTION_FINDINGS = ['masks', 'temperature', 'registration', 'disinfection', 'ventilation', 'crowding'] as const
export type InspectionFinding = (typeof INSPECTION_FINDINGS)[number]
/** What the inspector found wanting: 口罩 not worn, 测温 not done, ... */
export const INSPECTION_FINDING_LABELS: Record<InspectionFinding, string> = {
  masks: '口罩',
  temperature: '测温',
  registration: '登记',
  disinfection: '消毒',
  ventilation: '通风',
  crowding: '人员聚集'
}

/**
 * The 复工 checklist the street office asks for. `computed` items are answered from the records
 * (the clerk cannot tick them); the others are ticked by the clerk who saw the stock.
 */
export const REOPEN_ITEMS = ['staffRegistered', 'outsidersObserved', 'masks', 'thermometer', 'disinfectant', 'disinfectionLog', 'pledge'] as const
export type ReopenItem = (typeof REOPEN_ITEMS)[number]
export const REOPEN_TICKED = ['masks', 'thermometer', 'disinfectant'] as const satisfies readonly ReopenItem[]
export type ReopenTicked = (typeof REOPEN_TICKED)[number]
export const REOPEN_ITEM_LABELS: Record<ReopenItem, string> = {
  staffRegistered: '全部从业人员已登记',
  outsidersObserved: '外地返回人员已观察',
  masks: '口罩有储备',
  thermometer: '体温计有储备',
  disinfectant: '消毒用品有储备',
  disinfectionLog: '有消杀记录',
  pledge: '已签承诺书'
}

export interface ReopenCheckItem {
  item: ReopenItem
  label: string
  ok: boolean
  /** Computed from the records (not a tick), and why it reads as it does. */
  computed: boolean
  detail: string
}

/** The items a 复工 approval needs all of: what the list names when it refuses. */
export function missingItems(items: readonly ReopenCheckItem[]): string[] {
  return items.filter((i) => !i.ok).map((i) => i.label)
}

/** A worker's health on a day, from the person in charge's two readings. */
export const WORKER_HEALTH = ['normal', 'abnormal', 'unreported'] as const
export type WorkerHealth = (typeof WORKER_HEALTH)[number]
export const WORKER_HEALTH_LABELS: Record<WorkerHealth, string> = { normal: '正常', abnormal: '异常', unreported: '未报' }

/** The one temperature rule (shared/domain/temperature.ts), on readings stored in tenths. */
export function healthOf(amTenths: number | null, pmTenths: number | null, threshold = DEFAULT_FEVER_THRESHOLD): WorkerHealth {
  const limit = toTenths(threshold)
  const readings = [amTenths, pmTenths].filter((t): t is number => t !== null)
  if (readings.length === 0) return 'unreported'
  return readings.some((t) => t >= limit) ? 'abnormal' : 'normal'
}

/** Figures of the daily report's 商铺单位 group (ReportContributor), with their definitions. */
export const UNIT_REPORT_LINES = {
  units: { label: '登记单位', unit: '个', definition: '当日结束时已登记、未删除的单位数（不论营业状态）' },
  reopened: { label: '已复工单位', unit: '个', definition: '当日结束时状态为“已复工”的单位数（复工审批日期不晚于当日）' },
  workers: { label: '从业人员', unit: '人', definition: '当日结束时在册的从业人员人数（按人计，一人在两家单位只算 1 人）' },
  observing: {
    label: '从业人员在观察',
    unit: '人',
    definition: '在册从业人员中，当日在观察的人数（观察开始不晚于当日、当日结束时未解除、未转送医院、未失联）'
  },
  abnormal: { label: '从业人员体温异常', unit: '人', definition: '在册从业人员中，当日上午或下午体温达到异常阈值的人数' }
} as const

/** What the 疫情防控承诺书 (printed for the manager to sign) commits the unit to. */
export const PLEDGE_ITEMS = [
  '全部从业人员在社区登记，外地返回人员按要求居家观察期满后方可上岗。',
  '从业人员每日上午、下午各测一次体温，由负责人报社区；体温异常者立即停止上岗并报告社区。',
  '经营场所每日消毒不少于两次，保持通风，做好消毒记录。',
  '从业人员全程佩戴口罩；顾客进店测温、戴口罩、扫码或登记。',
  '控制店内人数，顾客保持一米以上距离，不聚集。',
  '储备口罩、体温计、消毒用品，不少于一周用量。',
  '服从社区和街道的防控安排，配合巡查，发现问题按期整改。'
] as const
