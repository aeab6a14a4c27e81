import type { Unfilled } from '../domain/roster-autofill'
import type { Conflict, RulePerson, RuleSettings, RuleTemplate } from '../domain/roster-rules'
import type { RosterAttend, RosterPlace, RosterSettings, ShiftCreate, ShiftUpdate } from '../schemas/roster'
import {
  rosterAssignmentArgs,
  rosterAttendArgs,
  rosterAutoFillArgs,
  rosterCopyArgs,
  rosterExportArgs,
  rosterPlaceArgs,
  rosterPrintArgs,
  rosterSetLeadArgs,
  rosterSettingsArgs,
  rosterTodayArgs,
  rosterWeekArgs,
  shiftIdArgs,
  shiftsCreateArgs,
  shiftsListArgs,
  shiftsUpdateArgs
} from '../schemas/roster'
import { emptyArgs } from '../schemas/system'
import type { EmptyArgs } from '../schemas/system'
import type { ExportedFile } from './audit'
import { defineModule, type MethodTable } from './types'

/** 班次模板 of a checkpoint; start and end as 'HH:MM' (end before start: crosses midnight). */
export interface ShiftTemplate {
  id: number
  checkpointId: number
  checkpointName: string
  name: string
  start: string
  end: string
  minStaff: number
  leadRequired: boolean
  retired: boolean
  /** Set when the shift runs while its checkpoint is closed (开放时间); '' otherwise. A warning only. */
  hoursWarning: string
}

export interface RosterAssignment {
  id: number
  day: string
  dayIndex: number
  templateId: number
  volunteerId: number
  isLead: boolean
  override: string
  attendance: 'present' | 'absent' | null
  /** 签到/签退 times as recorded ('HH:MM'), null when not recorded. */
  checkIn: string | null
  checkOut: string | null
  minutes: number
}

/** A person as the week view needs them: the rule fields plus a masked phone. */
export interface RosterPerson extends RulePerson {
  phone: string
  kind: string
}

/** Everything the week grid needs to draw itself and check placements live. */
export interface RosterWeek {
  week: string
  days: string[]
  checkpoints: { id: number; name: string }[]
  templates: RuleTemplate[]
  people: RosterPerson[]
  placements: RosterAssignment[]
  /** Placements of the neighbouring days (last Sunday, next Monday), for rest across the week end. */
  context: { dayIndex: number; templateId: number; volunteerId: number; isLead: boolean }[]
  settings: RuleSettings
  conflicts: Conflict[]
  /** Shifts that run outside their checkpoint's 开放时间: a warning beside the shift, not a conflict. */
  shiftWarnings: { templateId: number; message: string }[]
}

export interface AutoFillReport {
  week: RosterWeek
  added: number
  /** Places not filled because their shift had already begun (unless includePast was asked). */
  skippedPast: number
  unfilled: (Unfilled & { label: string })[]
}

export interface TodayDuty {
  shift: string
  start: string
  end: string
  name: string
  phone: string
  isLead: boolean
}

export type RosterSettingsView = RosterSettings

/** The week for the printed 值班排班表; full says whether people's phones are whole numbers. */
export interface RosterPrint {
  week: RosterWeek
  full: boolean
}

export type RosterApi = {
  'shifts.list': (args: { checkpointId?: number }) => Promise<ShiftTemplate[]>
  'shifts.create': (args: ShiftCreate) => Promise<ShiftTemplate>
  'shifts.update': (args: ShiftUpdate) => Promise<ShiftTemplate>
  'shifts.retire': (args: { id: number }) => Promise<ShiftTemplate>
  'roster.week': (args: { week: string }) => Promise<RosterWeek>
  'roster.place': (args: RosterPlace) => Promise<RosterWeek>
  'roster.remove': (args: { id: number }) => Promise<RosterWeek>
  'roster.setLead': (args: { id: number; isLead: boolean }) => Promise<RosterWeek>
  'roster.autoFill': (args: { week: string; seed?: number; includePast?: boolean }) => Promise<AutoFillReport>
  'roster.copyLastWeek': (args: { week: string }) => Promise<RosterWeek & { copied: number; skipped: number }>
  'roster.today': (args: { checkpointId: number }) => Promise<TodayDuty[]>
  'roster.attend': (args: RosterAttend) => Promise<RosterAssignment>
  /** Undoes the last attendance step: 签退 back to 在岗, 签到 or 缺勤 back to 未签到. */
  'roster.undoAttend': (args: { id: number }) => Promise<RosterAssignment>
  'roster.print': (args: { week: string }) => Promise<RosterPrint>
  'roster.settings': (args: EmptyArgs) => Promise<RosterSettingsView>
  'roster.saveSettings': (args: RosterSettings) => Promise<RosterSettingsView>
  'roster.export': (args: { week: string }) => Promise<ExportedFile>
}

export const rosterMethods = {
  'shifts.list': { args: shiftsListArgs, kind: 'query', permission: 'volunteers.view', title: '查看班次' },
  'shifts.create': { args: shiftsCreateArgs, kind: 'mutation', permission: 'volunteers.edit', title: '新建班次' },
  'shifts.update': { args: shiftsUpdateArgs, kind: 'mutation', permission: 'volunteers.edit', title: '修改班次' },
  'shifts.retire': { args: shiftIdArgs, kind: 'mutation', permission: 'volunteers.edit', title: '停用班次' },
  'roster.week': { args: rosterWeekArgs, kind: 'query', permission: 'volunteers.view', title: '查看排班' },
  'roster.place': { args: rosterPlaceArgs, kind: 'mutation', permission: 'volunteers.edit', title: '排班' },
  'roster.remove': { args: rosterAssignmentArgs, kind: 'mutation', permission: 'volunteers.edit', title: '取消排班' },
  'roster.setLead': { args: rosterSetLeadArgs, kind: 'mutation', permission: 'volunteers.edit', title: '指定带班人' },
  'roster.autoFill': { args: rosterAutoFillArgs, kind: 'mutation', permission: 'volunteers.edit', title: '自动排班' },
  'roster.copyLastWeek': { args: rosterCopyArgs, kind: 'mutation', permission: 'volunteers.edit', title: '复制上周排班' },
  // The gate role sees who is on duty with them today, and nothing else of the roster.
  'roster.today': { args: rosterTodayArgs, kind: 'query', permission: 'gate.use', title: '查看今日值班' },
  'roster.attend': { args: rosterAttendArgs, kind: 'mutation', permission: 'volunteers.edit', title: '签到签退' },
  'roster.undoAttend': { args: rosterAssignmentArgs, kind: 'mutation', permission: 'volunteers.edit', title: '撤销签到签退' },
  // A mutation so that printing full phones leaves its 操作日志 row in the same turn.
  'roster.print': { args: rosterPrintArgs, kind: 'mutation', permission: 'volunteers.view', title: '打印值班排班表' },
  'roster.settings': { args: emptyArgs, kind: 'query', permission: 'volunteers.view', title: '查看排班设置' },
  'roster.saveSettings': { args: rosterSettingsArgs, kind: 'mutation', permission: 'volunteers.edit', title: '修改排班设置' },
  'roster.export': { args: rosterExportArgs, kind: 'export', permission: 'volunteers.view', title: '导出值班排班表' }
} satisfies MethodTable<RosterApi>

export const rosterModule = defineModule<RosterApi>({
  name: 'roster',
  methods: rosterMethods,
  grants: {},
  pages: [
    { path: '/roster', name: 'roster', title: '排班', permission: 'volunteers.view', group: 'daily' },
    { path: '/roster/print', name: 'roster-print', title: '打印排班表', permission: 'volunteers.view', parent: '/roster' }
  ]
})
