import type { AllHandlers } from './context'
import { settingsHandlers } from './settings/settings.handlers'
import { systemHandlers } from './system/system.handlers'

/** Every method of the contract has exactly one handler here, or this does not build. */
export const handlers = {
  ...systemHandlers,
  ...settingsHandlers
} satisfies AllHandlers
