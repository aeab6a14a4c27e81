import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AccountView } from '../../../shared/contract'
import type { AccountCreate, AccountUpdate } from '../../../shared/schemas/accounts'
import { call } from '../api'

export interface GridOption {
  id: number
  name: string
}

export const useAccountsStore = defineStore('accounts', () => {
  const accounts = ref<AccountView[]>([])
  const grids = ref<GridOption[]>([])
  const loading = ref(false)

  async function load(): Promise<void> {
    loading.value = true
    try {
      accounts.value = await call('accounts.list', {})
    } finally {
      loading.value = false
    }
  }

  async function loadGrids(): Promise<void> {
    grids.value = (await call('grids.list', {})).map((grid) => ({ id: grid.id, name: grid.name }))
  }

  async function create(args: AccountCreate): Promise<void> {
    await call('accounts.create', args)
    await load()
  }

  async function update(args: AccountUpdate): Promise<void> {
    await call('accounts.update', args)
    await load()
  }

  async function setActive(id: number, active: boolean): Promise<void> {
    await call('accounts.setActive', { id, active })
    await load()
  }

  async function resetPassword(id: number, newPassword: string): Promise<void> {
    await call('accounts.resetPassword', { id, newPassword })
    await load()
  }

  return { accounts, grids, loading, load, loadGrids, create, update, setActive, resetPassword }
})
