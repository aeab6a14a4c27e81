import { contextBridge, ipcRenderer } from 'electron'
import type { IpcRendererEvent } from 'electron'
import type { BackendEvent } from '../../shared/contract/types'
import type { Envelope } from '../../shared/errors'
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../main/security'

/**
 * The page's only door to the backend: call(method, args) and onEvent(fn). No ipcRenderer,
 * no channel names, nothing else is exposed.
 */
const bridge = {
  call: (method: string, args: unknown): Promise<Envelope<unknown>> => ipcRenderer.invoke(IPC_CALL_CHANNEL, method, args),
  onEvent: (listener: (event: BackendEvent) => void): (() => void) => {
    const relay = (_event: IpcRendererEvent, payload: BackendEvent) => listener(payload)
    ipcRenderer.on(IPC_EVENT_CHANNEL, relay)
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, relay)
    }
  }
}

export type ShouwangBridge = typeof bridge

contextBridge.exposeInMainWorld('shouwang', bridge)
