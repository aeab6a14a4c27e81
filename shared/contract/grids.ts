import type {
  GridCreate,
  GridIdArgs,
  GridUpdate,
  GridsAssign,
  GridsBuildingsArgs,
  GridsListArgs,
  GridsMergeBuildings,
  GridsUnassignedArgs
} from '../schemas/grids'
import {
  gridsAssignArgs,
  gridsBuildingsArgs,
  gridsCreateArgs,
  gridsGetArgs,
  gridsListArgs,
  gridsMergeBuildingsArgs,
  gridsRetireArgs,
  gridsUnassignedArgs,
  gridsUpdateArgs
} from '../schemas/grids'
import { defineModule, type MethodTable } from './types'

export interface GridStaff {
  name: string
  /** Masked in lists (138****5678). */
  phone: string
  residentId: number | null
}

export interface GridSummary {
  id: number
  name: string
  notes: string
  retired: boolean
  leader: GridStaff | null
  workers: GridStaff[]
  buildingCount: number
  householdCount: number
  residentCount: number
  keyGroupCount: number
}

export interface GridBuilding {
  compound: string
  building: string
  householdCount: number
  residentCount: number
}

export interface GridDetail extends GridSummary {
  buildings: GridBuilding[]
  createdAt: string
  updatedAt: string
}

/** One row of the 楼栋 list, for 合并楼栋: `sameAs` names the other rows that are the same building spelled another way. */
export interface BuildingEntry {
  id: number
  compound: string
  building: string
  gridId: number | null
  gridName: string
  householdCount: number
  residentCount: number
  sameAs: number[]
}

/** What 合并楼栋 does, shown before it is confirmed and returned after. */
export interface BuildingMerge {
  from: BuildingEntry
  into: BuildingEntry
  /** The grid the moved households end up in ('' for none). */
  gridName: string
  households: number
  residents: number
  /** Moved households whose room already has a household in the kept building: left for the clerk to merge on the 住户 page. */
  sameRooms: { fromAddress: string; intoAddress: string }[]
}

/** A merge done: the preview's figures and what became of open observations whose grid it changed ('' when none). */
export interface BuildingMerged extends BuildingMerge {
  /** '；居家观察改由王网格员负责' or '；1 人的居家观察仍由原网格员负责，请在健康监测中更换' (also in the audit row). */
  handover: string
}

/** Households whose building is in no grid: no grid worker sees them, the grid totals leave them out. */
export interface UnassignedHouseholds {
  total: number
  buildings: { id: number; compound: string; building: string; householdCount: number }[]
  /** The first 200, in address order. */
  households: { id: number; address: string; householderName: string; memberCount: number }[]
}

export type GridsApi = {
  'grids.list': (args: GridsListArgs) => Promise<GridSummary[]>
  'grids.get': (args: GridIdArgs) => Promise<GridDetail>
  'grids.create': (args: GridCreate) => Promise<GridDetail>
  'grids.update': (args: GridUpdate) => Promise<GridDetail>
  'grids.retire': (args: GridIdArgs) => Promise<GridDetail>
  'grids.assignBuildings': (args: GridsAssign) => Promise<{ buildings: number; households: number }>
  'grids.buildings': (args: GridsBuildingsArgs) => Promise<BuildingEntry[]>
  'grids.mergePreview': (args: GridsMergeBuildings) => Promise<BuildingMerge>
  'grids.mergeBuildings': (args: GridsMergeBuildings) => Promise<BuildingMerged>
  'grids.unassigned': (args: GridsUnassignedArgs) => Promise<UnassignedHouseholds>
}

export const gridsMethods = {
  'grids.list': { args: gridsListArgs, kind: 'query', permission: 'register.view', title: '查看网格' },
  'grids.get': { args: gridsGetArgs, kind: 'query', permission: 'register.view', title: '查看网格' },
  'grids.create': { args: gridsCreateArgs, kind: 'mutation', permission: 'register.edit', title: '新建网格', wholeCommunity: true },
  'grids.update': { args: gridsUpdateArgs, kind: 'mutation', permission: 'register.edit', title: '修改网格' },
  'grids.retire': { args: gridsRetireArgs, kind: 'mutation', permission: 'register.edit', title: '撤销网格', wholeCommunity: true },
  'grids.assignBuildings': { args: gridsAssignArgs, kind: 'mutation', permission: 'register.edit', title: '划分楼栋', wholeCommunity: true },
  'grids.buildings': { args: gridsBuildingsArgs, kind: 'query', permission: 'register.view', title: '查看楼栋', wholeCommunity: true },
  'grids.mergePreview': { args: gridsMergeBuildingsArgs, kind: 'query', permission: 'register.edit', title: '预览合并楼栋', wholeCommunity: true },
  'grids.mergeBuildings': { args: gridsMergeBuildingsArgs, kind: 'mutation', permission: 'register.edit', title: '合并楼栋', wholeCommunity: true },
  'grids.unassigned': { args: gridsUnassignedArgs, kind: 'query', permission: 'register.view', title: '查看未划入网格的住户' }
} satisfies MethodTable<GridsApi>

export const gridsModule = defineModule<GridsApi>({
  name: 'grids',
  methods: gridsMethods,
  grants: {},
  pages: [
    { path: '/grids', name: 'grids', title: '网格', permission: 'register.view', group: 'register' },
    { path: '/grids/:id(\\d+)', name: 'grid', title: '网格详情', permission: 'register.view', parent: '/grids' }
  ]
})
