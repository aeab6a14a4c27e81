import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import type { MethodArgs, MoveHandover, ResidentDetail, ResidentRow, RevealedResident } from '../../../shared/contract'
import type { KeyGroup, PersonType } from '../../../shared/schemas/register'
import type { Page } from '../../../shared/schemas/common'
import { call } from '../api'

export interface ResidentQuery {
  q: string
  gridId: number | null
  compound: string
  building: string
  personType: PersonType | ''
  keyGroup: KeyGroup | 'any' | ''
  ageMin: number | null
  ageMax: number | null
  page: number
  pageSize: number
}

const EMPTY_QUERY: ResidentQuery = {
  q: '',
  gridId: null,
  compound: '',
  building: '',
  personType: '',
  keyGroup: '',
  ageMin: null,
  ageMax: null,
  page: 1,
  pageSize: 20
}

/** Only the filters the clerk set travel to the backend. */
export function listArgs(query: ResidentQuery): MethodArgs<'residents.list'> {
  const args: MethodArgs<'residents.list'> = { page: query.page, pageSize: query.pageSize }
  if (query.q.trim()) args.q = query.q.trim()
  if (query.gridId !== null) args.gridId = query.gridId
  if (query.compound) args.compound = query.compound
  if (query.building) args.building = query.building
  if (query.personType) args.personType = query.personType
  if (query.keyGroup) args.keyGroup = query.keyGroup
  if (query.ageMin !== null) args.ageMin = query.ageMin
  if (query.ageMax !== null) args.ageMax = query.ageMax
  return args
}

export const useResidentsStore = defineStore('residents', () => {
  const query = reactive<ResidentQuery>({ ...EMPTY_QUERY })
  const result = ref<Page<ResidentRow>>({ rows: [], total: 0, page: 1, pageSize: 20 })
  const loading = ref(false)
  let latest = 0

  /** Answers can arrive out of order while typing: only the newest one is shown. */
  async function load(): Promise<void> {
    const mine = ++latest
    loading.value = true
    try {
      const page = await call('residents.list', listArgs(query))
      if (mine === latest) result.value = page
    } catch (error) {
      // A refused search (a number shape the account may not use, or too many) shows its message, not the last answer's rows.
      if (mine === latest) result.value = { rows: [], total: 0, page: 1, pageSize: query.pageSize }
      throw error
    } finally {
      if (mine === latest) loading.value = false
    }
  }

  function resetFilters(): void {
    Object.assign(query, { ...EMPTY_QUERY, pageSize: query.pageSize })
  }

  /** A page for a view with its own filters (a grid's people), leaving the 居民 list as it is. */
  const fetchPage = (args: MethodArgs<'residents.list'>): Promise<Page<ResidentRow>> => call('residents.list', args)
  const get = (id: number): Promise<ResidentDetail> => call('residents.get', { id })
  const create = (args: MethodArgs<'residents.create'>): Promise<ResidentDetail> => call('residents.create', args)
  const update = (args: MethodArgs<'residents.update'>): Promise<ResidentDetail> => call('residents.update', args)
  const move = (args: MethodArgs<'residents.move'>): Promise<ResidentDetail> => call('residents.move', args)
  const moveHandover = (args: MethodArgs<'residents.moveHandover'>): Promise<MoveHandover> => call('residents.moveHandover', args)
  const reveal = (id: number): Promise<RevealedResident> => call('residents.reveal', { id })
  const remove = (id: number, reason: string) => call('residents.delete', { id, reason })

  return { query, result, loading, load, resetFilters, fetchPage, get, create, update, move, moveHandover, reveal, remove }
})
