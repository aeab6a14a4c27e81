import type { HelpApi } from '../../../shared/contract'
import { HELP_TYPE_LABELS } from '../../../shared/domain/help'
import type { Ctx, Handlers } from '../context'
import { scopeSql } from '../kit/scope'
import { pageOf } from '../kit/paging'
import { liveHousehold } from '../residents/residents.service'
import { helpOfHousehold, helpPage } from './help.repo'
import type { HelpRecord } from './help.repo'
import { balances, recordMoney } from './money.service'
import { actOnHelp, actSummary, createHelp, liveHelp, nowLocalOf } from './help.service'
import type { ActDone } from './help.service'
import { toHelpDetail, toHelpRows } from './help.view'
import { suggestVolunteers } from './suggest'
import { taskList } from './task-list'
import { runExport } from '../excel/export/engine'
import { helpExport } from './help.export'

function detail(ctx: Ctx, id: number) {
  return toHelpDetail(ctx.store, liveHelp(ctx.store, ctx.session, id), nowLocalOf(ctx.now()))
}

export const helpHandlers = {
  'help.list': (args, ctx) => {
    const { page, pageSize, offset } = pageOf(args)
    const nowLocal = nowLocalOf(ctx.now())
    const found = helpPage(ctx.store, args, scopeSql('q.grid_id', ctx.session.gridScope), nowLocal, pageSize, offset)
    return { rows: toHelpRows(ctx.store, found.rows, nowLocal), total: found.total, page, pageSize }
  },

  'help.get': (args, ctx) => detail(ctx, args.id),

  'help.create': (args, ctx) => {
    const id = ctx.write(
      { summary: (newId: number) => `登记求助 #${newId}：${HELP_TYPE_LABELS[args.type]}`, record: (newId: number) => `help:${newId}` },
      (tx) => createHelp(tx, ctx.session, args, ctx.now())
    )
    return detail(ctx, id)
  },

  'help.createAtGate': (args, ctx) => {
    const input = { ...args, channel: 'gate' as const, urgency: 'normal' as const, wantedBy: null, notes: '' }
    const id = ctx.write(
      { summary: (newId: number) => `卡口登记求助 #${newId}：${HELP_TYPE_LABELS[args.type]}`, record: (newId: number) => `help:${newId}` },
      (tx) => createHelp(tx, ctx.session, input, ctx.now())
    )
    return { id }
  },

  'help.act': (args, ctx) => {
    ctx.write({ summary: (done: ActDone) => actSummary(done, args), record: `help:${args.id}` }, (tx) => actOnHelp(tx, ctx.session, args, ctx.now()))
    return detail(ctx, args.id)
  },

  'help.suggest': (args, ctx) => suggestVolunteers(ctx.store, liveHelp(ctx.store, ctx.session, args.id), ctx.now()),

  'help.ofHousehold': (args, ctx) => {
    liveHousehold(ctx.store, ctx.session, args.householdId)
    return toHelpRows(ctx.store, helpOfHousehold(ctx.store, args.householdId), nowLocalOf(ctx.now()))
  },

  'help.money': (args, ctx) => {
    ctx.write(
      { summary: (done: { request: HelpRecord; text: string }) => `求助 #${args.id}（${done.request.name}）${done.text}`, record: `help:${args.id}` },
      (tx) => recordMoney(tx, ctx.session, args, ctx.now())
    )
    return detail(ctx, args.id)
  },

  'help.balances': (_args, ctx) => balances(ctx.store, ctx.session),

  'help.taskList': (args, ctx) => taskList(ctx, args.volunteerId),

  'help.export': (args, ctx) => runExport(ctx, helpExport, args),

  'help.reveal': (args, ctx) => {
    const request = liveHelp(ctx.store, ctx.session, args.id)
    return ctx.write({ summary: `查看求助 #${args.id}（${request.name}）的完整电话`, record: `help:${args.id}`, detail: { id: args.id } }, () => ({
      id: args.id,
      phone: request.phone
    }))
  }
} satisfies Handlers<HelpApi>
