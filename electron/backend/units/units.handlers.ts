import type { UnitsApi } from '../../../shared/contract'
import { localIsoDate } from '../../../shared/domain/dates'
import { UNIT_KIND_LABELS, UNIT_STATUS_LABELS } from '../../../shared/domain/units'
import type { Ctx, Handlers } from '../context'
import { wallClock } from '../../../shared/domain/disinfection-schedule'
import { maskPhone } from '../../../shared/domain/mask'
import { pageOf } from '../kit/paging'
import { scopeSql } from '../kit/scope'
import { settingsOf } from '../monitoring/monitoring.service'
import { closeInspection, findingsText, inspect, linkPlace } from './care.service'
import { liveUnit } from './live-unit'
import type { UnitRecord } from './units.repo'
import { unitPage } from './units.repo'
import { applyReopen, approveReopen, changeUnit, createUnit, deleteUnit, setStatusByHand } from './units.service'
import { toUnitDetail, toUnitRow } from './units.view'
import type { WorkerAdded } from './workers.service'
import { addWorker, checkRows, removeWorker, saveChecks } from './workers.service'
import { workerHits } from './workers.repo'

const thresholdOf = (ctx: Ctx) => settingsOf(ctx.store).temperatureThreshold

function detail(ctx: Ctx, id: number) {
  const now = ctx.now()
  return toUnitDetail(ctx.store, liveUnit(ctx.store, ctx.session, id), localIsoDate(now), wallClock(now), thresholdOf(ctx))
}

const record = (id: number) => `unit:${id}`

type Removed = ReturnType<typeof removeWorker>
type ChecksSaved = ReturnType<typeof saveChecks>
type Closed = ReturnType<typeof closeInspection>
type Linked = ReturnType<typeof linkPlace>

export const unitsHandlers = {
  'units.list': (args, ctx) => {
    const { page, pageSize, offset } = pageOf(args)
    const found = unitPage(ctx.store, args, scopeSql('u.grid_id', ctx.session.gridScope), localIsoDate(ctx.now()), pageSize, offset)
    return { rows: found.rows.map(toUnitRow), total: found.total, page, pageSize }
  },

  'units.get': (args, ctx) => detail(ctx, args.id),

  'units.create': (args, ctx) => {
    const id = ctx.write(
      { summary: (newId: number) => `登记单位 #${newId}：${args.name}（${UNIT_KIND_LABELS[args.kind]}）`, record: (newId: number) => record(newId) },
      (tx) => createUnit(tx, ctx.session, args, ctx.now())
    )
    return detail(ctx, id)
  },

  'units.update': (args, ctx) => {
    const { id, expectedUpdatedAt, ...input } = args
    ctx.write({ summary: (before: UnitRecord) => `修改单位 #${id}：${before.name}`, record: record(id) }, (tx) =>
      changeUnit(tx, ctx.session, id, input, ctx.now(), expectedUpdatedAt)
    )
    return detail(ctx, id)
  },

  'units.setStatus': (args, ctx) => {
    ctx.write(
      {
        summary: (before: UnitRecord) => `单位 ${before.name}：${UNIT_STATUS_LABELS[before.status]} → ${UNIT_STATUS_LABELS[args.status]}`,
        record: record(args.id),
        detail: args
      },
      (tx) => setStatusByHand(tx, ctx.session, args, ctx.now())
    )
    return detail(ctx, args.id)
  },

  'units.delete': (args, ctx) => {
    ctx.write({ summary: (before: UnitRecord) => `删除单位 #${args.id}：${before.name}（${args.reason}）`, record: record(args.id) }, (tx) =>
      deleteUnit(tx, ctx.session, args.id, args.reason, ctx.now())
    )
    return { id: args.id }
  },

  'units.reveal': (args, ctx) => {
    const unit = liveUnit(ctx.store, ctx.session, args.id)
    return ctx.write({ summary: `查看单位 ${unit.name} 负责人 ${unit.managerName} 的完整电话`, record: record(args.id), detail: { id: args.id } }, () => ({
      id: args.id,
      managerPhone: unit.managerPhone
    }))
  },

  'units.addWorker': (args, ctx) => {
    const settings = settingsOf(ctx.store)
    const done = ctx.write(
      {
        summary: (r: WorkerAdded) =>
          `登记从业人员：${r.unit.name} ${r.name}${args.trip ? `，返程 ${args.trip.returnDate}` : ''}${args.episode ? '，开始观察' : ''}`,
        record: record(args.unitId),
        detail: { unitId: args.unitId, residentId: args.residentId, outsider: args.outsider !== null, role: args.role }
      },
      (tx) => addWorker(tx, ctx.session, args, settings, ctx.now())
    )
    return detail(ctx, done.unit.id)
  },

  'units.removeWorker': (args, ctx) => {
    const done = ctx.write(
      { summary: (r: Removed) => `从业人员离职：${r.unit.name} ${r.worker.name}（${args.reason}）`, record: (r: Removed) => record(r.unit.id) },
      (tx) => removeWorker(tx, ctx.session, args.workerId, ctx.now().toISOString())
    )
    return detail(ctx, done.unit.id)
  },

  'units.workers': (args, ctx) => {
    const { page, pageSize, offset } = pageOf(args)
    const found = workerHits(ctx.store, args.q ?? '', scopeSql('u.grid_id', ctx.session.gridScope), args.gridId, pageSize, offset)
    return {
      rows: found.rows.map((r) => ({ ...r, phone: maskPhone(r.phone), fromElsewhere: r.fromElsewhere === 1 })),
      total: found.total,
      capped: found.capped,
      page,
      pageSize
    }
  },

  'units.checks': (args, ctx) => {
    const unit = liveUnit(ctx.store, ctx.session, args.unitId)
    return checkRows(ctx.store, unit.id, args.day, thresholdOf(ctx))
  },

  'units.saveChecks': (args, ctx) => {
    const threshold = thresholdOf(ctx)
    const done = ctx.write(
      {
        summary: (r: ChecksSaved) => `登记从业人员体温：${r.unit.name} ${args.day} ${r.saved} 人${r.abnormal.length ? `，异常 ${r.abnormal.join('、')}` : ''}`,
        record: record(args.unitId)
      },
      (tx) => saveChecks(tx, ctx.session, args, threshold, ctx.now())
    )
    return checkRows(ctx.store, done.unit.id, args.day, threshold)
  },

  'units.applyReopen': (args, ctx) => {
    ctx.write({ summary: (u: UnitRecord) => `单位 ${u.name} 申请复工`, record: record(args.unitId), detail: args }, (tx) =>
      applyReopen(tx, ctx.session, args, ctx.now())
    )
    return detail(ctx, args.unitId)
  },

  'units.approveReopen': (args, ctx) => {
    ctx.write({ summary: (u: UnitRecord) => `批准单位 ${u.name} 复工（${args.approvedOn}）`, record: record(args.unitId), detail: args }, (tx) =>
      approveReopen(tx, ctx.session, args, ctx.now())
    )
    return detail(ctx, args.unitId)
  },

  'units.inspect': (args, ctx) => {
    const now = ctx.now()
    ctx.write(
      {
        summary: (u: UnitRecord) =>
          `巡查单位 ${u.name}（${args.day}）：${findingsText(args.findings.join(','))}${args.rectifyBy ? `，限 ${args.rectifyBy} 前整改` : ''}`,
        record: record(args.unitId)
      },
      (tx) => inspect(tx, ctx.session, args, localIsoDate(now), now.toISOString())
    )
    return detail(ctx, args.unitId)
  },

  'units.closeInspection': (args, ctx) => {
    const done = ctx.write(
      { summary: (r: Closed) => `单位 ${r.unit.name} ${r.inspection.day} 巡查的整改完成（${args.closedOn}）`, record: (r: Closed) => record(r.unit.id) },
      (tx) => closeInspection(tx, ctx.session, args, localIsoDate(ctx.now()))
    )
    return detail(ctx, done.unit.id)
  },

  'units.linkPlace': (args, ctx) => {
    ctx.write({ summary: (r: Linked) => `${args.linked ? '关联' : '取消关联'}消杀场所：${r.unit.name} “${r.placeName}”`, record: record(args.unitId) }, (tx) =>
      linkPlace(tx, ctx.session, args, ctx.now().toISOString())
    )
    return detail(ctx, args.unitId)
  }
} satisfies Handlers<UnitsApi>
