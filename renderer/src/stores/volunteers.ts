import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import type { VolunteerHours, VolunteerView } from '../../../shared/contract'
import type { VolunteerInput, VolunteerKind, VolunteerStatus, VolunteersListArgs } from '../../../shared/schemas/volunteers'
import { call } from '../api'
import { saveBytes } from '../utils/download'

export interface VolunteerFilter {
  q: string
  kind: VolunteerKind | ''
  skill: string
  gridId: number | null
  status: VolunteerStatus | ''
  available: number | null
}

export const useVolunteersStore = defineStore('volunteers', () => {
  const rows = ref<VolunteerView[]>([])
  const loading = ref(false)
  const grids = ref<{ id: number; name: string }[]>([])
  const filter = reactive<VolunteerFilter>({ q: '', kind: '', skill: '', gridId: null, status: '', available: null })

  async function loadGrids(): Promise<void> {
    grids.value = (await call('grids.list', {}).catch(() => [])).map((grid) => ({ id: grid.id, name: grid.name }))
  }

  /** The list's filters as the backend takes them (list and export alike). */
  function listArgs(): VolunteersListArgs {
    return {
      ...(filter.q ? { q: filter.q } : {}),
      ...(filter.kind ? { kind: filter.kind } : {}),
      ...(filter.skill ? { skill: filter.skill } : {}),
      ...(filter.gridId ? { gridId: filter.gridId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.available !== null ? { available: filter.available } : {})
    }
  }

  async function load(): Promise<void> {
    loading.value = true
    try {
      rows.value = await call('volunteers.list', listArgs())
    } finally {
      loading.value = false
    }
  }

  /** expectedUpdatedAt: the version the form opened, so a save over another device's change is refused. */
  async function save(id: number | null, input: VolunteerInput, expectedUpdatedAt?: string): Promise<VolunteerView> {
    const saved = id === null ? await call('volunteers.create', input) : await call('volunteers.update', { id, ...input, expectedUpdatedAt })
    await load()
    return saved
  }

  function hours(month: string): Promise<VolunteerHours[]> {
    return call('volunteers.hours', { month })
  }

  /** 志愿者花名册 as Excel, with the current filters; phones stay masked. */
  async function exportList(): Promise<void> {
    const file = await call('volunteers.export', listArgs())
    saveBytes(file.fileName, file.bytes)
  }

  return { rows, loading, grids, filter, loadGrids, load, save, hours, exportList }
})
