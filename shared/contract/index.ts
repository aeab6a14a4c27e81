import { DOMAIN_MODULES } from '../modules'
import type { ArgsOf, DomainModule, MethodTable, ResultOf } from './types'

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
export type * from './home'
export type * from './report'
export type * from './backup'
export type * from './help'
export type * from './care'
export type * from './devices'
export type * from './units'
export type * from './notices'

type ApiOfModule<M> = M extends DomainModule<infer A> ? A : never
type Intersection<U> = (U extends unknown ? (part: U) => void : never) extends (whole: infer I) => void ? I : never

/** The whole backend API, from every domain's slice: 'domain.verb' -> (args) => Promise<result>. */
export type Api = Intersection<ApiOfModule<(typeof DOMAIN_MODULES)[number]>>

export type Method = keyof Api
export type MethodArgs<M extends Method> = ArgsOf<Api[M]>
export type MethodResult<M extends Method> = ResultOf<Api[M]>

/**
 * Every method's spec, from the domains' slices. The union of the slices is the table of Api
 * by construction (Api is their intersection); a test checks no two domains declare one name.
 */
export const methods = Object.assign({}, ...DOMAIN_MODULES.map((module) => module.methods)) as MethodTable<Api>

/** The domain a method belongs to: what its change events name. */
export const domainOfMethod: ReadonlyMap<string, string> = new Map(
  DOMAIN_MODULES.flatMap((module) => Object.keys(module.methods).map((method) => [method, module.name] as const))
)

export function isMethod(name: string): name is Method {
  return Object.hasOwn(methods, name)
}
