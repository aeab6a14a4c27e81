import type { Page } from '../schemas/common'
import type {
  DoorHow,
  DoorOutcome,
  NoticeAudience,
  NoticeChannel,
  NoticeChecklistArgs,
  NoticeExportArgs,
  NoticeInput,
  NoticeKind,
  NoticeListArgs,
  NoticeMark,
  NoticeMarkUnits,
  NoticePost,
  NoticeSheetArgs,
  NoticeTargetKind
} from '../schemas/notices'
import {
  noticeChecklistArgs,
  noticeCreateArgs,
  noticeExportArgs,
  noticeIdArgs,
  noticeListArgs,
  noticeMarkArgs,
  noticeMarkUnitsArgs,
  noticePostArgs,
  noticeSheetArgs,
  noticeUnitChecklistArgs,
  noticeUnpostArgs
} from '../schemas/notices'
import type { ExportedFile } from './audit'
import { defineModule, type MethodTable } from './types'

/** Households (or units, for a notice to 商铺单位) targeted door to door and how far the visits are (of the caller's grids). */
export interface DoorProgress {
  targeted: number
  reached: number
  unreachable: number
  pending: number
}

export interface NoticeRow {
  id: number
  title: string
  kind: NoticeKind
  channels: NoticeChannel[]
  targetKind: NoticeTargetKind
  /** Whom the checklist lists: households, or 商铺单位 (its counts are units, 家). */
  audience: NoticeAudience
  /** '全社区', '甲网格、乙网格', '幸福里小区 3栋、5栋', '独居老人、高龄'. */
  targetLabel: string
  publishDate: string
  validUntil: string | null
  /** Publishing records so far. */
  posts: number
  /** null without 入户告知. */
  door: DoorProgress | null
  createdBy: string
}

export interface NoticePostView {
  id: number
  channel: NoticeChannel
  groupName: string
  members: number | null
  place: string
  count: number | null
  poster: string
  postedAt: string
  note: string
  createdBy: string
}

export interface GridProgress extends DoorProgress {
  gridId: number | null
  /** '未划入网格' for households in no grid. */
  gridName: string
  workers: string[]
}

export interface NoticeDetail extends NoticeRow {
  body: string
  createdAt: string
  postList: NoticePostView[]
  /** Per grid of the caller's; empty without 入户告知. */
  progress: GridProgress[]
  /** The community's name from 设置, for the signature and the text pasted into a group. */
  communityName: string
}

export interface DoorRow {
  householdId: number
  address: string
  buildingId: number
  /** '幸福里小区 3栋': the checklist is grouped by it. */
  building: string
  gridId: number | null
  gridName: string
  householderName: string
  /** Masked. */
  phone: string
  outcome: DoorOutcome
  how: DoorHow | null
  markedBy: string
  markedAt: string | null
  note: string
}

export interface DoorSheet {
  gridId: number | null
  gridName: string
  workers: string[]
  rows: DoorRow[]
}

/** A unit on the checklist of a notice to 商铺单位. */
export interface UnitDoorRow {
  unitId: number
  name: string
  /** 沿街商铺, 餐饮, ... */
  kindLabel: string
  address: string
  gridId: number | null
  gridName: string
  managerName: string
  /** Masked. */
  phone: string
  outcome: DoorOutcome
  how: DoorHow | null
  markedBy: string
  markedAt: string | null
  note: string
}

export interface UnitDoorSheet {
  gridId: number | null
  gridName: string
  workers: string[]
  rows: UnitDoorRow[]
}

/** The print: household sheets for a notice to households, unit sheets for one to 商铺单位 (the other list empty). */
export interface NoticeSheets {
  notice: NoticeDetail
  sheets: DoorSheet[]
  unitSheets: UnitDoorSheet[]
}

export type NoticesApi = {
  'notices.list': (args: NoticeListArgs) => Promise<Page<NoticeRow>>
  'notices.get': (args: { id: number }) => Promise<NoticeDetail>
  'notices.create': (args: NoticeInput) => Promise<NoticeDetail>
  'notices.post': (args: NoticePost) => Promise<NoticeDetail>
  'notices.unpost': (args: { noticeId: number; postId: number }) => Promise<NoticeDetail>
  'notices.checklist': (args: NoticeChecklistArgs) => Promise<Page<DoorRow>>
  'notices.mark': (args: NoticeMark) => Promise<{ marked: number; progress: DoorProgress }>
  'notices.unitChecklist': (args: NoticeChecklistArgs) => Promise<Page<UnitDoorRow>>
  'notices.markUnits': (args: NoticeMarkUnits) => Promise<{ marked: number; progress: DoorProgress }>
  'notices.sheets': (args: NoticeSheetArgs) => Promise<NoticeSheets>
  'notices.export': (args: NoticeExportArgs) => Promise<ExportedFile>
}

export const noticesMethods = {
  'notices.list': { args: noticeListArgs, kind: 'query', permission: 'notices.view', title: '查看通知公告' },
  'notices.get': { args: noticeIdArgs, kind: 'query', permission: 'notices.view', title: '查看通知' },
  'notices.create': { args: noticeCreateArgs, kind: 'mutation', permission: 'notices.edit', title: '发布通知' },
  'notices.post': { args: noticePostArgs, kind: 'mutation', permission: 'notices.mark', title: '登记发布记录' },
  'notices.unpost': { args: noticeUnpostArgs, kind: 'mutation', permission: 'notices.mark', title: '删除发布记录' },
  'notices.checklist': { args: noticeChecklistArgs, kind: 'query', permission: 'notices.view', title: '查看入户告知清单' },
  'notices.mark': { args: noticeMarkArgs, kind: 'mutation', permission: 'notices.mark', title: '标记入户告知' },
  'notices.unitChecklist': { args: noticeUnitChecklistArgs, kind: 'query', permission: 'notices.view', title: '查看商铺单位告知清单' },
  'notices.markUnits': { args: noticeMarkUnitsArgs, kind: 'mutation', permission: 'notices.mark', title: '标记商铺单位告知' },
  'notices.sheets': { args: noticeSheetArgs, kind: 'query', permission: 'notices.view', title: '打印入户告知清单' },
  'notices.export': { args: noticeExportArgs, kind: 'export', permission: 'notices.view', title: '导出宣传台账' }
} satisfies MethodTable<NoticesApi>

export const noticesModule = defineModule<NoticesApi>({
  name: 'notices',
  methods: noticesMethods,
  grants: { 'notices.view': ['staff', 'grid_worker', 'readonly'], 'notices.edit': ['staff'], 'notices.mark': ['staff', 'grid_worker'] },
  pages: [
    { path: '/notices', name: 'notices', title: '通知公告', permission: 'notices.view', group: 'daily' },
    { path: '/notices/:id', name: 'notice', title: '通知详情', permission: 'notices.view', parent: '/notices' },
    { path: '/notices/:id/print', name: 'notice-print', title: '打印通知', permission: 'notices.view', parent: '/notices' },
    { path: '/notices/:id/checklist', name: 'notice-checklist', title: '入户告知清单', permission: 'notices.view', parent: '/notices' }
  ]
})
