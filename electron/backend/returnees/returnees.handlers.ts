import type { ReturneesApi } from '../../../shared/contract'
import { formatOrigin } from '../../../shared/domain/regions'
import { EPISODE_KIND_LABELS } from '../../../shared/schemas/monitoring'
import type { Ctx, Handlers } from '../context'
import { checksOf, episodesOfResident, eventsOf } from '../monitoring/monitoring.repo'
import { settingsOf, startEpisode, todayOf } from '../monitoring/monitoring.service'
import { toCheckView, toEpisodeView, toEventView, toPerson } from '../monitoring/monitoring.view'
import { liveResident } from '../residents/residents.service'
import { tripsOfResident } from './returnees.repo'
import type { TripRecord } from './returnees.repo'
import { cancelTrip, changeTrip, listTrips, registerTrip, startForTrips, toTripViews, tripViewOf } from './returnees.service'

function file(ctx: Ctx, residentId: number) {
  const resident = liveResident(ctx.store, ctx.session, residentId)
  const episodes = episodesOfResident(ctx.store, residentId).map((r) => ({
    ...toEpisodeView(r),
    events: eventsOf(ctx.store, r.id).map(toEventView),
    checks: checksOf(ctx.store, r.id).map(toCheckView)
  }))
  return {
    person: toPerson({
      residentId,
      name: resident.name,
      idNumber: resident.idNumber,
      phones: resident.phones,
      address: resident.address ?? '',
      gridId: resident.gridId,
      gridName: resident.gridName
    }),
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
          startEpisode(
            tx,
            ctx.session,
            { residentId, tripId, kind: episode.kind, startDate: episode.startDate ?? trip.returnDate, worker: episode.worker },
            settings,
            today,
            at
          )
        }
        return tripId
      }
    )
    return tripViewOf(ctx.store, ctx.session, id)
  },
  'returnees.updateTrip': (args, ctx) => {
    const { id, expectedUpdatedAt, ...trip } = args
    ctx.write(
      { record: `returnee_trip:${id}`, summary: (before: TripRecord) => `修改返程登记：${before.name} ${before.returnDate}`, detail: { id, trip } },
      (tx) => changeTrip(tx, ctx.session, id, trip, todayOf(ctx.now()), ctx.now().toISOString(), expectedUpdatedAt)
    )
    return tripViewOf(ctx.store, ctx.session, id)
  },
  'returnees.voidTrip': (args, ctx) => {
    ctx.write(
      {
        record: `returnee_trip:${args.id}`,
        summary: (before: TripRecord) => `作废返程登记：${before.name} ${before.returnDate} 自${formatOrigin(before)}返回，原因：${args.reason}`,
        detail: args
      },
      (tx) => cancelTrip(tx, ctx.session, args.id, args.reason, ctx.now().toISOString())
    )
    return tripViewOf(ctx.store, ctx.session, args.id)
  },
  'returnees.startObservation': (args, ctx) => {
    const today = todayOf(ctx.now())
    const settings = settingsOf(ctx.store)
    const names = ctx.write(
      {
        summary: (done: string[]) =>
          `批量开始${EPISODE_KIND_LABELS[args.kind]} ${done.length} 人：${done.slice(0, 20).join('、')}${done.length > 20 ? ' 等' : ''}`,
        detail: args
      },
      (tx) => startForTrips(tx, ctx.session, args, settings, today, ctx.now().toISOString())
    )
    return { started: names.length }
  }
} satisfies Handlers<ReturneesApi>
