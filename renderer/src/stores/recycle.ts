import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { RecycleRow } from '../../../shared/contract'
import type { RecycleKind } from '../../../shared/schemas/recycle'
import type { Page } from '../../../shared/schemas/common'
import { call } from '../api'

export const useRecycleStore = defineStore('recycle', () => {
  const kind = ref<RecycleKind | ''>('')
  const page = ref(1)
  const result = ref<Page<RecycleRow>>({ rows: [], total: 0, page: 1, pageSize: 20 })
  const loading = ref(false)

  async function load(): Promise<void> {
    loading.value = true
    try {
      result.value = await call('recycle.list', { page: page.value, pageSize: 20, ...(kind.value ? { kind: kind.value } : {}) })
    } finally {
      loading.value = false
    }
  }

  async function restore(row: RecycleRow): Promise<number> {
    const done = await call('recycle.restore', { kind: row.kind, id: row.id })
    await load()
    return done.restored
  }

  async function purge(row: RecycleRow): Promise<number> {
    const done = await call('recycle.purge', { kind: row.kind, id: row.id })
    await load()
    return done.purged
  }

  return { kind, page, result, loading, load, restore, purge }
})
