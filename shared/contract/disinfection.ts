import type { DaySheetArgs, DisinfectMethod, LogArgs, LogsExportArgs, LogsListArgs, PlaceKind, PlaceSave, Schedule } from '../schemas/disinfection'
import { daySheetArgs, logArgs, logsExportArgs, logsListArgs, placeSaveArgs } from '../schemas/disinfection'
import type { EmptyArgs } from '../schemas/system'
import { emptyArgs } from '../schemas/system'
import type { ExportedFile, Page } from './audit'
import { defineModule, type MethodTable } from './types'

export interface PlaceView {
  id: number
  name: string
  kind: PlaceKind
  building: string
  gridId: number | null
  gridName: string
  schedule: Schedule
  timesPerDay: number
  intervalDays: number
  /** '每天 2 次' / '每 3 天 1 次'. */
  scheduleText: string
  active: boolean
  notes: string
  lastDoneAt: string | null
  /** When the next disinfection is due ('YYYY-MM-DD HH:mm'). */
  nextDueAt: string
  overdue: boolean
  /** How far past due, e.g. '逾期 2 天'; '' when not overdue. */
  overdueText: string
}

export interface DisinfectionLogView {
  id: number
  placeId: number
  placeName: string
  placeKind: PlaceKind
  building: string
  doneAt: string
  agent: string
  concentration: string
  method: DisinfectMethod
  operator: string
  checker: string
  note: string
  refNo: string | null
  recordedBy: string
}

export interface DaySheet {
  date: string
  communityName: string
  rows: { place: PlaceView; times: number; done: DisinfectionLogView[] }[]
}

export type DisinfectionApi = {
  'disinfection.places': (args: EmptyArgs) => Promise<PlaceView[]>
  'disinfection.savePlace': (args: PlaceSave) => Promise<PlaceView>
  'disinfection.log': (args: LogArgs) => Promise<DisinfectionLogView>
  'disinfection.logs': (args: LogsListArgs) => Promise<Page<DisinfectionLogView>>
  'disinfection.overdue': (args: EmptyArgs) => Promise<PlaceView[]>
  'disinfection.daySheet': (args: DaySheetArgs) => Promise<DaySheet>
  'disinfection.export': (args: LogsExportArgs) => Promise<ExportedFile>
}

export const disinfectionMethods = {
  'disinfection.places': { args: emptyArgs, kind: 'query', permission: 'supplies.view', title: '查看消杀场所' },
  'disinfection.savePlace': { args: placeSaveArgs, kind: 'mutation', permission: 'supplies.edit', title: '保存消杀场所' },
  'disinfection.log': { args: logArgs, kind: 'mutation', permission: 'supplies.edit', title: '登记消杀' },
  'disinfection.logs': { args: logsListArgs, kind: 'query', permission: 'supplies.view', title: '查看消杀记录' },
  'disinfection.overdue': { args: emptyArgs, kind: 'query', permission: 'supplies.view', title: '查看逾期消杀' },
  'disinfection.daySheet': { args: daySheetArgs, kind: 'query', permission: 'supplies.view', title: '打印消杀日工作单' },
  'disinfection.export': { args: logsExportArgs, kind: 'export', permission: 'supplies.view', title: '导出消杀记录' }
} satisfies MethodTable<DisinfectionApi>

export const disinfectionModule = defineModule<DisinfectionApi>({
  name: 'disinfection',
  methods: disinfectionMethods,
  grants: {},
  pages: [
    { path: '/disinfection', name: 'disinfection', title: '消杀', permission: 'supplies.view', group: 'supplies' },
    { path: '/disinfection/day-sheet', name: 'disinfection-day-sheet', title: '消杀日工作单', permission: 'supplies.view', parent: '/disinfection' }
  ]
})
