import type { NoticesApi } from '../../../shared/contract'
import { NOTICE_CHANNEL_LABELS } from '../../../shared/domain/notices'
import type { Ctx, Handlers } from '../context'
import { runExport } from '../excel/export/engine'
import { pageOf } from '../kit/paging'
import { noticesExport } from './notices.export'
import { checklistAll, checklistPage, doorCounts, noticePage, visibleSql } from './notices.repo'
import { createNotice, gridScopeOf, liveNotice, markHouseholds, markSummary, markUnits, recordPost, removePost } from './notices.service'
import { gridProgress, progressOf, toChecklistRow, toNoticeDetail, toNoticeRows, toSheets, toUnitChecklistRow, toUnitSheets } from './notices.view'
import { unitChecklistAll, unitChecklistPage } from './notice-units.repo'

function detail(ctx: Ctx, id: number) {
  return toNoticeDetail(ctx.store, liveNotice(ctx.store, ctx.session, id), gridScopeOf(ctx.session))
}

export const noticesHandlers = {
  'notices.list': (args, ctx) => {
    const { page, pageSize, offset } = pageOf(args)
    const scope = gridScopeOf(ctx.session)
    const found = noticePage(ctx.store, args, visibleSql(scope), pageSize, offset)
    return { rows: toNoticeRows(ctx.store, found.rows, scope), total: found.total, page, pageSize }
  },

  'notices.get': (args, ctx) => detail(ctx, args.id),

  'notices.create': (args, ctx) => {
    const { id } = ctx.write(
      {
        summary: (done: { id: number; households: number; units: number }) =>
          `发布通知 #${done.id}“${args.title}”${done.households > 0 ? `，入户告知 ${done.households} 户` : ''}${done.units > 0 ? `，入户告知商铺单位 ${done.units} 家` : ''}`,
        record: (done: { id: number }) => `notice:${done.id}`
      },
      (tx) => createNotice(tx, ctx.session, args, ctx.now())
    )
    return detail(ctx, id)
  },

  'notices.post': (args, ctx) => {
    const where = args.groupName || args.place
    ctx.write(
      {
        summary: (notice: { title: string }) => `登记通知“${notice.title}”的发布记录：${NOTICE_CHANNEL_LABELS[args.channel]}${where ? ` ${where}` : ''}`,
        record: `notice:${args.noticeId}`
      },
      (tx) => recordPost(tx, ctx.session, args, ctx.now())
    )
    return detail(ctx, args.noticeId)
  },

  'notices.unpost': (args, ctx) => {
    ctx.write(
      {
        summary: (done: { notice: { title: string }; channel: string }) => `删除通知“${done.notice.title}”的一条发布记录（${done.channel}）`,
        record: `notice:${args.noticeId}`
      },
      (tx) => removePost(tx, ctx.session, args.noticeId, args.postId)
    )
    return detail(ctx, args.noticeId)
  },

  'notices.checklist': (args, ctx) => {
    const notice = liveNotice(ctx.store, ctx.session, args.id)
    const { page, pageSize, offset } = pageOf(args)
    const found = checklistPage(ctx.store, notice.id, args, gridScopeOf(ctx.session), pageSize, offset)
    return { rows: found.rows.map(toChecklistRow), total: found.total, page, pageSize }
  },

  'notices.mark': (args, ctx) => {
    const { notice, marked } = ctx.write(
      {
        summary: (done: { notice: Parameters<typeof markSummary>[0]; marked: number }) => markSummary(done.notice, args, done.marked),
        record: `notice:${args.id}`
      },
      (tx) => markHouseholds(tx, ctx.session, args, ctx.now())
    )
    return { marked, progress: progressOf(doorCounts(ctx.store, [notice.id], gridScopeOf(ctx.session)).get(notice.id)) }
  },

  'notices.unitChecklist': (args, ctx) => {
    const notice = liveNotice(ctx.store, ctx.session, args.id)
    const { page, pageSize, offset } = pageOf(args)
    const found = unitChecklistPage(ctx.store, notice.id, args, gridScopeOf(ctx.session), pageSize, offset)
    return { rows: found.rows.map(toUnitChecklistRow), total: found.total, page, pageSize }
  },

  'notices.markUnits': (args, ctx) => {
    const { notice, marked } = ctx.write(
      {
        summary: (done: { notice: Parameters<typeof markSummary>[0]; marked: number }) => markSummary(done.notice, args, done.marked),
        record: `notice:${args.id}`
      },
      (tx) => markUnits(tx, ctx.session, args, ctx.now())
    )
    return { marked, progress: progressOf(doorCounts(ctx.store, [notice.id], gridScopeOf(ctx.session)).get(notice.id)) }
  },

  'notices.sheets': (args, ctx) => {
    const scope = gridScopeOf(ctx.session)
    const notice = toNoticeDetail(ctx.store, liveNotice(ctx.store, ctx.session, args.id), scope)
    const progress = gridProgress(ctx.store, notice.id, scope)
    const units = notice.door !== null && notice.audience === 'units'
    const households = notice.door !== null && !units ? checklistAll(ctx.store, notice.id, args.gridId, scope) : []
    return {
      notice,
      sheets: toSheets(households, progress),
      unitSheets: units ? toUnitSheets(unitChecklistAll(ctx.store, notice.id, args.gridId, scope), progress) : []
    }
  },

  'notices.export': (args, ctx) => runExport(ctx, noticesExport, args)
} satisfies Handlers<NoticesApi>
