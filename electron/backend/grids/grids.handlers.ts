import type { Tx } from '../store/store'
import type { BuildingMerged, GridsApi } from '../../../shared/contract/grids'
import type { Handlers } from '../context'
import { assertInScope } from '../kit/scope'
import { buildingList, mergeBuildings, mergePreview, unassignedList } from './buildings.service'
import { assignBuildings, createGrid, gridDetail, gridList, gridName, retireGridRecord, updateGridRecord } from './grids.service'

export const gridsHandlers = {
  'grids.list': (args, ctx) => gridList(ctx.store, ctx.session, args.includeRetired ?? false),
  'grids.get': (args, ctx) => gridDetail(ctx.store, ctx.session, args.id),
  'grids.create': (args, ctx) => {
    const id = ctx.write({ record: (newId: number) => `grid:${newId}`, summary: `新建网格“${args.name}”`, detail: { after: args } }, (tx: Tx) =>
      createGrid(tx, args, ctx.now().toISOString())
    )
    return gridDetail(ctx.store, ctx.session, id)
  },
  'grids.update': (args, ctx) => {
    assertInScope(ctx.session, args.id, '该网格')
    const before = gridName(ctx.store, args.id)
    const { id, ...update } = args
    const renamed = before !== args.name ? `，更名为“${args.name}”` : ''
    ctx.write({ record: `grid:${id}`, summary: `修改网格“${before}”${renamed}`, detail: { id, after: update } }, (tx: Tx) =>
      updateGridRecord(tx, id, update, ctx.now().toISOString())
    )
    return gridDetail(ctx.store, ctx.session, id)
  },
  'grids.retire': (args, ctx) => {
    ctx.write({ record: `grid:${args.id}`, summary: (grid) => `撤销网格“${grid.name}”`, detail: { id: args.id } }, (tx: Tx) =>
      retireGridRecord(tx, args.id, ctx.now().toISOString())
    )
    return gridDetail(ctx.store, ctx.session, args.id)
  },
  'grids.assignBuildings': (args, ctx) => {
    const target = args.gridId === null ? '移出网格' : `划入网格“${gridName(ctx.store, args.gridId)}”`
    const list = args.buildings.map((b) => `${b.compound}${b.building}`).join('、')
    const { handover: _said, ...result } = ctx.write(
      { summary: ({ handover }: { handover: string }) => `${list.slice(0, 200)} ${target}${handover}`, detail: args },
      (tx: Tx) => assignBuildings(tx, args, ctx.session.actor, ctx.now().toISOString())
    )
    return result
  },
  // Building structure and merging are the whole community's: dispatch refuses them to grid workers (wholeCommunity).
  'grids.buildings': (_args, ctx) => buildingList(ctx.store),
  'grids.mergePreview': (args, ctx) => mergePreview(ctx.store, args),
  'grids.mergeBuildings': (args, ctx) => {
    const merged = ctx.write(
      {
        record: `building:${args.intoId}`,
        summary: (m: BuildingMerged) =>
          `合并楼栋：${m.from.compound}${m.from.building} 并入 ${m.into.compound}${m.into.building}（${m.households} 户，${m.residents} 人）${m.handover}`,
        detail: args
      },
      (tx: Tx) => mergeBuildings(tx, args, ctx.session.actor, ctx.now().toISOString())
    )
    return merged
  },
  'grids.unassigned': (_args, ctx) => unassignedList(ctx.store, ctx.session)
} satisfies Handlers<GridsApi>
