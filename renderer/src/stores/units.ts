import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import type { UnitRow } from '../../../shared/contract'
import type { UnitKind, UnitStatus, UnitsListArgs } from '../../../shared/schemas/units'
import { call } from '../api'

export interface UnitsFilter {
  kind: UnitKind | ''
  status: UnitStatus | ''
  gridId: number | null
  q: string
}

/** The 单位台账: its filters survive a visit to a unit's page and back. */
export const useUnitsStore = defineStore('units', () => {
  const rows = ref<UnitRow[]>([])
  const total = ref(0)
  const page = ref(1)
  const pageSize = ref(20)
  const loading = ref(false)
  const grids = ref<{ id: number; name: string }[]>([])
  const filter = reactive<UnitsFilter>({ kind: '', status: '', gridId: null, q: '' })

  async function loadGrids(): Promise<void> {
    grids.value = (await call('grids.list', {}).catch(() => [])).map((g) => ({ id: g.id, name: g.name }))
  }

  function listArgs(): UnitsListArgs {
    return {
      ...(filter.kind ? { kind: filter.kind } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.gridId ? { gridId: filter.gridId } : {}),
      ...(filter.q.trim() ? { q: filter.q.trim() } : {}),
      page: page.value,
      pageSize: pageSize.value
    }
  }

  async function load(): Promise<void> {
    loading.value = true
    try {
      const found = await call('units.list', listArgs())
      rows.value = found.rows
      total.value = found.total
    } finally {
      loading.value = false
    }
  }

  return { rows, total, page, pageSize, loading, grids, filter, loadGrids, load, listArgs }
})
