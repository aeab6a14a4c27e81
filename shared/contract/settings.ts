import type { OfficeClock } from '../domain/clock'
import type { EmptyArgs } from '../schemas/system'
import { emptyArgs } from '../schemas/system'
import type { Settings, SettingsUpdate } from '../schemas/settings'
import { settingsGetArgs, settingsUpdateArgs } from '../schemas/settings'
import { defineModule, type MethodTable } from './types'

export type SettingsApi = {
  'settings.get': (args: EmptyArgs) => Promise<Settings>
  'settings.update': (args: SettingsUpdate) => Promise<Settings>
  /** The time zone every date and time is in (the office PC's), shown on 设置. */
  'settings.clock': (args: EmptyArgs) => Promise<OfficeClock>
}

export const settingsMethods = {
  'settings.get': { args: settingsGetArgs, kind: 'query', permission: 'public', title: '读取设置' },
  'settings.update': { args: settingsUpdateArgs, kind: 'mutation', permission: 'settings.manage', title: '修改设置' },
  'settings.clock': { args: emptyArgs, kind: 'query', permission: 'settings.manage', title: '查看本机时区' }
} satisfies MethodTable<SettingsApi>

export const settingsModule = defineModule<SettingsApi>({
  name: 'settings',
  methods: settingsMethods,
  grants: { 'settings.manage': [] },
  pages: [{ path: '/settings', name: 'settings', title: '设置', permission: 'settings.manage', group: 'system' }]
})
