import type { Page } from '../schemas/common'
import type { ReopenCheckItem } from '../domain/units'
import type {
  InspectionFinding,
  UnitAddWorker,
  UnitApplyReopen,
  UnitApproveReopen,
  UnitCloseInspection,
  UnitInput,
  UnitInspect,
  UnitKind,
  UnitLinkPlace,
  UnitSaveChecks,
  UnitSetStatus,
  UnitStatus,
  UnitUpdate,
  UnitsListArgs,
  UnitsWorkersArgs,
  WorkerHealth
} from '../schemas/units'
import {
  unitIdArgs,
  unitsAddWorkerArgs,
  unitsApplyReopenArgs,
  unitsApproveReopenArgs,
  unitsChecksArgs,
  unitsCloseInspectionArgs,
  unitsCreateArgs,
  unitsDeleteArgs,
  unitsInspectArgs,
  unitsLinkPlaceArgs,
  unitsListArgs,
  unitsRemoveWorkerArgs,
  unitsSaveChecksArgs,
  unitsSetStatusArgs,
  unitsUpdateArgs,
  unitsWorkersArgs
} from '../schemas/units'
import type { DisinfectionLogView, PlaceView } from './disinfection'
import { defineModule, type MethodTable } from './types'

export type { ReopenCheckItem } from '../domain/units'

/** A unit as the 单位台账 lists it; the manager's phone is always masked. */
export interface UnitRow {
  id: number
  kind: UnitKind
  name: string
  address: string
  gridId: number | null
  gridName: string | null
  managerName: string
  managerPhone: string
  creditCode: string
  status: UnitStatus
  pledgeSignedOn: string | null
  workers: number
  /** Workers whose reading today is at or above the fever threshold. */
  abnormalToday: number
  /** Inspections whose rectification is past its date and not closed. */
  overdueRectifications: number
}

export interface UnitStatusStep {
  from: UnitStatus | null
  to: UnitStatus
  day: string
  note: string
  actor: string
  at: string
}

export interface UnitWorkerView {
  id: number
  residentId: number
  name: string
  /** Masked ID and phone, as every list shows them. */
  idNumber: string
  phone: string
  role: string
  /** A registered person's household address, or the home address of someone living elsewhere. */
  address: string
  fromElsewhere: boolean
  /** Their latest live trip (the returnees domain's), if any. */
  trip: { id: number; origin: string; returnDate: string } | null
  /** Their latest observation (the monitoring domain's). */
  episode: { id: number; kind: string; status: string; startDate: string; endDate: string; observing: boolean } | null
  /** Today's readings (in ℃) and the health they make. */
  am: number | null
  pm: number | null
  health: WorkerHealth
}

export interface UnitCheckRow {
  workerId: number
  name: string
  role: string
  am: number | null
  pm: number | null
  health: WorkerHealth
  reportedBy: string
}

export interface UnitReopening {
  id: number
  appliedOn: string
  appliedBy: string
  decision: 'pending' | 'approved' | 'withdrawn'
  approvedOn: string | null
  approvedBy: string | null
  note: string
  /** As it stood at approval; for a pending one, as it stands now. */
  checklist: ReopenCheckItem[]
}

export interface UnitInspection {
  id: number
  day: string
  inspector: string
  findings: InspectionFinding[]
  note: string
  rectifyBy: string | null
  closedOn: string | null
  closedBy: string | null
  closeNote: string
  /** Past its date and still open: red. */
  overdue: boolean
}

export interface UnitPlace {
  place: PlaceView
  /** The latest entries of its log, newest first. */
  logs: DisinfectionLogView[]
}

export interface UnitDetail extends UnitRow {
  compound: string
  building: string
  door: string
  notes: string
  createdBy: string
  /** What the edit form sends back as expectedUpdatedAt (stale writes, issue 24). */
  updatedAt: string
  history: UnitStatusStep[]
  workerList: UnitWorkerView[]
  reopenings: UnitReopening[]
  inspections: UnitInspection[]
  places: UnitPlace[]
  /** The checklist as it stands now (what an application would show). */
  checklist: ReopenCheckItem[]
}

/** A worker as the cross-unit search finds them. */
export interface UnitWorkerHit {
  workerId: number
  unitId: number
  unitName: string
  name: string
  phone: string
  role: string
  fromElsewhere: boolean
}

/** total stops at the search's cap: capped says there are more ("超过 500 人，请多输入几个字"). */
export interface UnitWorkerHits extends Page<UnitWorkerHit> {
  capped: boolean
}

export type UnitsApi = {
  'units.list': (args: UnitsListArgs) => Promise<Page<UnitRow>>
  'units.get': (args: { id: number }) => Promise<UnitDetail>
  'units.create': (args: UnitInput) => Promise<UnitDetail>
  'units.update': (args: UnitUpdate) => Promise<UnitDetail>
  'units.setStatus': (args: UnitSetStatus) => Promise<UnitDetail>
  'units.delete': (args: { id: number; reason: string }) => Promise<{ id: number }>
  'units.reveal': (args: { id: number }) => Promise<{ id: number; managerPhone: string }>
  'units.addWorker': (args: UnitAddWorker) => Promise<UnitDetail>
  'units.removeWorker': (args: { workerId: number; reason: string }) => Promise<UnitDetail>
  'units.workers': (args: UnitsWorkersArgs) => Promise<UnitWorkerHits>
  'units.checks': (args: { unitId: number; day: string }) => Promise<UnitCheckRow[]>
  'units.saveChecks': (args: UnitSaveChecks) => Promise<UnitCheckRow[]>
  'units.applyReopen': (args: UnitApplyReopen) => Promise<UnitDetail>
  'units.approveReopen': (args: UnitApproveReopen) => Promise<UnitDetail>
  'units.inspect': (args: UnitInspect) => Promise<UnitDetail>
  'units.closeInspection': (args: UnitCloseInspection) => Promise<UnitDetail>
  'units.linkPlace': (args: UnitLinkPlace) => Promise<UnitDetail>
}

export const unitsMethods = {
  'units.list': { args: unitsListArgs, kind: 'query', permission: 'units.view', title: '查看单位台账' },
  'units.get': { args: unitIdArgs, kind: 'query', permission: 'units.view', title: '查看单位' },
  'units.create': { args: unitsCreateArgs, kind: 'mutation', permission: 'units.edit', title: '登记单位' },
  'units.update': { args: unitsUpdateArgs, kind: 'mutation', permission: 'units.edit', title: '修改单位' },
  'units.setStatus': { args: unitsSetStatusArgs, kind: 'mutation', permission: 'units.edit', title: '变更单位营业状态' },
  'units.delete': { args: unitsDeleteArgs, kind: 'mutation', permission: 'units.edit', title: '删除单位' },
  'units.reveal': { args: unitIdArgs, kind: 'mutation', permission: 'register.reveal', title: '查看单位负责人完整电话' },
  'units.addWorker': { args: unitsAddWorkerArgs, kind: 'mutation', permission: 'units.edit', title: '登记从业人员' },
  'units.removeWorker': { args: unitsRemoveWorkerArgs, kind: 'mutation', permission: 'units.edit', title: '从业人员离职' },
  'units.workers': { args: unitsWorkersArgs, kind: 'query', permission: 'units.view', title: '查找从业人员' },
  'units.checks': { args: unitsChecksArgs, kind: 'query', permission: 'units.view', title: '查看从业人员体温' },
  'units.saveChecks': { args: unitsSaveChecksArgs, kind: 'mutation', permission: 'units.edit', title: '登记从业人员体温' },
  'units.applyReopen': { args: unitsApplyReopenArgs, kind: 'mutation', permission: 'units.edit', title: '申请复工' },
  'units.approveReopen': { args: unitsApproveReopenArgs, kind: 'mutation', permission: 'units.approve', title: '批准复工' },
  'units.inspect': { args: unitsInspectArgs, kind: 'mutation', permission: 'units.edit', title: '登记巡查' },
  'units.closeInspection': { args: unitsCloseInspectionArgs, kind: 'mutation', permission: 'units.edit', title: '整改完成' },
  'units.linkPlace': { args: unitsLinkPlaceArgs, kind: 'mutation', permission: 'units.edit', title: '关联消杀场所' }
} satisfies MethodTable<UnitsApi>

export const unitsModule = defineModule<UnitsApi>({
  name: 'units',
  methods: unitsMethods,
  grants: { 'units.view': ['staff', 'grid_worker', 'readonly'], 'units.edit': ['staff', 'grid_worker'], 'units.approve': ['staff'] },
  pages: [
    { path: '/units', name: 'units', title: '商铺单位', permission: 'units.view', group: 'register' },
    { path: '/units/:id(\\d+)', name: 'unit', title: '单位详情', permission: 'units.view', parent: '/units' },
    { path: '/units/:id(\\d+)/pledge', name: 'unit-pledge', title: '打印承诺书', permission: 'units.view', parent: '/units' }
  ]
})
