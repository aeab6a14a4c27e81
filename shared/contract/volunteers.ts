import type { Politics, VolunteerInput, VolunteerKind, VolunteerStatus, VolunteerUpdate, VolunteersListArgs } from '../schemas/volunteers'
import {
  volunteerHoursArgs,
  volunteerIdArgs,
  volunteersCreateArgs,
  volunteersExportArgs,
  volunteersListArgs,
  volunteersUpdateArgs
} from '../schemas/volunteers'
import type { ExportedFile } from './audit'
import { defineModule, type MethodTable } from './types'

/** A volunteer as lists and forms show it: the phone is always masked. */
export interface VolunteerView {
  id: number
  residentId: number | null
  name: string
  phone: string
  sex: 'M' | 'F' | null
  kind: VolunteerKind
  politics: Politics
  skills: string[]
  building: string
  gridId: number | null
  gridName: string | null
  availability: string
  canLead: boolean
  status: VolunteerStatus
  startDate: string | null
  notes: string
  /** What a form sends back as expectedUpdatedAt (stale writes, issue 24). */
  updatedAt: string
}

/** Service hours of one person in a month (签到/签退 of shifts worked). */
export interface VolunteerHours {
  volunteerId: number
  name: string
  kind: VolunteerKind
  shifts: number
  absences: number
  minutes: number
}

export type VolunteersApi = {
  'volunteers.list': (args: VolunteersListArgs) => Promise<VolunteerView[]>
  'volunteers.get': (args: { id: number }) => Promise<VolunteerView>
  'volunteers.create': (args: VolunteerInput) => Promise<VolunteerView>
  'volunteers.update': (args: VolunteerUpdate) => Promise<VolunteerView>
  'volunteers.hours': (args: { month: string }) => Promise<VolunteerHours[]>
  'volunteers.export': (args: VolunteersListArgs) => Promise<ExportedFile>
}

export const volunteersMethods = {
  'volunteers.list': { args: volunteersListArgs, kind: 'query', permission: 'volunteers.view', title: '查看志愿者' },
  'volunteers.get': { args: volunteerIdArgs, kind: 'query', permission: 'volunteers.view', title: '查看志愿者' },
  'volunteers.create': { args: volunteersCreateArgs, kind: 'mutation', permission: 'volunteers.edit', title: '登记志愿者' },
  'volunteers.update': { args: volunteersUpdateArgs, kind: 'mutation', permission: 'volunteers.edit', title: '修改志愿者' },
  'volunteers.hours': { args: volunteerHoursArgs, kind: 'query', permission: 'volunteers.view', title: '查看服务时长' },
  'volunteers.export': { args: volunteersExportArgs, kind: 'export', permission: 'volunteers.view', title: '导出志愿者花名册' }
} satisfies MethodTable<VolunteersApi>

export const volunteersModule = defineModule<VolunteersApi>({
  name: 'volunteers',
  methods: volunteersMethods,
  grants: { 'volunteers.view': ['staff', 'readonly'], 'volunteers.edit': ['staff'] },
  pages: [{ path: '/volunteers', name: 'volunteers', title: '志愿者', permission: 'volunteers.view', group: 'daily' }]
})
