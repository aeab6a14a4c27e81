import type { SettingsApi } from '../../../shared/contract'
import { officeClock } from '../../../shared/domain/clock'
import type { Handlers } from '../context'
import { describeUpdate, loadSettings, saveSettings } from './settings.service'

export const settingsHandlers = {
  'settings.get': (_args, ctx) => loadSettings(ctx.store),
  'settings.update': (args, ctx) => {
    const before = loadSettings(ctx.store)
    ctx.write({ summary: describeUpdate(before, args), detail: { before, update: args } }, (tx) =>
      saveSettings(tx, args, ctx.now().toISOString(), ctx.session.actor)
    )
    return loadSettings(ctx.store)
  },
  'settings.clock': (_args, ctx) => officeClock(ctx.now())
} satisfies Handlers<SettingsApi>
