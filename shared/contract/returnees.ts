import type { Origin } from '../domain/regions'
import type { Page } from '../schemas/common'
import type { Companion, ReturneeRegister, ReturneesListArgs, ReturneesStartArgs, Transport, TripUpdate, TripVoid } from '../schemas/returnees'
import {
  returneesListArgs,
  returneesPersonArgs,
  returneesRegisterArgs,
  returneesStartArgs,
  returneesUpdateTripArgs,
  returneesVoidTripArgs
} from '../schemas/returnees'
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
  /** The observation episode started for this trip, if any: its status and red flag show in the list, its dates in the person's history. */
  episode: Pick<EpisodeView, 'id' | 'kind' | 'status' | 'startDate' | 'endDate' | 'abnormal'> | null
  /** 作废: when (ISO time), by whom and why; only the person's file shows voided trips. */
  voided: { at: string; by: string; reason: string } | null
  /** What the edit form sends back as expectedUpdatedAt (stale writes, issue 24). */
  updatedAt: string
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
  'returnees.voidTrip': (args: TripVoid) => Promise<TripView>
  /** 开始观察 for the selected trips at once (one confirmation, one transaction): each from its return date. */
  'returnees.startObservation': (args: ReturneesStartArgs) => Promise<{ started: number }>
}

export const returneesMethods = {
  'returnees.list': { args: returneesListArgs, kind: 'query', permission: 'returnees.view', title: '查看返程人员' },
  'returnees.get': { args: returneesPersonArgs, kind: 'query', permission: 'returnees.view', title: '查看返程人员档案' },
  'returnees.register': { args: returneesRegisterArgs, kind: 'mutation', permission: 'returnees.edit', title: '登记返程人员' },
  'returnees.updateTrip': { args: returneesUpdateTripArgs, kind: 'mutation', permission: 'returnees.edit', title: '修改返程登记' },
  'returnees.voidTrip': { args: returneesVoidTripArgs, kind: 'mutation', permission: 'returnees.edit', title: '作废返程登记' },
  'returnees.startObservation': { args: returneesStartArgs, kind: 'mutation', permission: 'returnees.edit', title: '批量开始观察' }
} satisfies MethodTable<ReturneesApi>

export const returneesModule = defineModule<ReturneesApi>({
  name: 'returnees',
  methods: returneesMethods,
  grants: { 'returnees.view': ['staff', 'grid_worker', 'readonly'], 'returnees.edit': ['staff', 'grid_worker'] },
  pages: [{ path: '/returnees', name: 'returnees', title: '返程人员', permission: 'returnees.view', group: 'daily' }]
})
