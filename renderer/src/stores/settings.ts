import { defineStore } from 'pinia'
import { ref } from 'vue'
import { DEFAULT_SETTINGS } from '../../../shared/schemas/settings'
import type { Settings, SettingsUpdate } from '../../../shared/schemas/settings'
import { call } from '../api'

export const useSettingsStore = defineStore('settings', () => {
  const current = ref<Settings>({ ...DEFAULT_SETTINGS })
  const loaded = ref(false)

  async function load(): Promise<void> {
    current.value = await call('settings.get', {})
    loaded.value = true
  }

  /** Throws ApiError with the backend's Chinese message when the save is refused. */
  async function save(update: SettingsUpdate): Promise<void> {
    current.value = await call('settings.update', update)
  }

  /** The office PC's time zone and wall clock, as the backend dates every record. */
  const clock = () => call('settings.clock', {})

  return { current, loaded, load, save, clock }
})
