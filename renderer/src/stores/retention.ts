import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { PurgeRecord, RetentionPreview, RetentionState } from '../../../shared/contract/retention'
import type { RetentionPeriods } from '../../../shared/domain/retention'
import { call } from '../api'

/** 设置 → 数据保留: the periods, what would go today, and the 清理记录. */
export const useRetentionStore = defineStore('retention', () => {
  const state = ref<RetentionState | null>(null)
  const preview = ref<RetentionPreview | null>(null)

  async function load(): Promise<void> {
    const [s, p] = await Promise.all([call('retention.get', {}), call('retention.preview', {})])
    state.value = s
    preview.value = p
  }

  async function configure(periods: RetentionPeriods): Promise<void> {
    state.value = await call('retention.configure', { periods })
    preview.value = await call('retention.preview', {})
  }

  async function purge(adminPassword: string, reason: string): Promise<PurgeRecord> {
    const record = await call('retention.purge', { adminPassword, reason })
    await load()
    return record
  }

  async function end(adminPassword: string, reason: string): Promise<PurgeRecord> {
    const record = await call('retention.end', { adminPassword, reason })
    await load()
    return record
  }

  return { state, preview, load, configure, purge, end }
})
