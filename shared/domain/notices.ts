/**
 * Notices and door-to-door outreach (通知公告 / 入户告知, issue 23): the vocabulary (codes stored,
 * zh-CN labels shown), what each publishing channel records, the committee's signature, the text a
 * clerk pastes into a group chat, and the daily report's definitions. The backend, the forms, the
 * prints and the tests all read these.
 */
import { formatZhDate } from './dates'

export const NOTICE_KINDS = ['prevention', 'health', 'living', 'policy', 'rumour'] as const
export type NoticeKind = (typeof NOTICE_KINDS)[number]
export const NOTICE_KIND_LABELS: Record<NoticeKind, string> = {
  prevention: '防控通知',
  health: '健康知识',
  living: '生活服务',
  policy: '政策解读',
  rumour: '辟谣'
}

export const NOTICE_CHANNELS = ['wechat', 'qq', 'broadcast', 'banner', 'screen', 'door', 'phone'] as const
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number]
export const NOTICE_CHANNEL_LABELS: Record<NoticeChannel, string> = {
  wechat: '微信群',
  qq: 'QQ群',
  broadcast: '广播/喇叭',
  banner: '条幅/海报',
  screen: '电子屏',
  door: '入户告知',
  phone: '电话'
}

/**
 * What a publishing record of a channel must name: a group chat its group (and how many members,
 * which the street office asks), a banner where it hangs and how many. 入户告知 is recorded
 * household by household on the checklist, never as a publishing record.
 */
export const POST_NEEDS: Record<Exclude<NoticeChannel, 'door'>, 'group' | 'place' | 'none'> = {
  wechat: 'group',
  qq: 'group',
  broadcast: 'none',
  banner: 'place',
  screen: 'none',
  phone: 'none'
}

export const NOTICE_TARGET_KINDS = ['community', 'grids', 'buildings', 'key_groups'] as const
export type NoticeTargetKind = (typeof NOTICE_TARGET_KINDS)[number]
export const NOTICE_TARGET_KIND_LABELS: Record<NoticeTargetKind, string> = {
  community: '全社区',
  grids: '按网格',
  buildings: '按楼栋',
  key_groups: '重点人群'
}

/**
 * Who a notice's door-to-door checklist lists: households of the register, or 商铺单位 (the units
 * domain's shops and workplaces), told at their door the same way. Counts say 户 or 家 by it.
 */
export const NOTICE_AUDIENCES = ['households', 'units'] as const
export type NoticeAudience = (typeof NOTICE_AUDIENCES)[number]
export const NOTICE_AUDIENCE_UNIT: Record<NoticeAudience, string> = { households: '户', units: '家' }

/** The 告知范围 a clerk picks: a target of households, or 商铺单位 (all, of some grids, of some kinds). */
export const NOTICE_TARGET_CHOICES = [...NOTICE_TARGET_KINDS, 'units'] as const
export type NoticeTargetChoice = (typeof NOTICE_TARGET_CHOICES)[number]
export const NOTICE_TARGET_CHOICE_LABELS: Record<NoticeTargetChoice, string> = { ...NOTICE_TARGET_KIND_LABELS, units: '商铺单位' }

/**
 * The units a unit notice lists: live and not 关闭 (a closed shop has nobody at its door); a
 * suspended one is told all the same, it will open again.
 */
export const NOTICE_UNIT_STATUSES_EXCLUDED = ['closed'] as const

/** A household on the door-to-door checklist: not yet visited, told (when, by whom, how), or not reached. */
export const DOOR_OUTCOMES = ['pending', 'reached', 'unreachable'] as const
export type DoorOutcome = (typeof DOOR_OUTCOMES)[number]
export const DOOR_OUTCOME_LABELS: Record<DoorOutcome, string> = { pending: '未告知', reached: '已告知', unreachable: '未联系上' }

export const DOOR_HOWS = ['in_person', 'door_note', 'phone'] as const
export type DoorHow = (typeof DOOR_HOWS)[number]
export const DOOR_HOW_LABELS: Record<DoorHow, string> = { in_person: '当面', door_note: '门贴', phone: '电话' }

/**
 * The committee's name under a notice: the community's name from 设置 with 居民委员会, unless the
 * name already says it is a committee.
 */
export function committeeName(communityName: string): string {
  const name = communityName.trim()
  if (name === '') return '社区居民委员会'
  return /(居民委员会|居委会)$/.test(name) ? name : `${name}居民委员会`
}

/** The text a clerk pastes into a WeChat or QQ group: title, text, the committee and the date. */
export function groupText(notice: { title: string; body: string; publishDate: string }, communityName: string): string {
  return [`【${notice.title}】`, notice.body.trim(), '', committeeName(communityName), formatZhDate(notice.publishDate)].join('\n')
}

/** Definitions of the 宣传告知 figures of the daily report (the tooltip, README and the Excel 说明 column). */
export const NOTICE_REPORT_DEFINITIONS = {
  'notices.published': '发布日期为当日的通知公告条数（不论渠道）',
  'notices.reachedToday': '当日在入户告知清单上标记为“已告知”的住户数（同一户在两条通知中各算 1 户次）',
  'notices.targeted': '当日在有效期内（发布日期不晚于当日，有效期至为空或不早于当日）、含入户告知的通知的目标住户数，按通知累计户次',
  'notices.reached': '上述目标住户中，截至当日已标记为“已告知”的户次',
  'notices.unitsReachedToday': '当日在告知范围为商铺单位的入户告知清单上标记为“已告知”的单位数（按通知累计家次）',
  'notices.unitsTargeted': '当日在有效期内、告知范围为商铺单位且含入户告知的通知的目标单位数（发布时不含已关闭的单位），按通知累计家次',
  'notices.unitsReached': '上述目标单位中，截至当日已标记为“已告知”的家次'
} as const
