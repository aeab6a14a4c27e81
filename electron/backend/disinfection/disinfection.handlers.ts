import type { DisinfectionApi } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import type { Handlers } from '../context'
import { runExport } from '../excel/export/engine'
import { loadSettings } from '../settings/settings.service'
import { disinfectionExport } from './disinfection.export'
import { countLogs, getLog, listPlaces, pageLogs } from './disinfection.repo'
import { daySheet, overdueViews, recordLog, requirePlace, savePlace, toLogView, toPlaceView } from './disinfection.service'
import { wallClock } from './schedule'

export const disinfectionHandlers = {
  'disinfection.places': (_args, ctx) => {
    const now = wallClock(ctx.now())
    return listPlaces(ctx.store).map((row) => toPlaceView(row, now))
  },

  'disinfection.savePlace': (args, ctx) => {
    const now = wallClock(ctx.now())
    const id = ctx.write({ summary: `${args.id ? '修改' : '新建'}消杀场所 ${args.name}`, record: (newId: number) => `disinfection_place:${newId}` }, (tx) =>
      savePlace(tx, args, now)
    )
    return toPlaceView(requirePlace(ctx.store, id), now)
  },

  'disinfection.log': (args, ctx) => {
    const now = ctx.now()
    const place = requirePlace(ctx.store, args.placeId)
    const id = ctx.write(
      {
        summary: `登记消杀 ${place.name} ${args.doneAt} ${args.agent}${args.stock ? `（领用 ${args.stock.quantity}）` : ''}`,
        record: (newId: number) => `disinfection_log:${newId}`
      },
      (tx) => recordLog(tx, args, now, wallClock(now), ctx.session.actor)
    )
    const row = getLog(ctx.store, id)
    if (!row) throw new AppError('INTERNAL', '消杀记录保存后没有找到。')
    return toLogView(row)
  },

  'disinfection.logs': (args, ctx) => {
    const page = args.page ?? 1
    const pageSize = args.pageSize ?? 50
    return { rows: pageLogs(ctx.store, args, pageSize, (page - 1) * pageSize).map(toLogView), total: countLogs(ctx.store, args), page, pageSize }
  },

  'disinfection.overdue': (_args, ctx) => overdueViews(ctx.store, wallClock(ctx.now())),

  'disinfection.daySheet': (args, ctx) => daySheet(ctx.store, args.date, wallClock(ctx.now()), loadSettings(ctx.store).communityName),

  'disinfection.export': (args, ctx) => runExport(ctx, disinfectionExport, args)
} satisfies Handlers<DisinfectionApi>
