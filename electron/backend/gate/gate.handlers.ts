import type { GateApi, GateDirectionCounts, GateFever } from '../../../shared/contract'
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
import { buildEntry, checkPass, entryViews, feverThreshold, searchForGate, toEntryView } from './gate.service'
import { correctEntry } from './gate-correct'
import { closeAsHospital, healthOf, recordGateFever } from './gate-health'
import { gateFeversOf, gateFeversOn } from './gate-health.repo'
import type { GateFeverRecord } from './gate-health.repo'
import { liveResident } from '../residents/residents.service'
import { scopeSql } from '../kit/scope'
import { findPassAtGate } from './pass-guard'

function toFeverView(r: GateFeverRecord): GateFever {
  return {
    id: r.id,
    at: r.at,
    day: r.day,
    checkpointName: r.checkpoint_name,
    residentId: r.resident_id,
    name: r.name,
    address: r.address,
    gridName: r.grid_name ?? '',
    temperature: r.temperature_tenths / 10,
    action: r.action,
    episodeId: r.episode_id,
    corrected: r.corrected_at !== null
  }
}

export const gateHandlers = {
  'gate.search': (args, ctx) => {
    guardDigitSearch(ctx, 'gate.search', args.q)
    return searchForGate(ctx.store, args.q, ctx.now(), digitReach(ctx.session))
  },

  'gate.register': (args, ctx) => {
    const checkpoint = liveCheckpoint(ctx.store, args.checkpointId)
    const pass = args.passNumber === '' ? null : findPassAtGate(ctx, args.passNumber)
    const threshold = feverThreshold(ctx.store)
    const { write, fever } = buildEntry(ctx.store, args, pass, ctx.now(), ctx.session.actor)
    const id = ctx.write(
      {
        summary: `${checkpoint.name}${GATE_DIRECTION_LABELS[write.direction]}：${GATE_WHO_LABELS[write.who]} ${write.name}，体温 ${args.temperature}℃${fever ? '（异常）' : ''}`,
        record: (entryId: number) => `gate_entry:${entryId}`
      },
      (tx) => {
        const entryId = insertEntry(tx, write)
        const inserted = getEntry(tx, entryId)
        if (inserted && fever) recordGateFever(tx, inserted, threshold)
        return entryId
      }
    )
    const entry = getEntry(ctx.store, id)
    if (!entry) throw new AppError('INTERNAL', '登记后读取失败。')
    return Object.assign(toEntryView(entry, 'gate'), { health: healthOf(ctx.store, entry) })
  },

  'gate.correct': (args, ctx) => {
    const threshold = feverThreshold(ctx.store)
    const { entry } = ctx.write({ summary: (r: { summary: string }) => r.summary, record: `gate_entry:${args.entryId}`, detail: args }, (tx) =>
      correctEntry(tx, ctx.session, args, threshold, ctx.now())
    )
    const office = ctx.session.permissions === 'all' || ctx.session.permissions.has('gate.view')
    return entryViews(ctx.store, [entry], office ? 'office' : 'gate')[0] ?? toEntryView(entry, 'gate')
  },

  'gate.hospital': (args, ctx) =>
    ctx.write(
      { summary: (r: { name: string }) => `卡口送医：${r.name} 的观察记录标记为转送医院`, record: `gate_entry:${args.entryId}`, detail: args },
      (tx) => {
        const entry = getEntry(tx, args.entryId)
        if (!entry) throw new AppError('NOT_FOUND', '找不到这条登记。')
        return closeAsHospital(tx, ctx.session, entry, localIsoDate(ctx.now()), ctx.now().toISOString())
      }
    ),

  'gate.fevers': (args, ctx) => {
    if (args.residentId !== undefined) {
      liveResident(ctx.store, ctx.session, args.residentId)
      return gateFeversOf(ctx.store, args.residentId).map(toFeverView)
    }
    return gateFeversOn(ctx.store, args.day ?? localIsoDate(ctx.now()), scopeSql('r.grid_id', ctx.session.gridScope)).map(toFeverView)
  },

  'gate.recent': (args, ctx) => entryViews(ctx.store, entryPage(ctx.store, { checkpointId: args.checkpointId, day: localIsoDate(ctx.now()) }, 20, 0), 'gate'),

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
        rows: entryViews(ctx.store, entryPage(ctx.store, filter, pageSize, (page - 1) * pageSize), 'office'),
        total: entryCount(ctx.store, filter),
        page,
        pageSize
      }
    }
  },

  'gate.export': (args, ctx) => runExport(ctx, gateExport, args)
} satisfies Handlers<GateApi>
