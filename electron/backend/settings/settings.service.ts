import { DEFAULT_MONITORING_SETTINGS, DEFAULT_SETTINGS, SETTINGS_LABELS } from '../../../shared/schemas/settings'
import type { Settings, SettingsUpdate } from '../../../shared/schemas/settings'
import type { Db } from '../kit/db'
import type { Tx } from '../store/store'
import { readSettingRows, upsertSetting } from './settings.repo'

// Optional settings (monitoring) are returned only once stored; their type comes from their default.
const KNOWN: Record<keyof Settings, unknown> = { ...DEFAULT_MONITORING_SETTINGS, ...DEFAULT_SETTINGS }

function isSettingKey(key: string): key is keyof Settings {
  return Object.hasOwn(SETTINGS_LABELS, key)
}

/** Reads through any Db, so a transaction or an export source can put 设置 into what it builds. */
export function loadSettings(store: Db): Settings {
  const settings: Settings = { ...DEFAULT_SETTINGS }
  for (const row of readSettingRows(store)) {
    // Keys from a later version are kept in the table but not shown here.
    if (!isSettingKey(row.key)) continue
    const value: unknown = JSON.parse(row.value)
    if (typeof value === typeof KNOWN[row.key]) Object.assign(settings, { [row.key]: value })
  }
  return settings
}

export function saveSettings(tx: Tx, update: SettingsUpdate, at: string, by: string): void {
  for (const [key, value] of Object.entries(update)) {
    if (value === undefined) continue
    upsertSetting(tx, key, JSON.stringify(value), at, by)
  }
}

export function describeUpdate(before: Settings, update: SettingsUpdate): string {
  const parts = Object.entries(update)
    .filter(([key, value]) => isSettingKey(key) && (before[key] ?? KNOWN[key]) !== value)
    .map(([key, value]) => {
      const k = key as keyof Settings
      return `${SETTINGS_LABELS[k]}：“${String(before[k] ?? KNOWN[k])}” → “${String(value)}”`
    })
  return parts.length > 0 ? `修改设置 ${parts.join('；')}` : '保存设置（无变化）'
}
