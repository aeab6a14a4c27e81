import type { Origin } from '../domain/regions'
import type { Page } from '../schemas/common'
import type { Companion, ReturneeRegister, ReturneesListArgs, Transport, TripUpdate } from '../schemas/returnees'
import { returneesListArgs, returneesPersonArgs, returneesRegisterArgs, returneesUpdateTripArgs } from '../schemas/returnees'
import type { EpisodeDetail, EpisodeView, ReturneePerson } from './monitoring'
import { defineModule, type MethodTable } from './types'

/** A person as returnee lists show them: numbers masked. */
export interface TripView extends ReturneePerson {
  id: number
  origin: Origin
  /** '湖北省武汉市江岸区' */
  originText: string
  via: string
  returnDate: string
  transport: Transport
  transportNo: string
  companions: Companion[]
  reason: string
  notes: string
  registeredOn: string
  registeredBy: string
  /** The person's latest observation episode, if any: its status and red flag show in the list. */
  episode: Pick<EpisodeView, 'id' | 'kind' | 'status' | 'endDate' | 'abnormal'> | null
}

export interface ReturneeFile {
  person: ReturneePerson
  trips: TripView[]
  /** Newest first, each with its history and checks. */
  episodes: EpisodeDetail[]
}

export type ReturneesApi = {
  'returnees.list': (args: ReturneesListArgs) => Promise<Page<TripView>>
  'returnees.get': (args: { residentId: number }) => Promise<ReturneeFile>
  'returnees.register': (args: ReturneeRegister) => Promise<TripView>
  'returnees.updateTrip': (args: TripUpdate) => Promise<TripView>
}

export const returneesMethods = {
  'returnees.list': { args: returneesListArgs, kind: 'query', permission: 'returnees.view', title: '查看返程人员' },
  'returnees.get': { args: returneesPersonArgs, kind: 'query', permission: 'returnees.view', title: '查看返程人员档案' },
  'returnees.register': { args: returneesRegisterArgs, kind: 'mutation', permission: 'returnees.edit', title: '登记返程人员' },
  'returnees.updateTrip': { args: returneesUpdateTripArgs, kind: 'mutation', permission: 'returnees.edit', title: '修改返程登记' }
} satisfies MethodTable<ReturneesApi>

export const returneesModule = defineModule<ReturneesApi>({
  name: 'returnees',
  methods: returneesMethods,
  grants: { 'returnees.view': ['staff', 'grid_worker', 'readonly'], 'returnees.edit': ['staff', 'grid_worker'] },
  pages: [{ path: '/returnees', name: 'returnees', title: '返程人员', permission: 'returnees.view', group: 'daily' }]
})
