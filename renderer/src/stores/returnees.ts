import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import type { MethodArgs, ReturneeFile, TripView } from '../../../shared/contract'
import type { Page } from '../../../shared/schemas/common'
import { call } from '../api'

export interface ReturneeQuery {
  q: string
  /** [from, to] return dates, or null for all. */
  range: [string, string] | null
  page: number
  pageSize: number
}

export const useReturneesStore = defineStore('returnees', () => {
  const query = reactive<ReturneeQuery>({ q: '', range: null, page: 1, pageSize: 20 })
  const result = ref<Page<TripView>>({ rows: [], total: 0, page: 1, pageSize: 20 })
  const loading = ref(false)
  let latest = 0

  function listArgs(): MethodArgs<'returnees.list'> {
    const args: MethodArgs<'returnees.list'> = { page: query.page, pageSize: query.pageSize }
    if (query.q.trim()) args.q = query.q.trim()
    if (query.range) [args.from, args.to] = query.range
    return args
  }

  /** Answers can arrive out of order while typing: only the newest one is shown. */
  async function load(): Promise<void> {
    const mine = ++latest
    loading.value = true
    try {
      const page = await call('returnees.list', listArgs())
      if (mine === latest) result.value = page
    } finally {
      if (mine === latest) loading.value = false
    }
  }

  const register = (args: MethodArgs<'returnees.register'>): Promise<TripView> => call('returnees.register', args)
  const updateTrip = (args: MethodArgs<'returnees.updateTrip'>): Promise<TripView> => call('returnees.updateTrip', args)
  const voidTrip = (args: MethodArgs<'returnees.voidTrip'>): Promise<TripView> => call('returnees.voidTrip', args)
  const startObservation = (args: MethodArgs<'returnees.startObservation'>): Promise<{ started: number }> => call('returnees.startObservation', args)
  const file = (residentId: number): Promise<ReturneeFile> => call('returnees.get', { residentId })

  return { query, result, loading, load, register, updateTrip, voidTrip, startObservation, file }
})
