import type { SettingsApi } from './settings'
import { settingsMethods } from './settings'
import type { SystemApi } from './system'
import { systemMethods } from './system'
import type { ArgsOf, MethodTable, ResultOf } from './types'

export type * from './types'
export type * from './system'
export type * from './settings'

/** The whole backend API: one entry a method, 'domain.verb' -> (args) => Promise<result>. */
export type Api = SystemApi & SettingsApi

export type Method = keyof Api
export type MethodArgs<M extends Method> = ArgsOf<Api[M]>
export type MethodResult<M extends Method> = ResultOf<Api[M]>

export const methods: MethodTable<Api> = {
  ...systemMethods,
  ...settingsMethods
}

export function isMethod(name: string): name is Method {
  return Object.hasOwn(methods, name)
}
