/**
 * Residents' help requests (居民求助). The status machine and the vocabulary are the domain's
 * (shared/domain/help.ts); these are the shapes a form sends, checked alike in the form and at
 * the backend's door.
 */
import { splitIsoDate } from '../domain/dates'
import { parsePhone } from '../domain/phone'
import { HELP_CHANNELS, HELP_STATUSES, HELP_TYPES, HELP_URGENCIES } from '../domain/help'
import type { HelpAction } from '../domain/help'
import { isoDay, noteText, optionalText, pageShape, recordId, requiredText } from './common'
import { z } from './zod'

export {
  HELP_ACTIONS,
  HELP_CHANNELS,
  HELP_CHANNEL_LABELS,
  HELP_STATUSES,
  HELP_STATUS_LABELS,
  HELP_TRANSITIONS,
  HELP_TYPES,
  HELP_TYPE_LABELS,
  HELP_URGENCIES,
  HELP_URGENCY_LABELS
} from '../domain/help'
export type { HelpAction, HelpChannel, HelpStatus, HelpType, HelpUrgency } from '../domain/help'

/** 'YYYY-MM-DD HH:mm' on the office's wall clock, a real day and time. */
export const wallTime = (label: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2} ([01]\d|2[0-3]):[0-5]\d$/, `${label}格式应为 YYYY-MM-DD HH:mm`)
    .refine((v) => splitIsoDate(v.slice(0, 10)) !== null, `${label}不是真实的日期`)

const who = {
  /** A household of the register; the person too when the clerk picked one. */
  householdId: recordId('住户').nullable(),
  residentId: recordId('居民').nullable(),
  /** A caller not (yet) in the register: their own name, phone and address. */
  callerName: optionalText('求助人姓名', 40),
  callerPhone: optionalText('联系电话', 30),
  callerAddress: optionalText('地址', 80),
  /** The grid of a caller's request (a registered household's is its own). */
  gridId: recordId('网格').nullable()
}

const what = {
  type: z.enum(HELP_TYPES, { message: '请选择求助类型' }),
  content: requiredText('求助内容', 300)
}

function checkWho(v: { householdId: number | null; residentId: number | null; callerName: string; callerPhone: string }, ctx: z.RefinementCtx): void {
  if (v.householdId === null && v.residentId === null && v.callerName === '') {
    ctx.addIssue({ code: 'custom', path: ['callerName'], message: '请选择住户或居民，或填写求助人姓名' })
  }
  if (v.callerPhone !== '') {
    const parsed = parsePhone(v.callerPhone)
    if (!parsed.ok) ctx.addIssue({ code: 'custom', path: ['callerPhone'], message: parsed.message })
  }
}

export const helpCreateArgs = z
  .strictObject({
    ...who,
    ...what,
    channel: z.enum(HELP_CHANNELS, { message: '请选择求助渠道' }),
    urgency: z.enum(HELP_URGENCIES, { message: '请选择紧急程度' }),
    wantedBy: wallTime('要求完成时间').nullable(),
    notes: noteText('备注', 200)
  })
  .superRefine(checkWho)
export type HelpInput = z.infer<typeof helpCreateArgs>

/** 卡口值守: a need met at the gate, nothing more (channel 卡口, urgency 一般 unless a clerk changes it). */
export const helpGateArgs = z.strictObject({ ...who, ...what }).superRefine(checkWho)
export type HelpGateInput = z.infer<typeof helpGateArgs>

export const helpIdArgs = z.strictObject({ id: recordId('求助') })

const actionBase = { id: recordId('求助') }
/** One step of the status machine; what each must carry is the table's `needs`. */
export const helpActArgs = z.discriminatedUnion(
  'action',
  [
    z.strictObject({ ...actionBase, action: z.literal('assign'), volunteerId: recordId('志愿者'), note: optionalText('说明', 200) }),
    z.strictObject({ ...actionBase, action: z.literal('start'), note: optionalText('说明', 200) }),
    z.strictObject({ ...actionBase, action: z.literal('finish'), note: requiredText('办理结果', 300) }),
    z.strictObject({ ...actionBase, action: z.literal('fail'), note: requiredText('无法完成的原因', 300) }),
    z.strictObject({ ...actionBase, action: z.literal('cancel'), note: requiredText('撤销原因', 300) }),
    z.strictObject({ ...actionBase, action: z.literal('follow_up'), satisfied: z.boolean({ message: '请选择是否满意' }), note: optionalText('回访情况', 300) })
  ],
  { message: '未知的操作' }
)
export type HelpAct = z.infer<typeof helpActArgs>
// Keeps the union and the domain's action list in step: a new action must be given a shape here.
const _everyAction: Record<HelpAction, HelpAct['action']> = {
  assign: 'assign',
  start: 'start',
  finish: 'finish',
  fail: 'fail',
  cancel: 'cancel',
  follow_up: 'follow_up'
}
void _everyAction

export const helpListArgs = z.strictObject({
  status: z.enum(HELP_STATUSES).optional(),
  /** 未办结: 待分配, 已分配 and 处理中 together (the desk's default). */
  openOnly: z.boolean().optional(),
  type: z.enum(HELP_TYPES).optional(),
  urgency: z.enum(HELP_URGENCIES).optional(),
  gridId: recordId('网格').optional(),
  volunteerId: recordId('志愿者').optional(),
  /** Registered (created) from / to, local calendar days. */
  from: isoDay('开始日期').optional(),
  to: isoDay('结束日期').optional(),
  q: optionalText('查找内容', 30).optional(),
  ...pageShape
})
export type HelpListArgs = z.infer<typeof helpListArgs>

/** 居民求助登记表: the desk's filters, every page (paging is the export's own). */
export const helpExportArgs = helpListArgs.omit({ page: true, pageSize: true })
export type HelpExportArgs = z.infer<typeof helpExportArgs>

/** 求助任务单: one volunteer's, or every volunteer's (one sheet each). */
export const helpTaskListArgs = z.strictObject({ volunteerId: recordId('志愿者').optional() })

export const helpHouseholdArgs = z.strictObject({ householdId: recordId('住户') })

export const EMPTY_HELP: HelpInput = {
  householdId: null,
  residentId: null,
  callerName: '',
  callerPhone: '',
  callerAddress: '',
  gridId: null,
  channel: 'phone',
  type: 'groceries',
  urgency: 'normal',
  content: '',
  wantedBy: null,
  notes: ''
}

export const HELP_MONEY_KINDS = ['advance', 'repay'] as const
export type HelpMoneyKind = (typeof HELP_MONEY_KINDS)[number]
export const HELP_MONEY_KIND_LABELS: Record<HelpMoneyKind, string> = { advance: '垫付', repay: '还款' }
export const PAY_METHODS = ['cash', 'wechat'] as const
export type PayMethod = (typeof PAY_METHODS)[number]
export const PAY_METHOD_LABELS: Record<PayMethod, string> = { cash: '现金', wechat: '微信' }

/** Yuan as typed (up to two decimals, more than 0); stored as integer fen by the backend. */
const yuan = z
  .number({ message: '请填写金额' })
  .refine((v) => Number.isFinite(v) && v > 0, '金额应大于 0')
  .refine((v) => v <= 100_000, '金额不能超过 100000 元')
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, '金额最多到分（两位小数）')

/** 代购 money: what the volunteer advanced (with the receipt), or what was paid back to them. */
export const helpMoneyArgs = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ id: recordId('求助'), kind: z.literal('advance'), yuan, receiptNo: optionalText('小票号', 40), note: optionalText('说明', 100) }),
    z.strictObject({
      id: recordId('求助'),
      kind: z.literal('repay'),
      yuan,
      method: z.enum(PAY_METHODS, { message: '请选择还款方式' }),
      note: optionalText('说明', 100)
    })
  ],
  { message: '请选择垫付或还款' }
)
export type HelpMoney = z.infer<typeof helpMoneyArgs>
