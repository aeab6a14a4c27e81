import type { EpisodeDetail, MonitoringApi, WorklistPage } from '../../../shared/contract'
import { addDays } from '../../../shared/domain/dates'
import { AppError } from '../../../shared/errors'
import { EPISODE_KINDS, EPISODE_KIND_LABELS, EPISODE_STATUS_LABELS } from '../../../shared/schemas/monitoring'
import type { EpisodeKind, MonitoringWorklistArgs, CLOSING_STATUSES } from '../../../shared/schemas/monitoring'
import type { Ctx, Handlers } from '../context'
import { scopeSql } from '../kit/scope'
import { gateFeverCounts } from './gate-fever-counts.repo'
import { newByProvince, registeredOnCount, totalTrips } from './trip-counts.repo'
import { liveResident } from '../residents/residents.service'
import { checksOf, eventsOf, workerOptions } from './monitoring.repo'
import type { EpisodeRecord } from './monitoring.repo'
import { changeDuration, changeWorker, closeEpisode, liveEpisode, saveCheck, settingsOf, startEpisode, todayOf } from './monitoring.service'
import { toCheckView, toEpisodeView, toEventView } from './monitoring.view'
import { abnormalChecksOn, countWhere, observingByKind, worklistCount, worklistPage } from './worklist.repo'
import { dailySheet, toRows } from './monitoring-sheet'
import type { WorklistFilter } from './worklist.repo'

function detail(ctx: Ctx, id: number): EpisodeDetail {
  const episode = liveEpisode(ctx.store, ctx.session, id)
  return Object.assign(toEpisodeView(episode), { events: eventsOf(ctx.store, id).map(toEventView), checks: checksOf(ctx.store, id).map(toCheckView) })
}

function filterOf(ctx: Ctx, args: Pick<MonitoringWorklistArgs, 'list' | 'day' | 'gridId' | 'worker'>): WorklistFilter {
  const today = todayOf(ctx.now())
  const day = args.day ?? today
  // 昨日漏测: the day before the list's day.
  return {
    list: args.list,
    day: args.list === 'missed' ? addDays(day, -1) : day,
    today,
    gridId: args.gridId,
    worker: args.worker,
    scope: scopeSql('e.grid_id', ctx.session.gridScope)
  }
}

export const monitoringHandlers = {
  'monitoring.start': (args, ctx) => {
    const today = todayOf(ctx.now())
    const person = liveResident(ctx.store, ctx.session, args.residentId)
    const id = ctx.write(
      { record: (episodeId: number) => `observation:${episodeId}`, summary: `开始${EPISODE_KIND_LABELS[args.kind]}：${person.name}`, detail: args },
      (tx) => startEpisode(tx, ctx.session, args, settingsOf(ctx.store), today, ctx.now().toISOString())
    )
    return detail(ctx, id)
  },
  'monitoring.changeDuration': (args, ctx) => {
    ctx.write(
      {
        record: `observation:${args.episodeId}`,
        summary: (before: EpisodeRecord) => `调整观察期：${before.name} ${before.days} 天 → ${args.days} 天，原因：${args.reason}`,
        detail: args
      },
      (tx) => changeDuration(tx, ctx.session, args.episodeId, args.days, args.reason, ctx.now().toISOString())
    )
    return detail(ctx, args.episodeId)
  },
  'monitoring.setStatus': (args, ctx) => {
    ctx.write(
      {
        record: `observation:${args.episodeId}`,
        summary: (before: EpisodeRecord) =>
          `${before.name}：${EPISODE_STATUS_LABELS[before.status]} → ${EPISODE_STATUS_LABELS[args.status]}${args.reason ? `，原因：${args.reason}` : ''}`,
        detail: args
      },
      (tx) => closeEpisode(tx, ctx.session, { ...args, reason: args.reason }, todayOf(ctx.now()), ctx.now().toISOString())
    )
    return detail(ctx, args.episodeId)
  },
  'monitoring.releaseMany': (args, ctx) => {
    const today = todayOf(ctx.now())
    const names = ctx.write(
      { summary: (done: string[]) => `批量解除观察 ${done.length} 人：${done.slice(0, 20).join('、')}${done.length > 20 ? ' 等' : ''}`, detail: args },
      (tx) =>
        [...new Set(args.episodeIds)].map(
          (episodeId) => closeEpisode(tx, ctx.session, { episodeId, status: 'released', reason: args.reason }, today, ctx.now().toISOString()).name
        )
    )
    return { released: names.length }
  },
  'monitoring.setWorker': (args, ctx) => {
    ctx.write(
      {
        record: `observation:${args.episodeId}`,
        summary: (before: EpisodeRecord) => `更换责任网格员：${before.name} ${before.worker || '（无）'} → ${args.worker}`,
        detail: args
      },
      (tx) => changeWorker(tx, ctx.session, args.episodeId, args.worker, ctx.now().toISOString())
    )
    return detail(ctx, args.episodeId)
  },
  'monitoring.check': (args, ctx) => {
    const threshold = settingsOf(ctx.store).temperatureThreshold
    const saved = ctx.write(
      {
        record: `observation:${args.episodeId}`,
        summary: (r: { episode: EpisodeRecord; day: string; abnormal: boolean }) => {
          const temps = [args.morning === null ? '' : `早 ${args.morning}℃`, args.evening === null ? '' : `晚 ${args.evening}℃`].filter(Boolean).join(' ')
          return `登记体温：${r.episode.name} ${r.day} ${temps || '未联系上'}${r.abnormal ? '（异常）' : ''}`
        },
        detail: args
      },
      (tx) => saveCheck(tx, ctx.session, args, threshold, todayOf(ctx.now()), ctx.now().toISOString())
    )
    const check = checksOf(ctx.store, args.episodeId).find((c) => c.day === saved.day)
    if (!check) throw new AppError('INTERNAL', '保存后读取失败。')
    return toCheckView(check)
  },
  'monitoring.episode': (args, ctx) => detail(ctx, args.id),
  'monitoring.worklist': (args, ctx): WorklistPage => {
    const filter = filterOf(ctx, args)
    const page = args.page ?? 1
    const pageSize = args.pageSize ?? 50
    const records = worklistPage(ctx.store, filter, false, pageSize, (page - 1) * pageSize)
    return {
      day: args.day ?? filter.today,
      threshold: settingsOf(ctx.store).temperatureThreshold,
      rows: toRows(ctx, records, filter.day),
      total: worklistCount(ctx.store, filter, false),
      page,
      pageSize
    }
  },
  'monitoring.today': (args, ctx) => {
    const today = todayOf(ctx.now())
    const day = args.day ?? today
    const scope = scopeSql('e.grid_id', ctx.session.gridScope)
    const personScope = scopeSql('r.grid_id', ctx.session.gridScope)
    const observing = Object.fromEntries(EPISODE_KINDS.map((k) => [k, 0])) as Record<EpisodeKind, number>
    for (const row of observingByKind(ctx.store, scope)) observing[row.kind] = row.n
    const f = (list: WorklistFilter['list']) => filterOf(ctx, { list, day })
    const gate = gateFeverCounts(ctx.store, day, personScope)
    const byStatus = (status: (typeof CLOSING_STATUSES)[number]) => countWhere(ctx.store, 'e.status = ?', [status], scope)
    return {
      day,
      threshold: settingsOf(ctx.store).temperatureThreshold,
      observing,
      observingTotal: Object.values(observing).reduce((a, b) => a + b, 0),
      due: worklistCount(ctx.store, f('due'), false),
      notChecked: worklistCount(ctx.store, f('due'), true),
      abnormal: worklistCount(ctx.store, f('abnormal'), false),
      endingToday: countWhere(ctx.store, `e.status = 'observing' AND e.end_date <= ?`, [day], scope),
      missedYesterday: worklistCount(ctx.store, f('missed'), false),
      newReturnees: registeredOnCount(ctx.store, day, personScope),
      releasedToday: countWhere(ctx.store, `e.status = 'released' AND e.status_date = ?`, [day], scope),
      report: {
        newByProvince: newByProvince(ctx.store, day, personScope),
        totalReturnees: totalTrips(ctx.store, personScope),
        releasedTotal: byStatus('released'),
        abnormalChecksToday: abnormalChecksOn(ctx.store, day, scope),
        hospital: byStatus('hospital'),
        lost: byStatus('lost'),
        gateFevers: gate.fevers,
        gateHospital: gate.hospital
      }
    }
  },
  'monitoring.sheet': (args, ctx) => dailySheet(ctx, args.day ?? todayOf(ctx.now()), args.worker || undefined),
  'monitoring.workers': (_args, ctx) => workerOptions(ctx.store, scopeSql('s.grid_id', ctx.session.gridScope) as { sql: string; params: number[] })
} satisfies Handlers<MonitoringApi>
