import type { Page } from '../schemas/common'
import type { CareFrequency, CareMethod, CareOutcome } from '../schemas/care'
import {
  careBulkArgs,
  careContactArgs,
  careCreateArgs,
  carePlansArgs,
  carePrintArgs,
  careResidentArgs,
  careUpdateArgs,
  careWorklistArgs
} from '../schemas/care'
import type { CareBulk, CareContactInput, CareCreate, CarePlansArgs, CarePrintArgs, CareUpdate, CareWorklistArgs } from '../schemas/care'
import { emptyArgs } from '../schemas/system'
import type { EmptyArgs } from '../schemas/system'
import { defineModule, type MethodTable } from './types'

export interface CareContactView {
  id: number
  /** The local calendar day the contact is for. */
  day: string
  method: CareMethod
  outcome: CareOutcome
  note: string
  /** The help request a 需要帮助 contact raised. */
  helpRequestId: number | null
  actor: string
  at: string
}

/** A care plan as lists show it; the phone is masked. */
export interface CarePlanRow {
  id: number
  residentId: number
  name: string
  address: string
  phone: string
  gridId: number | null
  gridName: string | null
  /** The person's key groups (labels) as the register has them now. */
  keyGroups: string[]
  frequency: CareFrequency
  anchorDay: string
  accountId: number | null
  volunteerId: number | null
  /** The grid worker's or volunteer's name. */
  workerName: string
  notes: string
  active: boolean
  lastContact: CareContactView | null
}

/** A row of 今日关爱: the plan, whether it is due that day, that day's contact, yesterday's miss. */
export interface CareWorkRow extends CarePlanRow {
  due: boolean
  contact: CareContactView | null
  /** Due yesterday and not contacted yesterday: to follow up today. */
  missedYesterday: boolean
}

export interface CareWorklist extends Page<CareWorkRow> {
  day: string
  /** 待联系 (due, not yet contacted), 已联系, 昨日未联系, and today's 异常 among the contacts. */
  counts: { due: number; done: number; missed: number; abnormal: number }
}

export interface CareOfResident {
  /** The person's key groups (labels); a plan needs at least one. */
  keyGroups: string[]
  plan: CarePlanRow | null
  /** Newest first, the last 20. */
  contacts: CareContactView[]
}

export interface CareWorkers {
  /** Grid worker accounts (active), with the grids they cover. */
  accounts: { id: number; name: string; grids: string }[]
  volunteers: { id: number; name: string }[]
}

/** 首页: yesterday's missed contacts and today's 异常, the caller's grids only. */
export interface CareAlerts {
  day: string
  missed: CareWorkRow[]
  abnormal: CareWorkRow[]
  missedTotal: number
  abnormalTotal: number
}

export interface CarePrintRow {
  planId: number
  name: string
  address: string
  /** Whole when the list is full (roles that may reveal, audited), masked otherwise. */
  phone: string
  keyGroups: string[]
  frequency: CareFrequency
  notes: string
  lastContact: CareContactView | null
  /** Yesterday's contact was missed: ring first. */
  missedYesterday: boolean
}

/** 关爱联系单: per worker, who is due on the day. */
export interface CarePrintList {
  communityName: string
  day: string
  printedAt: string
  full: boolean
  groups: { workerName: string; rows: CarePrintRow[] }[]
}

export type CareApi = {
  'care.plans': (args: CarePlansArgs) => Promise<Page<CarePlanRow>>
  'care.ofResident': (args: { residentId: number }) => Promise<CareOfResident>
  'care.create': (args: CareCreate) => Promise<CarePlanRow>
  'care.update': (args: CareUpdate) => Promise<CarePlanRow>
  'care.bulkCreate': (args: CareBulk) => Promise<{ created: number; alreadyPlanned: number }>
  'care.worklist': (args: CareWorklistArgs) => Promise<CareWorklist>
  'care.contact': (args: CareContactInput) => Promise<{ contact: CareContactView; helpRequestId: number | null }>
  'care.workers': (args: EmptyArgs) => Promise<CareWorkers>
  'care.alerts': (args: EmptyArgs) => Promise<CareAlerts>
  'care.printList': (args: CarePrintArgs) => Promise<CarePrintList>
}

export const careMethods = {
  'care.plans': { args: carePlansArgs, kind: 'query', permission: 'help.view', title: '查看关爱对象' },
  'care.ofResident': { args: careResidentArgs, kind: 'query', permission: 'help.view', title: '查看居民关爱计划' },
  'care.create': { args: careCreateArgs, kind: 'mutation', permission: 'help.edit', title: '新建关爱计划' },
  'care.update': { args: careUpdateArgs, kind: 'mutation', permission: 'help.edit', title: '修改关爱计划' },
  'care.bulkCreate': { args: careBulkArgs, kind: 'mutation', permission: 'help.edit', title: '批量新建关爱计划' },
  'care.worklist': { args: careWorklistArgs, kind: 'query', permission: 'help.view', title: '查看今日关爱' },
  'care.contact': { args: careContactArgs, kind: 'mutation', permission: 'help.edit', title: '登记关爱联系' },
  'care.workers': { args: emptyArgs, kind: 'query', permission: 'help.view', title: '查看关爱联系人' },
  'care.alerts': { args: emptyArgs, kind: 'query', permission: 'help.view', title: '查看关爱待跟进' },
  'care.printList': { args: carePrintArgs, kind: 'mutation', permission: 'help.view', title: '打印关爱联系单' }
} satisfies MethodTable<CareApi>

/**
 * 重点人群关爱 rides on 居民求助's permissions: the same people call, visit and raise requests
 * (网格员 their grids, 只读 view, 卡口值守 nothing of it).
 */
export const careModule = defineModule<CareApi>({
  name: 'care',
  methods: careMethods,
  grants: {},
  pages: [
    { path: '/care', name: 'care', title: '重点人群关爱', permission: 'help.view', group: 'daily' },
    { path: '/care/print', name: 'care-print', title: '关爱联系单', permission: 'help.view', parent: '/care' }
  ]
})
