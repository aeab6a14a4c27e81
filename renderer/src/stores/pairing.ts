import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { PairStatus } from '../../../shared/contract'
import { call } from '../api'
import { httpCall } from '../api/http-transport'

/**
 * A tablet or second PC on the office LAN (issue 24) opens the app over https with no launch
 * token: its cookie is the device token, and until the administrator approves its pairing code
 * the only page is 设备配对. The office PC's own window (IPC or 127.0.0.1) is 'local' and never asks.
 */
export const onLan = typeof window !== 'undefined' && !window.shouwang && window.location.protocol === 'https:'

/** What the browser says it is, short: shown beside the code so the administrator knows which device asks. */
function deviceLabel(): string {
  const agent = navigator.userAgent
  const kind = /iPad|Tablet|Android(?!.*Mobile)/i.test(agent) ? '平板' : /Mobile|iPhone/i.test(agent) ? '手机' : '电脑'
  const system = /Android/i.test(agent)
    ? 'Android'
    : /iPad|iPhone|Mac OS/i.test(agent)
      ? 'Apple'
      : /Windows/i.test(agent)
        ? 'Windows'
        : /Linux/i.test(agent)
          ? 'Linux'
          : ''
  return `${system}${system ? ' ' : ''}${kind}（${window.screen.width}×${window.screen.height}）`
}

export const usePairingStore = defineStore('pairing', () => {
  const status = ref<PairStatus | null>(onLan ? null : { status: 'local', code: null, name: null, fingerprint: null })
  const approved = computed(() => status.value?.status === 'local' || status.value?.status === 'approved')

  async function check(): Promise<PairStatus> {
    status.value = await call('devices.pairStatus', {})
    return status.value
  }

  /** Asks to be paired (the same code until answered); renew gets a new device token after a refusal or revocation. */
  async function request(renew = false): Promise<PairStatus> {
    if (!renew) {
      status.value = await call('devices.pairStart', { label: deviceLabel() })
      return status.value
    }
    const envelope = await httpCall(null, null, 'devices.pairStart', { label: deviceLabel() }, { 'x-shouwang-new-device': '1' })
    if (!envelope.ok) throw new Error(envelope.error.message)
    status.value = envelope.data
    return envelope.data
  }

  return { status, approved, check, request }
})
