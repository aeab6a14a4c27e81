import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { DevicesList, LanStatus } from '../../../shared/contract'
import type { LanEnableArgs } from '../../../shared/schemas/devices'
import { call, onBackendEvent } from '../api'

/** 设置 → 局域网访问: the listener's state and the devices, refreshed whenever a device asks or is answered. */
export const useDevicesStore = defineStore('devices', () => {
  const lan = ref<LanStatus | null>(null)
  const list = ref<DevicesList>({ devices: [], pending: [] })
  let stop: (() => void) | null = null

  async function load(): Promise<void> {
    const [status, devices] = await Promise.all([call('lan.status', {}), call('devices.list', {})])
    lan.value = status
    list.value = devices
  }

  /** While the page is open: a tablet's new code appears without the clerk reloading. */
  function watchChanges(onError: (error: unknown) => void): () => void {
    stop?.()
    stop = onBackendEvent((event) => {
      if (event.type === 'changed' && event.domains.includes('devices')) void load().catch(onError)
    })
    return () => {
      stop?.()
      stop = null
    }
  }

  async function enable(args: LanEnableArgs): Promise<void> {
    lan.value = await call('lan.enable', args)
  }
  async function disable(): Promise<void> {
    lan.value = await call('lan.disable', {})
  }
  async function approve(code: string, name: string): Promise<void> {
    await call('devices.approve', { code, name })
    await load()
  }
  async function refuse(code: string): Promise<void> {
    await call('devices.refuse', { code })
    await load()
  }
  async function rename(id: number, name: string): Promise<void> {
    await call('devices.rename', { id, name })
    await load()
  }
  async function revoke(id: number): Promise<void> {
    await call('devices.revoke', { id })
    await load()
  }

  return { lan, list, load, watchChanges, enable, disable, approve, refuse, rename, revoke }
})
