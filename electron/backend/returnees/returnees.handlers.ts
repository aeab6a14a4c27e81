import type { ReturneesApi, TripView } from '../../../shared/contract'
import { formatOrigin } from '../../../shared/domain/regions'
import { EPISODE_KIND_LABELS, EPISODE_STATUS_LABELS } from '../../../shared/schemas/monitoring'
import { TRANSPORT_LABELS } from '../../../shared/schemas/returnees'
import type { Ctx, Handlers } from '../context'
import { checksOf, episodesOfResident, eventsOf } from '../monitoring/monitoring.repo'
import { settingsOf, startEpisode, todayOf } from '../monitoring/monitoring.service'
import { toCheckView, toEpisodeView, toEventView, toPerson } from '../monitoring/monitoring.view'
import { scopeSql } from '../register/register.repo'
import { liveResident } from '../residents/residents.service'
import { loadSettings } from '../settings/settings.service'
import { tripPage, tripsOfResident } from './returnees.repo'
import type { TripRecord } from './returnees.repo'
import { changeTrip, listTrips, registerTrip, toTripViews, tripViewOf } from './returnees.service'
import { excelDate, ledgerWorkbook } from './xlsx'

const EXPORT_LIMIT = 100_000

const COLUMNS = [
  { header: '序号', key: 'no', width: 6, kind: 'number' },
  { header: '姓名', key: 'name', width: 10 },
  { header: '证件号码', key: 'id', width: 21 },
  { header: '联系电话', key: 'phone', width: 14 },
  { header: '现住址', key: 'address', width: 26 },
  { header: '网格', key: 'grid', width: 10 },
  { header: '返回前所在地', key: 'origin', width: 22 },
  { header: '途经地', key: 'via', width: 16 },
  { header: '返程日期', key: 'returnDate', width: 12, kind: 'date' },
  { header: '交通方式', key: 'transport', width: 8 },
  { header: '车次/航班/车牌', key: 'transportNo', width: 13 },
  { header: '同行人员', key: 'companions', width: 16 },
  { header: '返程事由', key: 'reason', width: 14 },
  { header: '观察情况', key: 'episode', width: 16 },
  { header: '登记日期', key: 'registeredOn', width: 12, kind: 'date' },
  { header: '登记人', key: 'by', width: 10 }
] as const

function exportRow(view: TripView, index: number): Record<string, string | number | Date | null> {
  const e = view.episode
  return {
    no: index + 1,
    name: view.name,
    id: view.idMasked,
    phone: view.phoneMasked,
    address: view.address,
    grid: view.gridName,
    origin: formatOrigin(view.origin),
    via: view.via,
    returnDate: excelDate(view.returnDate),
    transport: TRANSPORT_LABELS[view.transport],
    transportNo: view.transportNo,
    companions: view.companions.map((c) => c.name).join('、'),
    reason: view.reason,
    episode: e ? `${EPISODE_KIND_LABELS[e.kind]} ${EPISODE_STATUS_LABELS[e.status]}${e.abnormal ? '（异常）' : ''}` : '',
    registeredOn: excelDate(view.registeredOn),
    by: view.registeredBy,
    abnormal: e?.abnormal ? 1 : 0
  }
}

function file(ctx: Ctx, residentId: number) {
  const resident = liveResident(ctx.store, ctx.session, residentId)
  const episodes = episodesOfResident(ctx.store, residentId).map((r) => ({
    ...toEpisodeView(r),
    events: eventsOf(ctx.store, r.id).map(toEventView),
    checks: checksOf(ctx.store, r.id).map(toCheckView)
  }))
  return {
    person: toPerson({ residentId, name: resident.name, idNumber: resident.idNumber, phones: resident.phones, address: resident.address ?? '', gridId: resident.gridId, gridName: resident.gridName }),
    trips: toTripViews(ctx.store, tripsOfResident(ctx.store, residentId)),
    episodes
  }
}

export const returneesHandlers = {
  'returnees.list': (args, ctx) => listTrips(ctx.store, ctx.session, args),
  'returnees.get': (args, ctx) => file(ctx, args.residentId),
  'returnees.register': (args, ctx) => {
    const { residentId, episode, ...trip } = args
    const today = todayOf(ctx.now())
    const at = ctx.now().toISOString()
    const settings = settingsOf(ctx.store)
    const person = liveResident(ctx.store, ctx.session, residentId)
    const id = ctx.write(
      {
        record: (tripId: number) => `returnee_trip:${tripId}`,
        summary: () => {
          const where = formatOrigin(trip.origin)
          return `登记返程人员 ${person.name}：${trip.returnDate} 自${where}返回${episode ? `，开始${EPISODE_KIND_LABELS[episode.kind]}` : ''}`
        },
        detail: { residentId, returnDate: trip.returnDate, origin: trip.origin, transport: trip.transport, episode }
      },
      (tx) => {
        const tripId = registerTrip(tx, ctx.session, residentId, trip, today, at)
        if (episode) {
          startEpisode(tx, ctx.session, { residentId, tripId, kind: episode.kind, startDate: episode.startDate ?? trip.returnDate, worker: episode.worker }, settings, today, at)
        }
        return tripId
      }
    )
    return tripViewOf(ctx.store, ctx.session, id)
  },
  'returnees.updateTrip': (args, ctx) => {
    const { id, ...trip } = args
    ctx.write(
      { record: `returnee_trip:${id}`, summary: (before: TripRecord) => `修改返程登记：${before.name} ${before.returnDate}`, detail: { id, trip } },
      (tx) => changeTrip(tx, ctx.session, id, trip, todayOf(ctx.now()), ctx.now().toISOString())
    )
    return tripViewOf(ctx.store, ctx.session, id)
  },
  'returnees.export': async (args, ctx) => {
    const now = ctx.now()
    const filter = { from: args.from, to: args.to, scope: scopeSql('r.grid_id', ctx.session.gridScope) }
    // Oldest first, as the paper register is kept.
    const views = toTripViews(ctx.store, tripPage(ctx.store, filter, EXPORT_LIMIT, 0).reverse())
    const rows = views.map(exportRow)
    const range = args.from || args.to ? `返程日期：${args.from ?? '…'} 至 ${args.to ?? '…'}` : ''
    const bytes = await ledgerWorkbook(
      { title: '返程人员排查登记表', communityName: loadSettings(ctx.store).communityName, actor: ctx.session.actor, at: now, day: todayOf(now), extra: range },
      COLUMNS,
      rows,
      (row) => row.abnormal === 1
    )
    ctx.write({ summary: `导出返程人员排查登记表 ${rows.length} 人次${range ? `（${range}）` : ''}` }, () => undefined)
    return { fileName: `返程人员排查登记表-${todayOf(now).replaceAll('-', '')}.xlsx`, bytes }
  }
} satisfies Handlers<ReturneesApi>
