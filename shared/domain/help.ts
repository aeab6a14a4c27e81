/**
 * Residents' help requests (居民求助): the vocabulary (codes stored, zh-CN labels shown), the one
 * status machine every write goes through, when a request is overdue, and which volunteer skills
 * fit which kind of need. The backend, the lists, the buttons a clerk sees and the tests all ask
 * these, so a button is offered exactly when the backend would accept its step.
 */
import { availabilitySlots } from './roster-periods'

export const HELP_CHANNELS = ['phone', 'wechat', 'visit', 'gate', 'grid_worker'] as const
export type HelpChannel = (typeof HELP_CHANNELS)[number]
export const HELP_CHANNEL_LABELS: Record<HelpChannel, string> = { phone: '电话', wechat: '微信群', visit: '上门', gate: '卡口', grid_worker: '网格员' }

export const HELP_TYPES = ['groceries', 'medicine', 'medical', 'counselling', 'enquiry', 'garbage', 'other'] as const
export type HelpType = (typeof HELP_TYPES)[number]
export const HELP_TYPE_LABELS: Record<HelpType, string> = {
  groceries: '生活物资代购',
  medicine: '药品代购/代配',
  medical: '就医协助',
  counselling: '心理疏导',
  enquiry: '咨询答疑',
  garbage: '垃圾清运',
  other: '其他'
}

/** Most urgent first: the order lists sort by. */
export const HELP_URGENCIES = ['life', 'health', 'hardship', 'normal'] as const
export type HelpUrgency = (typeof HELP_URGENCIES)[number]
export const HELP_URGENCY_LABELS: Record<HelpUrgency, string> = { life: '危及生命', health: '影响健康', hardship: '生活困难', normal: '一般' }

export const HELP_STATUSES = ['open', 'assigned', 'in_progress', 'done', 'failed', 'cancelled'] as const
export type HelpStatus = (typeof HELP_STATUSES)[number]
export const HELP_STATUS_LABELS: Record<HelpStatus, string> = {
  open: '待分配',
  assigned: '已分配',
  in_progress: '处理中',
  done: '已完成',
  failed: '无法完成',
  cancelled: '已撤销'
}
/** Still somebody's work: what 未办结 counts and what can become overdue. */
export const OPEN_HELP_STATUSES = ['open', 'assigned', 'in_progress'] as const satisfies readonly HelpStatus[]
export function isOpenStatus(status: HelpStatus): boolean {
  return (OPEN_HELP_STATUSES as readonly HelpStatus[]).includes(status)
}

export const HELP_ACTIONS = ['assign', 'start', 'finish', 'fail', 'cancel', 'follow_up'] as const
export type HelpAction = (typeof HELP_ACTIONS)[number]

export interface HelpTransition {
  /** The button and the step's name in the history. */
  label: string
  from: readonly HelpStatus[]
  /** The status after the step; null keeps it (回访 is recorded, it moves nothing). */
  to: HelpStatus | null
  /** What the step must carry: a volunteer, a written result, a reason. */
  needs: 'volunteer' | 'result' | 'reason' | 'follow_up' | null
}

/**
 * The one status machine: 待分配 → 已分配 → 处理中 → 已完成 / 无法完成 / 已撤销. Re-assigning is
 * 分配 again from 已分配 or 处理中 (the new volunteer starts over at 已分配). A closed request is
 * history: only its 回访 may still be written, once.
 */
export const HELP_TRANSITIONS: Record<HelpAction, HelpTransition> = {
  assign: { label: '分配', from: ['open', 'assigned', 'in_progress'], to: 'assigned', needs: 'volunteer' },
  start: { label: '开始处理', from: ['assigned'], to: 'in_progress', needs: null },
  finish: { label: '办结', from: ['assigned', 'in_progress'], to: 'done', needs: 'result' },
  fail: { label: '无法完成', from: ['open', 'assigned', 'in_progress'], to: 'failed', needs: 'reason' },
  cancel: { label: '撤销', from: ['open', 'assigned', 'in_progress'], to: 'cancelled', needs: 'reason' },
  follow_up: { label: '回访', from: ['done', 'failed'], to: null, needs: 'follow_up' }
}

/** Whether the step may be taken now; 回访 only once. */
export function canAct(state: { status: HelpStatus; followedUp: boolean }, action: HelpAction): boolean {
  if (action === 'follow_up' && state.followedUp) return false
  return HELP_TRANSITIONS[action].from.includes(state.status)
}

/** The status a step leads to (the table's, or the same for 回访). */
export function statusAfter(status: HelpStatus, action: HelpAction): HelpStatus {
  return HELP_TRANSITIONS[action].to ?? status
}

/** The actions offered on a request in this state, in the table's order. */
export function actionsFor(state: { status: HelpStatus; followedUp: boolean }): HelpAction[] {
  return HELP_ACTIONS.filter((a) => canAct(state, a))
}

/** Why a step is refused, in words a clerk understands. */
export function refusalOf(status: HelpStatus, action: HelpAction, followedUp: boolean): string {
  if (action === 'follow_up' && followedUp) return '这条求助已经回访过了。'
  if (action === 'follow_up') return `求助${HELP_STATUS_LABELS[status]}，办结后才能回访。`
  return `求助${HELP_STATUS_LABELS[status]}，不能再${HELP_TRANSITIONS[action].label}。`
}

/**
 * Wanted-by (要求时间) is the office's wall clock, 'YYYY-MM-DD HH:mm'. A request still open past it
 * is overdue (shown in red, listed first). Both sides are the same fixed-width text, so the
 * comparison is the one the database makes in its ORDER BY.
 */
export function isOverdue(r: { status: HelpStatus; wantedBy: string | null }, nowLocal: string): boolean {
  return isOpenStatus(r.status) && r.wantedBy !== null && r.wantedBy < nowLocal
}

/** Volunteer skills (志愿者 技能) that suit each kind of need, for the assignment suggestions. */
export const HELP_TYPE_SKILLS: Record<HelpType, readonly string[]> = {
  groceries: ['买菜', '代购', '驾驶'],
  medicine: ['医疗', '药品', '代购', '驾驶'],
  medical: ['医疗', '驾驶', '陪诊'],
  counselling: ['心理疏导'],
  enquiry: ['医疗', '信息录入', '教学辅导'],
  garbage: ['清运', '物业'],
  other: []
}

/**
 * Whether a volunteer's weekly availability (roster's 21 flags) covers this moment: the flag of
 * the roster's period the minute falls in (a one-minute span, so the roster's own period rule
 * decides, e.g. 06:30 on Tuesday is still Monday evening).
 */
export function availableAt(availability: string, when: Date): boolean {
  const dayIndex = (when.getDay() + 6) % 7
  const minute = when.getHours() * 60 + when.getMinutes()
  const [slot] = availabilitySlots({ startMinute: minute, endMinute: (minute + 1) % 1440 }, dayIndex)
  return slot !== undefined && availability[slot] === '1'
}

/** Money is kept in integer fen (分); a clerk types yuan with up to two decimals. */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100)
}
export function fenText(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/**
 * The 居民求助 figures of the 每日疫情防控报表, each with the definition a clerk reads in the tooltip,
 * the Excel 说明 column and README. By the records' own dates, so any past day is counted as it stood
 * at that day's end (a request closed later still counts as open on the days before).
 */
export const HELP_REPORT_DEFINITIONS = {
  'help.newToday': '登记日期为当日的求助件数（按录入系统的日期，含卡口登记的）',
  'help.doneToday': '当日办结（状态改为“已完成”）的求助件数',
  'help.open': '当日结束时尚未办结的求助件数：登记不晚于当日，当日结束时未完成、未判定无法完成、未撤销',
  'help.overdue': '当日结束时未办结、且要求完成时间早于当日结束的求助件数',
  'help.type': '当日新登记的求助中该类型的件数'
} as const
