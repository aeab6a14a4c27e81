import { contextBridge, ipcRenderer } from 'electron'
import type { IpcRendererEvent } from 'electron'
import type { BackendEvent } from '../../shared/contract/types'
import type { Envelope } from '../../shared/errors'
import type { PrintResult, PrintView } from '../../shared/print'
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, IPC_PRINT_CHANNEL, IPC_PRINT_REQUEST_CHANNEL } from '../main/channels'

function subscribe<T>(channel: string, listener: (payload: T) => void): () => void {
  const relay = (_event: IpcRendererEvent, payload: T) => listener(payload)
  ipcRenderer.on(channel, relay)
  return () => {
    ipcRenderer.removeListener(channel, relay)
  }
}

/**
 * The page's only door to the host: call(method, args, session), onEvent(fn), and printing
 * through the main process (print(view), onPrintRequest(fn) for the menu's Ctrl+P). No
 * ipcRenderer, no channel names, nothing else is exposed. session is the login token the
 * page got from auth.login; the backend checks it on every call.
 */
const bridge = {
  call: (method: string, args: unknown, session: string | null): Promise<Envelope<unknown>> => ipcRenderer.invoke(IPC_CALL_CHANNEL, method, args, session),
  onEvent: (listener: (event: BackendEvent) => void): (() => void) => subscribe(IPC_EVENT_CHANNEL, listener),
  print: (view: PrintView): Promise<PrintResult> => ipcRenderer.invoke(IPC_PRINT_CHANNEL, view),
  onPrintRequest: (listener: () => void): (() => void) => subscribe(IPC_PRINT_REQUEST_CHANNEL, () => listener())
}

export type ShouwangBridge = typeof bridge

contextBridge.exposeInMainWorld('shouwang', bridge)
