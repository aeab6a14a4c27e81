import type { IdDocType, Sex } from '../domain'
import type { KeyGroup, PersonType, Relation } from '../schemas/register'
import type { Page } from '../schemas/common'
import type { EpisodeKind } from '../schemas/monitoring'
import type {
  ResidentCreate,
  ResidentDelete,
  ResidentIdArgs,
  ResidentMove,
  ResidentMoveHandover,
  ResidentUpdate,
  ResidentsListArgs
} from '../schemas/residents'
import {
  residentsCreateArgs,
  residentsDeleteArgs,
  residentsGetArgs,
  residentsListArgs,
  residentsMoveArgs,
  residentsMoveHandoverArgs,
  residentsUpdateArgs
} from '../schemas/residents'
import { defineModule, type MethodTable } from './types'

/**
 * A resident as lists show them: ID and phone masked, and of the birth date only the year and
 * the age by year (shared/domain/mask.ts maskBirth): the full date beside the masked ID would
 * complete it.
 */
export interface ResidentRow {
  id: number
  name: string
  sex: Sex | null
  /** null when unknown, and for this year's and last year's births (one group, see birthText). */
  birthYear: number | null
  /** This year − birth year, not completed years (which would tell the birthday when it changes). */
  age: number | null
  /** '1975年', '2025年及以后' or '' (shared/domain/mask.ts maskBirth). */
  birthText: string
  idType: IdDocType
  idMasked: string
  phoneMasked: string
  householdId: number | null
  address: string
  relation: Relation | null
  personType: PersonType
  tags: KeyGroup[]
  gridId: number | null
  gridName: string
}

export interface ResidentDetail extends ResidentRow {
  phonesMasked: string[]
  notes: string
  householderName: string
  createdAt: string
  updatedAt: string
}

/** The full numbers, shown on request and written to the audit log; the birth date comes with them. */
export interface RevealedResident {
  id: number
  idNumber: string
  phones: string[]
  birthDate: string | null
  /** In completed years (周岁). */
  age: number | null
}

/**
 * A move to another grid hands the person over: their records follow them to the new grid, and so
 * does the responsibility for an open observation (the dialog shows who takes over, or asks).
 */
export interface MoveHandover {
  gridChanges: boolean
  fromGridName: string
  toGridName: string
  /** The open observation, when the move changes the grid of a person under observation. */
  observing: { kind: EpisodeKind; endDate: string; worker: string } | null
  /** Who may take over: the new grid's workers, or its leader when it has none. */
  candidates: string[]
  /** The new grid's only candidate, who takes over without asking; null: choose, or nobody. */
  automatic: string | null
}

export type ResidentsApi = {
  'residents.list': (args: ResidentsListArgs) => Promise<Page<ResidentRow>>
  'residents.get': (args: ResidentIdArgs) => Promise<ResidentDetail>
  'residents.create': (args: ResidentCreate) => Promise<ResidentDetail>
  'residents.update': (args: ResidentUpdate) => Promise<ResidentDetail>
  'residents.delete': (args: ResidentDelete) => Promise<{ id: number }>
  'residents.move': (args: ResidentMove) => Promise<ResidentDetail>
  'residents.moveHandover': (args: ResidentMoveHandover) => Promise<MoveHandover>
  'residents.reveal': (args: ResidentIdArgs) => Promise<RevealedResident>
}

export const residentsMethods = {
  'residents.list': { args: residentsListArgs, kind: 'query', permission: 'register.view', title: '查找居民' },
  'residents.get': { args: residentsGetArgs, kind: 'query', permission: 'register.view', title: '查看居民' },
  'residents.create': { args: residentsCreateArgs, kind: 'mutation', permission: 'register.edit', title: '登记居民' },
  'residents.update': { args: residentsUpdateArgs, kind: 'mutation', permission: 'register.edit', title: '修改居民' },
  'residents.delete': { args: residentsDeleteArgs, kind: 'mutation', permission: 'register.edit', title: '删除居民' },
  'residents.move': { args: residentsMoveArgs, kind: 'mutation', permission: 'register.edit', title: '迁移居民' },
  'residents.moveHandover': { args: residentsMoveHandoverArgs, kind: 'query', permission: 'register.edit', title: '查看迁移后由谁负责观察' },
  'residents.reveal': { args: residentsGetArgs, kind: 'mutation', permission: 'register.reveal', title: '查看完整号码' }
} satisfies MethodTable<ResidentsApi>

export const residentsModule = defineModule<ResidentsApi>({
  name: 'residents',
  methods: residentsMethods,
  grants: { 'register.view': ['staff', 'grid_worker', 'readonly'], 'register.edit': ['staff', 'grid_worker'], 'register.reveal': ['staff', 'grid_worker'] },
  pages: [
    { path: '/residents', name: 'residents', title: '居民', permission: 'register.view', group: 'register' },
    { path: '/residents/:id(\\d+)', name: 'resident', title: '居民详情', permission: 'register.view', parent: '/residents' }
  ]
})
