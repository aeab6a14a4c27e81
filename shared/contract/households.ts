import type {
  AddressOptionsArgs,
  HouseholdCreate,
  HouseholdDelete,
  HouseholdIdArgs,
  HouseholdUpdate,
  HouseholdsListArgs,
  HouseholdsMerge
} from '../schemas/households'
import {
  addressOptionsArgs,
  householdsCreateArgs,
  householdsDeleteArgs,
  householdsGetArgs,
  householdsListArgs,
  householdsMergeArgs,
  householdsUpdateArgs
} from '../schemas/households'
import type { Address, Tenure } from '../schemas/register'
import type { Page } from '../schemas/common'
import type { ResidentRow } from './residents'
import { defineModule, type MethodTable } from './types'

export interface HouseholdRow {
  id: number
  address: string
  gridId: number | null
  gridName: string
  tenure: Tenure
  householderId: number | null
  householderName: string
  memberCount: number
}

export interface HouseholdDetail extends HouseholdRow {
  parts: Address
  notes: string
  members: ResidentRow[]
  createdAt: string
  updatedAt: string
}

/** The 小区 / 楼栋 lists the address pickers offer, and which grid each building is in. */
export interface AddressOptions {
  compounds: { name: string; buildings: { name: string; gridId: number | null; gridName: string }[] }[]
}

export type HouseholdsApi = {
  'households.list': (args: HouseholdsListArgs) => Promise<Page<HouseholdRow>>
  'households.get': (args: HouseholdIdArgs) => Promise<HouseholdDetail>
  'households.create': (args: HouseholdCreate) => Promise<HouseholdDetail>
  'households.update': (args: HouseholdUpdate) => Promise<HouseholdDetail>
  'households.delete': (args: HouseholdDelete) => Promise<{ id: number; members: number }>
  'households.merge': (args: HouseholdsMerge) => Promise<HouseholdDetail>
  'households.addressOptions': (args: AddressOptionsArgs) => Promise<AddressOptions>
}

export const householdsMethods = {
  'households.list': { args: householdsListArgs, kind: 'query', permission: 'register.view', title: '查看住户' },
  'households.get': { args: householdsGetArgs, kind: 'query', permission: 'register.view', title: '查看住户' },
  'households.create': { args: householdsCreateArgs, kind: 'mutation', permission: 'register.edit', title: '新建住户' },
  'households.update': { args: householdsUpdateArgs, kind: 'mutation', permission: 'register.edit', title: '修改住户' },
  'households.delete': { args: householdsDeleteArgs, kind: 'mutation', permission: 'register.edit', title: '删除住户' },
  'households.merge': { args: householdsMergeArgs, kind: 'mutation', permission: 'register.edit', title: '合并住户' },
  'households.addressOptions': { args: addressOptionsArgs, kind: 'query', permission: 'register.view', title: '查看小区楼栋' }
} satisfies MethodTable<HouseholdsApi>

export const householdsModule = defineModule<HouseholdsApi>({
  name: 'households',
  methods: householdsMethods,
  grants: {},
  pages: [
    { path: '/households', name: 'households', title: '住户', permission: 'register.view', group: 'register' },
    { path: '/households/:id(\\d+)', name: 'household', title: '住户详情', permission: 'register.view', parent: '/households' }
  ]
})
