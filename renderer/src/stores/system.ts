import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { SystemInfo } from '../../../shared/contract'
import { call, messageOf } from '../api'

export const useSystemStore = defineStore('system', () => {
  const info = ref<SystemInfo | null>(null)
  const loading = ref(false)
  const error = ref('')
  const stale = ref(false)

  async function load(): Promise<void> {
    loading.value = true
    error.value = ''
    try {
      info.value = await call('system.info', {})
      stale.value = false
    } catch (failure) {
      error.value = messageOf(failure)
    } finally {
      loading.value = false
    }
  }

  /** Data changed somewhere: the home page reloads its numbers when it is next shown or now. */
  function markStale(): void {
    stale.value = true
  }

  return { info, loading, error, stale, load, markStale }
})
