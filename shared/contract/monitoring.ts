import type { Page } from '../schemas/common'
import type {
  CheckOutcome,
  EpisodeKind,
  EpisodeStatus,
  MonitoringCheck,
  MonitoringDuration,
  MonitoringStart,
  MonitoringStatus,
  MonitoringWorklistArgs,
  Symptom
} from '../schemas/monitoring'
import {
  monitoringCheckArgs,
  monitoringDayArgs,
  monitoringDurationArgs,
  monitoringEpisodeArgs,
  monitoringReleaseManyArgs,
  monitoringSheetArgs,
  monitoringStartArgs,
  monitoringStatusArgs,
  monitoringWorkerArgs,
  monitoringWorklistArgs
} from '../schemas/monitoring'
import type { EmptyArgs } from '../schemas/system'
import { emptyArgs } from '../schemas/system'
import { defineModule, type MethodTable } from './types'

export interface CheckView {
  id: number
  episodeId: number
  day: string
  /** ℃, one decimal. */
  morning: number | null
  evening: number | null
  symptoms: Symptom[]
  outcome: CheckOutcome
  abnormal: boolean
  /** The threshold in force when the check was saved. */
  threshold: number
  note: string
  checkedBy: string
  checkedAt: string
}

export interface EpisodeEventView {
  at: string
  actor: string
  kind: 'start' | 'duration' | 'status' | 'worker'
  /** '14 天，至 2026-02-17 → 21 天，至 2026-02-24' */
  text: string
  reason: string
}

/** The person on a returnee's trip or observation episode, masked (monitoring's; returnees build on it). */
export interface ReturneePerson {
  residentId: number
  name: string
  idMasked: string
  phoneMasked: string
  address: string
  gridId: number | null
  gridName: string
}

export interface EpisodeView extends ReturneePerson {
  id: number
  tripId: number | null
  worker: string
  kind: EpisodeKind
  startDate: string
  days: number
  endDate: string
  status: EpisodeStatus
  statusDate: string | null
  statusReason: string
  /** The latest check was abnormal (and the episode is open): shown in red. */
  abnormal: boolean
  lastCheckDay: string | null
}

export interface EpisodeDetail extends EpisodeView {
  events: EpisodeEventView[]
  checks: CheckView[]
}

export interface WorklistRow extends EpisodeView {
  /** Day n of the observation on the list's day (1 = the start date). */
  dayNo: number
  /** The check of the list's day (for 'missed': of the day before), if any. */
  check: CheckView | null
}

export interface WorklistPage extends Page<WorklistRow> {
  day: string
  threshold: number
}

export interface MonitoringToday {
  day: string
  threshold: number
  observing: Record<EpisodeKind, number>
  observingTotal: number
  due: number
  notChecked: number
  abnormal: number
  endingToday: number
  missedYesterday: number
  newReturnees: number
  releasedToday: number
  /** 每日疫情防控报表: the numbers the street office asks for. */
  report: {
    newByProvince: { province: string; count: number }[]
    totalReturnees: number
    releasedTotal: number
    abnormalChecksToday: number
    hospital: number
    lost: number
    /** Fevers found at the gates on the day (any person, any disposition: DOMAIN.md), and those sent to hospital. */
    gateFevers: number
    gateHospital: number
  }
}

/** A person on the printed sheet; phone is what is printed (whole when the sheet is full). */
export type SheetRow = WorklistRow & { phone: string }

export interface SheetGroup {
  worker: string
  gridName: string
  rows: SheetRow[]
}

export interface DailySheet {
  communityName: string
  day: string
  groups: SheetGroup[]
  /**
   * Whether the phones are whole numbers: the grid worker rings each person on the sheet, so a
   * role that may reveal numbers gets them in full (the print is audited); others get them masked.
   */
  full: boolean
}

export interface WorkerOption {
  gridId: number
  gridName: string
  name: string
}

export type MonitoringApi = {
  'monitoring.start': (args: MonitoringStart) => Promise<EpisodeDetail>
  'monitoring.changeDuration': (args: MonitoringDuration) => Promise<EpisodeDetail>
  'monitoring.setStatus': (args: MonitoringStatus) => Promise<EpisodeDetail>
  'monitoring.releaseMany': (args: { episodeIds: number[]; reason: string }) => Promise<{ released: number }>
  'monitoring.setWorker': (args: { episodeId: number; worker: string }) => Promise<EpisodeDetail>
  'monitoring.check': (args: MonitoringCheck) => Promise<CheckView>
  'monitoring.episode': (args: { id: number }) => Promise<EpisodeDetail>
  'monitoring.worklist': (args: MonitoringWorklistArgs) => Promise<WorklistPage>
  'monitoring.today': (args: { day?: string | undefined }) => Promise<MonitoringToday>
  'monitoring.sheet': (args: { day?: string | undefined; worker?: string | undefined }) => Promise<DailySheet>
  'monitoring.workers': (args: EmptyArgs) => Promise<WorkerOption[]>
}

export const monitoringMethods = {
  'monitoring.start': { args: monitoringStartArgs, kind: 'mutation', permission: 'returnees.edit', title: '开始居家观察' },
  'monitoring.changeDuration': { args: monitoringDurationArgs, kind: 'mutation', permission: 'returnees.edit', title: '调整观察期' },
  'monitoring.setStatus': { args: monitoringStatusArgs, kind: 'mutation', permission: 'returnees.edit', title: '解除或变更观察状态' },
  'monitoring.releaseMany': { args: monitoringReleaseManyArgs, kind: 'mutation', permission: 'returnees.edit', title: '批量解除观察' },
  'monitoring.setWorker': { args: monitoringWorkerArgs, kind: 'mutation', permission: 'returnees.edit', title: '更换责任网格员' },
  'monitoring.check': { args: monitoringCheckArgs, kind: 'mutation', permission: 'returnees.edit', title: '登记每日体温' },
  'monitoring.episode': { args: monitoringEpisodeArgs, kind: 'query', permission: 'returnees.view', title: '查看观察记录' },
  'monitoring.worklist': { args: monitoringWorklistArgs, kind: 'query', permission: 'returnees.view', title: '查看健康监测名单' },
  'monitoring.today': { args: monitoringDayArgs, kind: 'query', permission: 'returnees.view', title: '查看今日健康监测统计' },
  // A mutation so that printing full phones leaves its 操作日志 row in the same turn (as roster.print).
  'monitoring.sheet': { args: monitoringSheetArgs, kind: 'mutation', permission: 'returnees.view', title: '打印每日健康监测表' },
  'monitoring.workers': { args: emptyArgs, kind: 'query', permission: 'returnees.view', title: '查看责任网格员' }
} satisfies MethodTable<MonitoringApi>

export const monitoringModule = defineModule<MonitoringApi>({
  name: 'monitoring',
  methods: monitoringMethods,
  grants: {},
  pages: [
    { path: '/monitoring', name: 'monitoring', title: '健康监测', permission: 'returnees.view', group: 'daily' },
    { path: '/monitoring/sheet', name: 'monitoring-sheet', title: '每日健康监测表', permission: 'returnees.view', parent: '/monitoring' }
  ]
})
