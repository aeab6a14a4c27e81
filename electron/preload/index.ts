import { contextBridge, ipcRenderer } from 'electron'
import type { IpcRendererEvent } from 'electron'
import type { BackendEvent } from '../../shared/contract/types'
import type { Envelope } from '../../shared/errors'
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../main/security'

/**
 * The page's only door to the backend: call(method, args, session) and onEvent(fn). No
 * ipcRenderer, no channel names, nothing else is exposed. session is the login token the
 * page got from auth.login; the backend checks it on every call.
 */
const bridge = {
  call: (method: string, args: unknown, session: string | null): Promise<Envelope<unknown>> =>
    ipcRenderer.invoke(IPC_CALL_CHANNEL, method, args, session),
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
