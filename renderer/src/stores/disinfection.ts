import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import type { DaySheet, DisinfectionLogView, PlaceView } from '../../../shared/contract'
import type { LogArgs, PlaceSave } from '../../../shared/schemas/disinfection'
import { call } from '../api'
import { saveBytes } from '../utils/download'

export const useDisinfectionStore = defineStore('disinfection', () => {
  const places = ref<PlaceView[]>([])
  const logs = ref<DisinfectionLogView[]>([])
  const total = ref(0)
  const page = ref(1)
  const pageSize = ref(50)
  const filter = reactive<{ placeId: number | null; range: [string, string] | null }>({ placeId: null, range: null })
  const loading = ref(false)
  const grids = ref<{ id: number; name: string }[]>([])

  /** Grids for the place form; roles without the register simply get no choice. */
  async function loadGrids(): Promise<void> {
    grids.value = (await call('grids.list', {}).catch(() => [])).map((grid) => ({ id: grid.id, name: grid.name }))
  }

  async function loadPlaces(): Promise<void> {
    places.value = await call('disinfection.places', {})
  }

  async function loadLogs(): Promise<void> {
    loading.value = true
    try {
      const result = await call('disinfection.logs', {
        placeId: filter.placeId ?? undefined,
        from: filter.range?.[0],
        to: filter.range?.[1],
        page: page.value,
        pageSize: pageSize.value
      })
      logs.value = result.rows
      total.value = result.total
    } finally {
      loading.value = false
    }
  }

  async function savePlace(args: PlaceSave): Promise<void> {
    await call('disinfection.savePlace', args)
    await loadPlaces()
  }

  async function log(args: LogArgs): Promise<DisinfectionLogView> {
    const saved = await call('disinfection.log', args)
    await Promise.all([loadPlaces(), loadLogs()])
    return saved
  }

  function daySheet(date: string): Promise<DaySheet> {
    return call('disinfection.daySheet', { date })
  }

  async function exportLogs(from: string, to: string): Promise<void> {
    const file = await call('disinfection.export', { placeId: filter.placeId ?? undefined, from, to })
    saveBytes(file.fileName, file.bytes)
  }

  return { grids, loadGrids, places, logs, total, page, pageSize, filter, loading, loadPlaces, loadLogs, savePlace, log, daySheet, exportLogs }
})
