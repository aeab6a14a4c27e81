import type { GateApi, GateDirectionCounts } from '../../../shared/contract'
import { localIsoDate } from '../../../shared/domain/dates'
import { GATE_DIRECTION_LABELS, GATE_WHO, GATE_WHO_LABELS } from '../../../shared/domain/gate'
import type { GateWho } from '../../../shared/domain/gate'
import { AppError } from '../../../shared/errors'
import { liveCheckpoint } from '../checkpoints/checkpoints.service'
import type { Handlers } from '../context'
import { runExport } from '../excel/export/engine'
import { digitReach, guardDigitSearch } from '../security/digit-search-guard'
import { gateExport } from './gate.export'
import { dayTallies, entryCount, entryPage, getEntry, insertEntry } from './gate.repo'
import { buildEntry, checkPass, searchForGate, toEntryView } from './gate.service'
import { findPassAtGate } from './pass-guard'

export const gateHandlers = {
  'gate.search': (args, ctx) => {
    guardDigitSearch(ctx, 'gate.search', args.q)
    return searchForGate(ctx.store, args.q, ctx.now(), digitReach(ctx.session))
  },

  'gate.register': (args, ctx) => {
    const checkpoint = liveCheckpoint(ctx.store, args.checkpointId)
    const pass = args.passNumber === '' ? null : findPassAtGate(ctx, args.passNumber)
    const { write, fever } = buildEntry(ctx.store, args, pass, ctx.now(), ctx.session.actor)
    const id = ctx.write(
      {
        summary: `${checkpoint.name}${GATE_DIRECTION_LABELS[write.direction]}：${GATE_WHO_LABELS[write.who]} ${write.name}，体温 ${args.temperature}℃${fever ? '（异常）' : ''}`,
        record: (entryId: number) => `gate_entry:${entryId}`
      },
      (tx) => insertEntry(tx, write)
    )
    const entry = getEntry(ctx.store, id)
    if (!entry) throw new AppError('INTERNAL', '登记后读取失败。')
    return toEntryView(entry, 'gate')
  },

  'gate.recent': (args, ctx) =>
    entryPage(ctx.store, { checkpointId: args.checkpointId, day: localIsoDate(ctx.now()) }, 20, 0).map((r) => toEntryView(r, 'gate')),

  'gate.checkPass': (args, ctx) => {
    liveCheckpoint(ctx.store, args.checkpointId)
    return checkPass(ctx.store, findPassAtGate(ctx, args.number), localIsoDate(ctx.now()))
  },

  'gate.day': (args, ctx) => {
    const filter = { day: args.day, checkpointId: args.checkpointId, abnormalOnly: args.abnormalOnly }
    const page = args.page ?? 1
    const pageSize = args.pageSize ?? 50
    const empty = (): GateDirectionCounts => ({ in: 0, out: 0 })
    const byWho = Object.fromEntries(GATE_WHO.map((who) => [who, empty()])) as Record<GateWho, GateDirectionCounts>
    const total = empty()
    let abnormal = 0
    for (const tally of dayTallies(ctx.store, { day: args.day, checkpointId: args.checkpointId })) {
      byWho[tally.who][tally.direction] += tally.n
      total[tally.direction] += tally.n
      abnormal += tally.abnormal
    }
    return {
      day: args.day,
      counts: { total, byWho, abnormal },
      entries: {
        rows: entryPage(ctx.store, filter, pageSize, (page - 1) * pageSize).map((r) => toEntryView(r, 'office')),
        total: entryCount(ctx.store, filter),
        page,
        pageSize
      }
    }
  },

  'gate.export': (args, ctx) => runExport(ctx, gateExport, args)
} satisfies Handlers<GateApi>
