import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import type { AddressOptions, HouseholdDetail, HouseholdRow, MethodArgs } from '../../../shared/contract'
import type { Page } from '../../../shared/schemas/common'
import { call } from '../api'

export interface HouseholdQuery {
  q: string
  gridId: number | null
  compound: string
  building: string
  page: number
  pageSize: number
}

export function householdArgs(query: HouseholdQuery): MethodArgs<'households.list'> {
  const args: MethodArgs<'households.list'> = { page: query.page, pageSize: query.pageSize }
  if (query.q.trim()) args.q = query.q.trim()
  if (query.gridId !== null) args.gridId = query.gridId
  if (query.compound) args.compound = query.compound
  if (query.building) args.building = query.building
  return args
}

export const useHouseholdsStore = defineStore('households', () => {
  const query = reactive<HouseholdQuery>({ q: '', gridId: null, compound: '', building: '', page: 1, pageSize: 20 })
  const result = ref<Page<HouseholdRow>>({ rows: [], total: 0, page: 1, pageSize: 20 })
  const options = ref<AddressOptions>({ compounds: [] })
  const loading = ref(false)
  let latest = 0

  async function load(): Promise<void> {
    const mine = ++latest
    loading.value = true
    try {
      const page = await call('households.list', householdArgs(query))
      if (mine === latest) result.value = page
    } finally {
      if (mine === latest) loading.value = false
    }
  }

  /** The 小区 / 楼栋 pick lists, which grow as addresses are typed. */
  async function loadOptions(): Promise<void> {
    options.value = await call('households.addressOptions', {})
  }

  function buildingsOf(compound: string): string[] {
    return options.value.compounds.find((c) => c.name === compound)?.buildings.map((b) => b.name) ?? []
  }

  /** For pickers: households matching what was typed (address or a member). */
  async function search(q: string): Promise<HouseholdRow[]> {
    return (await call('households.list', { q, pageSize: 20 })).rows
  }

  const fetchPage = (args: MethodArgs<'households.list'>): Promise<Page<HouseholdRow>> => call('households.list', args)
  const get = (id: number): Promise<HouseholdDetail> => call('households.get', { id })
  const create = (args: MethodArgs<'households.create'>) => call('households.create', args)
  const update = (args: MethodArgs<'households.update'>) => call('households.update', args)
  const merge = (sourceId: number, targetId: number) => call('households.merge', { sourceId, targetId })
  const remove = (id: number, reason: string) => call('households.delete', { id, reason })

  return { query, result, options, loading, load, loadOptions, buildingsOf, search, fetchPage, get, create, update, merge, remove }
})
