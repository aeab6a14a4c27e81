import type { AccountsApi } from './accounts'
import { accountsMethods } from './accounts'
import type { AuditApi } from './audit'
import { auditMethods } from './audit'
import type { AuthApi } from './auth'
import { authMethods } from './auth'
import type { GridsApi } from './grids'
import { gridsMethods } from './grids'
import type { HouseholdsApi } from './households'
import { householdsMethods } from './households'
import type { RecycleApi } from './recycle'
import { recycleMethods } from './recycle'
import type { ResidentsApi } from './residents'
import { residentsMethods } from './residents'
import type { CheckpointsApi } from './checkpoints'
import { checkpointsMethods } from './checkpoints'
import type { GateApi } from './gate'
import { gateMethods } from './gate'
import type { SettingsApi } from './settings'
import { settingsMethods } from './settings'
import type { SuppliesApi } from './supplies'
import { suppliesMethods } from './supplies'
import type { DisinfectionApi } from './disinfection'
import { disinfectionMethods } from './disinfection'
import type { ReturneesApi } from './returnees'
import { returneesMethods } from './returnees'
import type { MonitoringApi } from './monitoring'
import { monitoringMethods } from './monitoring'
import type { ExcelApi } from './excel'
import { excelMethods } from './excel'
import type { VolunteersApi } from './volunteers'
import { volunteersMethods } from './volunteers'
import type { RosterApi } from './roster'
import { rosterMethods } from './roster'
import type { SystemApi } from './system'
import { systemMethods } from './system'
import type { ArgsOf, MethodTable, ResultOf } from './types'

export type * from './types'
export type * from './system'
export type * from './settings'
export type * from './grids'
export type * from './households'
export type * from './residents'
export type * from './recycle'
export type * from './auth'
export type * from './accounts'
export type * from './audit'
export type * from './checkpoints'
export type * from './gate'
export type * from './supplies'
export type * from './disinfection'
export type * from './excel'
export type * from './returnees'
export type * from './monitoring'
export type * from './volunteers'
export type * from './roster'

/** The whole backend API: one entry a method, 'domain.verb' -> (args) => Promise<result>. */
export type Api = SystemApi & SettingsApi & AuthApi & AccountsApi & AuditApi & GridsApi & HouseholdsApi & ResidentsApi & RecycleApi & SuppliesApi & DisinfectionApi & CheckpointsApi & GateApi & ReturneesApi & MonitoringApi & ExcelApi & VolunteersApi & RosterApi

export type Method = keyof Api
export type MethodArgs<M extends Method> = ArgsOf<Api[M]>
export type MethodResult<M extends Method> = ResultOf<Api[M]>

export const methods: MethodTable<Api> = {
  ...systemMethods,
  ...settingsMethods,
  ...gridsMethods,
  ...householdsMethods,
  ...residentsMethods,
  ...recycleMethods,
  ...authMethods,
  ...accountsMethods,
  ...auditMethods,
  ...checkpointsMethods,
  ...gateMethods,
  ...suppliesMethods,
  ...disinfectionMethods,
  ...returneesMethods,
  ...monitoringMethods,
  ...excelMethods,
  ...volunteersMethods,
  ...rosterMethods
}

export function isMethod(name: string): name is Method {
  return Object.hasOwn(methods, name)
}
