import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import type { HelpDetail, HelpRow, HelpSuggestion } from '../../../shared/contract'
import type { HelpAct, HelpInput, HelpListArgs, HelpStatus, HelpType, HelpUrgency } from '../../../shared/schemas/help'
import { call } from '../api'
import { saveBytes } from '../utils/download'

export interface HelpFilter {
  /** 'open' is 未办结 (待分配, 已分配, 处理中 together): the desk's default. */
  status: HelpStatus | 'unfinished' | ''
  type: HelpType | ''
  urgency: HelpUrgency | ''
  gridId: number | null
  volunteerId: number | null
  /** Registered between these local days (both or neither). */
  days: [string, string] | null
  q: string
}

export const useHelpStore = defineStore('help', () => {
  const rows = ref<HelpRow[]>([])
  const total = ref(0)
  const page = ref(1)
  const pageSize = ref(20)
  const loading = ref(false)
  const grids = ref<{ id: number; name: string }[]>([])
  const volunteers = ref<{ id: number; name: string }[]>([])
  const filter = reactive<HelpFilter>({ status: 'unfinished', type: '', urgency: '', gridId: null, volunteerId: null, days: null, q: '' })

  async function loadChoices(canSeeVolunteers: boolean): Promise<void> {
    grids.value = (await call('grids.list', {}).catch(() => [])).map((g) => ({ id: g.id, name: g.name }))
    volunteers.value = canSeeVolunteers ? (await call('volunteers.list', {}).catch(() => [])).map((v) => ({ id: v.id, name: v.name })) : []
  }

  function listArgs(): HelpListArgs {
    return {
      ...(filter.status === 'unfinished' ? { openOnly: true } : filter.status ? { status: filter.status } : {}),
      ...(filter.type ? { type: filter.type } : {}),
      ...(filter.urgency ? { urgency: filter.urgency } : {}),
      ...(filter.gridId ? { gridId: filter.gridId } : {}),
      ...(filter.volunteerId ? { volunteerId: filter.volunteerId } : {}),
      ...(filter.days ? { from: filter.days[0], to: filter.days[1] } : {}),
      ...(filter.q.trim() ? { q: filter.q.trim() } : {}),
      page: page.value,
      pageSize: pageSize.value
    }
  }

  async function load(): Promise<void> {
    loading.value = true
    try {
      const found = await call('help.list', listArgs())
      rows.value = found.rows
      total.value = found.total
    } finally {
      loading.value = false
    }
  }

  async function create(input: HelpInput): Promise<HelpDetail> {
    const saved = await call('help.create', input)
    await load()
    return saved
  }

  async function act(args: HelpAct): Promise<HelpDetail> {
    const done = await call('help.act', args)
    await load()
    return done
  }

  /** 居民求助登记表 as Excel, with the desk's filters (every page); phones stay masked. */
  async function exportList(): Promise<void> {
    const { page: _page, pageSize: _size, ...filters } = listArgs()
    const file = await call('help.export', filters)
    saveBytes(file.fileName, file.bytes)
  }

  const get = (id: number): Promise<HelpDetail> => call('help.get', { id })
  const suggest = (id: number): Promise<HelpSuggestion[]> => call('help.suggest', { id })
  const reveal = (id: number): Promise<{ id: number; phone: string }> => call('help.reveal', { id })

  return { rows, total, page, pageSize, loading, grids, volunteers, filter, loadChoices, load, create, act, exportList, get, suggest, reveal }
})
