import type { Page } from '../schemas/common'
import type { ExportedFile } from './audit'
import type {
  HelpAct,
  HelpAction,
  HelpChannel,
  HelpExportArgs,
  HelpGateInput,
  HelpInput,
  HelpListArgs,
  HelpMoney,
  HelpMoneyKind,
  HelpStatus,
  HelpType,
  HelpUrgency,
  PayMethod
} from '../schemas/help'
import {
  helpActArgs,
  helpCreateArgs,
  helpGateArgs,
  helpHouseholdArgs,
  helpIdArgs,
  helpListArgs,
  helpExportArgs,
  helpMoneyArgs,
  helpTaskListArgs
} from '../schemas/help'
import { emptyArgs } from '../schemas/system'
import type { EmptyArgs } from '../schemas/system'
import type { VolunteerKind } from '../schemas/volunteers'
import { defineModule, type MethodTable } from './types'

/** A request as the 求助台账 and the household page list it; the phone is always masked. */
export interface HelpRow {
  id: number
  createdAt: string
  householdId: number | null
  residentId: number | null
  /** The person (register) or the caller; the householder when only the household is known. */
  name: string
  address: string
  phone: string
  gridId: number | null
  gridName: string | null
  channel: HelpChannel
  type: HelpType
  urgency: HelpUrgency
  content: string
  wantedBy: string | null
  status: HelpStatus
  volunteerId: number | null
  volunteerName: string | null
  /** Still open past its wanted-by time: red, and first in the list. */
  overdue: boolean
  /** Someone of the household is under home observation or isolation: they cannot go out. */
  keptHome: { kind: string; until: string } | null
  /** The person's key groups (独居老人, 高龄 ...), labels. */
  keyGroups: string[]
}

export interface HelpStepView {
  action: HelpAction | 'create' | 'money'
  /** '分配', '办结' ... */
  label: string
  from: HelpStatus | null
  to: HelpStatus
  volunteerName: string | null
  note: string
  actor: string
  at: string
}

export interface HelpDetail extends HelpRow {
  callerName: string
  notes: string
  result: string
  reason: string
  followUp: 'satisfied' | 'unsatisfied' | null
  followUpNote: string
  createdBy: string
  steps: HelpStepView[]
  /** The steps the status machine allows now (the backend refuses the others). */
  actions: HelpAction[]
  money: HelpMoneyState
}

export interface HelpMoneyEntry {
  id: number
  kind: HelpMoneyKind
  amountFen: number
  method: '' | PayMethod
  receiptNo: string
  note: string
  actor: string
  at: string
}

/** A request's 代购 money, in integer fen: owed = advanced − repaid. */
export interface HelpMoneyState {
  entries: HelpMoneyEntry[]
  advancedFen: number
  repaidFen: number
  outstandingFen: number
}

export interface HelpBalanceLine {
  name: string
  advancedFen: number
  repaidFen: number
  outstandingFen: number
}

/** 代购垫付 outstanding by volunteer and by household; both add up to total. */
export interface HelpBalances {
  byVolunteer: (HelpBalanceLine & { volunteerId: number | null })[]
  byHousehold: (HelpBalanceLine & { householdId: number | null; address: string })[]
  total: { advancedFen: number; repaidFen: number; outstandingFen: number }
}

/** A volunteer offered for a request, with why: skill, place, availability now, open load. */
export interface HelpSuggestion {
  volunteerId: number
  name: string
  phone: string
  kind: VolunteerKind
  skills: string[]
  matchedSkills: string[]
  building: string
  gridName: string | null
  sameBuilding: boolean
  sameGrid: boolean
  availableNow: boolean
  /** Requests assigned to them and not yet closed. */
  openLoad: number
}

/** A request on the volunteer's printed task list; phone whole when the list is full. */
export type HelpTaskRow = HelpRow & { notes: string }

export interface HelpTaskGroup {
  volunteerId: number
  volunteerName: string
  rows: HelpTaskRow[]
}

/**
 * 求助任务单: each volunteer's open requests (已分配, 处理中). The volunteer rings the resident, so a
 * role that may reveal numbers prints them whole (the print is audited); others print them masked.
 */
export interface HelpTaskList {
  communityName: string
  /** The office's wall clock when printed, 'YYYY-MM-DD HH:mm'. */
  printedAt: string
  groups: HelpTaskGroup[]
  full: boolean
}

export type HelpApi = {
  'help.list': (args: HelpListArgs) => Promise<Page<HelpRow>>
  'help.get': (args: { id: number }) => Promise<HelpDetail>
  'help.create': (args: HelpInput) => Promise<HelpDetail>
  'help.createAtGate': (args: HelpGateInput) => Promise<{ id: number }>
  'help.act': (args: HelpAct) => Promise<HelpDetail>
  'help.suggest': (args: { id: number }) => Promise<HelpSuggestion[]>
  'help.ofHousehold': (args: { householdId: number }) => Promise<HelpRow[]>
  'help.reveal': (args: { id: number }) => Promise<{ id: number; phone: string }>
  'help.money': (args: HelpMoney) => Promise<HelpDetail>
  'help.balances': (args: EmptyArgs) => Promise<HelpBalances>
  'help.taskList': (args: { volunteerId?: number | undefined }) => Promise<HelpTaskList>
  'help.export': (args: HelpExportArgs) => Promise<ExportedFile>
}

export const helpMethods = {
  'help.list': { args: helpListArgs, kind: 'query', permission: 'help.view', title: '查看求助台账' },
  'help.get': { args: helpIdArgs, kind: 'query', permission: 'help.view', title: '查看求助' },
  'help.create': { args: helpCreateArgs, kind: 'mutation', permission: 'help.edit', title: '登记求助' },
  'help.createAtGate': { args: helpGateArgs, kind: 'mutation', permission: 'help.gate', title: '卡口登记求助' },
  'help.act': { args: helpActArgs, kind: 'mutation', permission: 'help.edit', title: '办理求助' },
  'help.suggest': { args: helpIdArgs, kind: 'query', permission: 'help.edit', title: '推荐志愿者' },
  'help.ofHousehold': { args: helpHouseholdArgs, kind: 'query', permission: 'help.view', title: '查看住户求助记录' },
  'help.reveal': { args: helpIdArgs, kind: 'mutation', permission: 'register.reveal', title: '查看求助人完整电话' },
  'help.money': { args: helpMoneyArgs, kind: 'mutation', permission: 'help.edit', title: '登记代购垫付或还款' },
  'help.balances': { args: emptyArgs, kind: 'query', permission: 'help.view', title: '查看代购垫付' },
  'help.taskList': { args: helpTaskListArgs, kind: 'mutation', permission: 'help.edit', title: '打印志愿者求助任务单' },
  'help.export': { args: helpExportArgs, kind: 'export', permission: 'help.view', title: '导出居民求助登记表' }
} satisfies MethodTable<HelpApi>

export const helpModule = defineModule<HelpApi>({
  name: 'help',
  methods: helpMethods,
  grants: { 'help.view': ['staff', 'grid_worker', 'readonly'], 'help.edit': ['staff', 'grid_worker'], 'help.gate': ['staff', 'gate'] },
  pages: [
    { path: '/help', name: 'help', title: '居民求助', permission: 'help.view', group: 'daily' },
    { path: '/help/tasks', name: 'help-tasks', title: '志愿者求助任务单', permission: 'help.edit', parent: '/help' }
  ]
})
