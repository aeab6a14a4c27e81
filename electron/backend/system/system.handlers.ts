import type { SystemApi } from '../../../shared/contract'
import type { Handlers } from '../context'
import { systemInfo } from './system.service'

export const systemHandlers = {
  'system.ping': (_args, ctx) => ({ pong: true as const, time: ctx.now().toISOString(), appVersion: ctx.appVersion }),
  'system.info': (_args, ctx) => systemInfo(ctx.store, ctx.appVersion)
} satisfies Handlers<SystemApi>
