import type { GridCreate, GridIdArgs, GridUpdate, GridsAssign, GridsListArgs } from '../schemas/grids'
import { gridsAssignArgs, gridsCreateArgs, gridsGetArgs, gridsListArgs, gridsRetireArgs, gridsUpdateArgs } from '../schemas/grids'
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

export type GridsApi = {
  'grids.list': (args: GridsListArgs) => Promise<GridSummary[]>
  'grids.get': (args: GridIdArgs) => Promise<GridDetail>
  'grids.create': (args: GridCreate) => Promise<GridDetail>
  'grids.update': (args: GridUpdate) => Promise<GridDetail>
  'grids.retire': (args: GridIdArgs) => Promise<GridDetail>
  'grids.assignBuildings': (args: GridsAssign) => Promise<{ buildings: number; households: number }>
}

export const gridsMethods = {
  'grids.list': { args: gridsListArgs, kind: 'query', permission: 'register.view', title: '查看网格' },
  'grids.get': { args: gridsGetArgs, kind: 'query', permission: 'register.view', title: '查看网格' },
  'grids.create': { args: gridsCreateArgs, kind: 'mutation', permission: 'register.edit', title: '新建网格' },
  'grids.update': { args: gridsUpdateArgs, kind: 'mutation', permission: 'register.edit', title: '修改网格' },
  'grids.retire': { args: gridsRetireArgs, kind: 'mutation', permission: 'register.edit', title: '撤销网格' },
  'grids.assignBuildings': { args: gridsAssignArgs, kind: 'mutation', permission: 'register.edit', title: '划分楼栋' }
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
