/**
 * Notices and door-to-door outreach (通知公告 / 入户告知): the shapes a form sends, checked alike in
 * the form and at the backend's door. The vocabulary is the domain's (shared/domain/notices.ts).
 */
import { DOOR_HOWS, NOTICE_CHANNELS, NOTICE_KINDS, POST_NEEDS } from '../domain/notices'
import { KEY_GROUPS } from '../domain/register'
import { UNIT_KINDS } from '../domain/units'
import { wallTime } from './help'
import { isoDay, noteText, optionalText, pageShape, recordId, requiredText } from './common'
import { z } from './zod'

export {
  DOOR_HOWS,
  DOOR_HOW_LABELS,
  DOOR_OUTCOMES,
  DOOR_OUTCOME_LABELS,
  NOTICE_CHANNELS,
  NOTICE_CHANNEL_LABELS,
  NOTICE_AUDIENCES,
  NOTICE_AUDIENCE_UNIT,
  NOTICE_KINDS,
  NOTICE_KIND_LABELS,
  NOTICE_TARGET_CHOICES,
  NOTICE_TARGET_CHOICE_LABELS,
  NOTICE_TARGET_KINDS,
  NOTICE_TARGET_KIND_LABELS,
  POST_NEEDS
} from '../domain/notices'
export type { DoorHow, DoorOutcome, NoticeAudience, NoticeChannel, NoticeKind, NoticeTargetChoice, NoticeTargetKind } from '../domain/notices'

/**
 * Who a notice is for: the whole community, some grids, some buildings or some key groups; or
 * 商铺单位, all of them or only those of some grids and/or some kinds (none chosen: all).
 */
export const noticeTarget = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('community') }),
    z.strictObject({ kind: z.literal('grids'), gridIds: z.array(recordId('网格')).min(1, '请选择至少一个网格').max(100) }),
    z.strictObject({ kind: z.literal('buildings'), buildingIds: z.array(recordId('楼栋')).min(1, '请选择至少一栋楼').max(500) }),
    z.strictObject({ kind: z.literal('key_groups'), keyGroups: z.array(z.enum(KEY_GROUPS)).min(1, '请选择至少一类重点人群') }),
    z.strictObject({
      kind: z.literal('units'),
      gridIds: z.array(recordId('网格')).max(100),
      unitKinds: z.array(z.enum(UNIT_KINDS, { message: '请选择单位类别' })).max(UNIT_KINDS.length)
    })
  ],
  { message: '请选择告知范围' }
)
export type NoticeTarget = z.infer<typeof noticeTarget>

export const noticeCreateArgs = z
  .strictObject({
    title: requiredText('标题', 60),
    body: cleanBody(),
    kind: z.enum(NOTICE_KINDS, { message: '请选择通知类型' }),
    channels: z.array(z.enum(NOTICE_CHANNELS)).min(1, '请至少选择一个发布渠道'),
    target: noticeTarget,
    publishDate: isoDay('发布日期'),
    validUntil: isoDay('有效期至').nullable()
  })
  .superRefine((v, ctx) => {
    if (v.validUntil !== null && v.validUntil < v.publishDate) {
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: '有效期至不能早于发布日期' })
    }
    if (new Set(v.channels).size !== v.channels.length) ctx.addIssue({ code: 'custom', path: ['channels'], message: '发布渠道重复了' })
  })
export type NoticeInput = z.infer<typeof noticeCreateArgs>

function cleanBody() {
  return noteText('正文', 3000).refine((v) => v !== '', '请填写正文')
}

export const noticeIdArgs = z.strictObject({ id: recordId('通知') })

export const noticeListArgs = z.strictObject({
  kind: z.enum(NOTICE_KINDS).optional(),
  channel: z.enum(NOTICE_CHANNELS).optional(),
  /** Published from / to, local calendar days. */
  from: isoDay('开始日期').optional(),
  to: isoDay('结束日期').optional(),
  q: optionalText('查找内容', 30).optional(),
  ...pageShape
})
export type NoticeListArgs = z.infer<typeof noticeListArgs>

/** A publishing record of one channel: a group chat names its group, a banner where and how many. */
export const noticePostArgs = z
  .strictObject({
    noticeId: recordId('通知'),
    channel: z.enum(NOTICE_CHANNELS, { message: '请选择发布渠道' }),
    groupName: optionalText('群名称', 40),
    members: z.number({ message: '群人数应为数字' }).int('群人数应为整数').min(0, '群人数不能为负').max(100_000, '群人数过大').nullable(),
    place: optionalText('位置', 60),
    count: z.number({ message: '数量应为数字' }).int('数量应为整数').min(1, '数量至少为 1').max(10_000, '数量过大').nullable(),
    poster: requiredText('发布人', 20),
    postedAt: wallTime('发布时间'),
    note: optionalText('备注', 100)
  })
  .superRefine((v, ctx) => {
    if (v.channel === 'door') {
      ctx.addIssue({ code: 'custom', path: ['channel'], message: '入户告知请在入户清单上逐户标记' })
      return
    }
    const needs = POST_NEEDS[v.channel]
    if (needs === 'group' && v.groupName === '') ctx.addIssue({ code: 'custom', path: ['groupName'], message: '请填写群名称' })
    if (needs === 'place' && v.place === '') ctx.addIssue({ code: 'custom', path: ['place'], message: '请填写张贴或悬挂的位置' })
    if (needs === 'place' && v.count === null) ctx.addIssue({ code: 'custom', path: ['count'], message: '请填写数量' })
  })
export type NoticePost = z.infer<typeof noticePostArgs>

export const noticeUnpostArgs = z.strictObject({ noticeId: recordId('通知'), postId: recordId('发布记录') })

/** The door-to-door checklist: a page of target households in address order, filtered. */
export const noticeChecklistArgs = z.strictObject({
  id: recordId('通知'),
  gridId: recordId('网格').optional(),
  /** Households in no grid. */
  noGrid: z.boolean().optional(),
  outcome: z.enum(['pending', 'reached', 'unreachable']).optional(),
  q: optionalText('查找内容', 30).optional(),
  ...pageShape
})
export type NoticeChecklistArgs = z.infer<typeof noticeChecklistArgs>

/** The checklist of a notice to 商铺单位: a page of its units in address order, filtered alike. */
export const noticeUnitChecklistArgs = noticeChecklistArgs
export type NoticeUnitChecklistArgs = NoticeChecklistArgs

/**
 * Marks households of the checklist: 已告知 with how, 未联系上, or back to 未告知 (a mistake undone).
 * Several at once, so a building can be marked in a row.
 */
export const noticeMarkArgs = z
  .strictObject({
    id: recordId('通知'),
    householdIds: z.array(recordId('住户')).min(1, '请选择住户').max(200, '一次最多标记 200 户'),
    outcome: z.enum(['pending', 'reached', 'unreachable'], { message: '请选择告知结果' }),
    how: z.enum(DOOR_HOWS, { message: '请选择告知方式' }).nullable(),
    note: optionalText('备注', 100)
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'reached' && v.how === null) ctx.addIssue({ code: 'custom', path: ['how'], message: '请选择告知方式：当面、门贴或电话' })
    if (new Set(v.householdIds).size !== v.householdIds.length) ctx.addIssue({ code: 'custom', path: ['householdIds'], message: '住户重复了' })
  })
export type NoticeMark = z.infer<typeof noticeMarkArgs>

/** Marks units of a notice to 商铺单位, as households are marked. */
export const noticeMarkUnitsArgs = z
  .strictObject({
    id: recordId('通知'),
    unitIds: z.array(recordId('单位')).min(1, '请选择单位').max(200, '一次最多标记 200 家'),
    outcome: z.enum(['pending', 'reached', 'unreachable'], { message: '请选择告知结果' }),
    how: z.enum(DOOR_HOWS, { message: '请选择告知方式' }).nullable(),
    note: optionalText('备注', 100)
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'reached' && v.how === null) ctx.addIssue({ code: 'custom', path: ['how'], message: '请选择告知方式：当面、门贴或电话' })
    if (new Set(v.unitIds).size !== v.unitIds.length) ctx.addIssue({ code: 'custom', path: ['unitIds'], message: '单位重复了' })
  })
export type NoticeMarkUnits = z.infer<typeof noticeMarkUnitsArgs>

/** The printable checklist: one sheet per grid (or one grid). */
export const noticeSheetArgs = z.strictObject({ id: recordId('通知'), gridId: recordId('网格').optional() })
export type NoticeSheetArgs = z.infer<typeof noticeSheetArgs>

/** 宣传台账: notices published between two days. */
export const noticeExportArgs = z
  .strictObject({ from: isoDay('开始日期'), to: isoDay('结束日期') })
  .refine((v) => v.from <= v.to, { path: ['from'], message: '开始日期不能晚于结束日期' })
export type NoticeExportArgs = z.infer<typeof noticeExportArgs>

export const EMPTY_NOTICE: NoticeInput = {
  title: '',
  body: '',
  kind: 'prevention',
  channels: [],
  target: { kind: 'community' },
  publishDate: '',
  validUntil: null
}
