import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import type { CarePlanRow, CareWorkers, CareWorklist } from '../../../shared/contract'
import type { CareBulk, CareContactInput, CareCreate, CareList, CareUpdate } from '../../../shared/schemas/care'
import type { KeyGroup } from '../../../shared/domain/register'
import { call } from '../api'

/** The worker filter as one select value: 'a:3' a grid worker's account, 'v:7' a volunteer. */
export type WorkerKey = `a:${number}` | `v:${number}` | ''

export interface CareFilter {
  worker: WorkerKey
  gridId: number | null
  keyGroup: KeyGroup | ''
}

export function workerArgs(key: WorkerKey): { accountId?: number; volunteerId?: number } {
  if (key.startsWith('a:')) return { accountId: Number(key.slice(2)) }
  if (key.startsWith('v:')) return { volunteerId: Number(key.slice(2)) }
  return {}
}

export function workerKeyOf(p: { accountId: number | null; volunteerId: number | null }): WorkerKey {
  return p.accountId !== null ? `a:${p.accountId}` : p.volunteerId !== null ? `v:${p.volunteerId}` : ''
}

export const useCareStore = defineStore('care', () => {
  const workers = ref<CareWorkers>({ accounts: [], volunteers: [] })
  const grids = ref<{ id: number; name: string }[]>([])
  const filter = reactive<CareFilter>({ worker: '', gridId: null, keyGroup: '' })
  const day = ref('')
  const list = ref<CareList>('due')
  const page = ref(1)
  const pageSize = 20
  const worklist = ref<CareWorklist | null>(null)
  const loading = ref(false)

  async function loadChoices(): Promise<void> {
    workers.value = await call('care.workers', {})
    grids.value = (await call('grids.list', {}).catch(() => [])).map((g) => ({ id: g.id, name: g.name }))
  }

  function filterArgs() {
    return {
      ...workerArgs(filter.worker),
      ...(filter.gridId ? { gridId: filter.gridId } : {}),
      ...(filter.keyGroup ? { keyGroup: filter.keyGroup } : {})
    }
  }

  async function loadWorklist(): Promise<void> {
    loading.value = true
    try {
      worklist.value = await call('care.worklist', { ...filterArgs(), ...(day.value ? { day: day.value } : {}), list: list.value, page: page.value, pageSize })
      day.value = worklist.value.day
    } finally {
      loading.value = false
    }
  }

  const contact = (args: CareContactInput) => call('care.contact', args)
  const create = (args: CareCreate): Promise<CarePlanRow> => call('care.create', args)
  const update = (args: CareUpdate): Promise<CarePlanRow> => call('care.update', args)
  const bulk = (args: CareBulk) => call('care.bulkCreate', args)
  const plans = (args: { page: number; activeOnly?: boolean }) => call('care.plans', { ...filterArgs(), ...args, pageSize })

  return { workers, grids, filter, day, list, page, pageSize, worklist, loading, loadChoices, filterArgs, loadWorklist, contact, create, update, bulk, plans }
})
