import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { GridDetail, GridSummary, MethodArgs } from '../../../shared/contract'
import { call } from '../api'

export const useGridsStore = defineStore('grids', () => {
  const grids = ref<GridSummary[]>([])
  const loading = ref(false)
  const includeRetired = ref(false)

  async function load(): Promise<void> {
    loading.value = true
    try {
      grids.value = await call('grids.list', { includeRetired: includeRetired.value })
    } finally {
      loading.value = false
    }
  }

  /** Working grids for filters and pickers (loaded once a page needs them). */
  async function ensureLoaded(): Promise<void> {
    if (grids.value.length === 0) await load()
  }

  const get = (id: number): Promise<GridDetail> => call('grids.get', { id })
  const create = (args: MethodArgs<'grids.create'>) => call('grids.create', args)
  const update = (args: MethodArgs<'grids.update'>) => call('grids.update', args)
  const retire = (id: number) => call('grids.retire', { id })
  const assign = (args: MethodArgs<'grids.assignBuildings'>) => call('grids.assignBuildings', args)
  const buildings = () => call('grids.buildings', {})
  const mergePreview = (args: MethodArgs<'grids.mergeBuildings'>) => call('grids.mergePreview', args)
  const mergeBuildings = (args: MethodArgs<'grids.mergeBuildings'>) => call('grids.mergeBuildings', args)
  const unassigned = () => call('grids.unassigned', {})

  return { grids, loading, includeRetired, load, ensureLoaded, get, create, update, retire, assign, buildings, mergePreview, mergeBuildings, unassigned }
})
