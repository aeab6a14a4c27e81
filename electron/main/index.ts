import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { BrowserWindow, app, dialog, ipcMain, session } from 'electron'
import type { Envelope } from '../../shared/errors'
import { defaultDataDir } from '../backend/paths'
import { startBackendWorker } from '../backend/worker-client'
import type { BackendClient } from '../backend/worker-client'
import { registerAppScheme, serveRenderer } from './app-protocol'
import { installMenu } from './menu'
import {
  APP_ENTRY_URL,
  IPC_CALL_CHANNEL,
  IPC_EVENT_CHANNEL,
  isAllowedNavigation,
  isTrustedSender,
  mainWindowOptions
} from './security'

const here = path.dirname(fileURLToPath(import.meta.url))
let mainWindow: BrowserWindow | null = null
let backend: BackendClient | null = null

registerAppScheme()
// Browser mode computes the same folder, so both hosts open the same data.
app.setPath('userData', defaultDataDir())

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  hardenAllWebContents()
  app.whenReady().then(start, (error: unknown) => fail(String(error)))
}

function hardenAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url)) event.preventDefault()
    })
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedNavigation(url)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })
}

async function start(): Promise<void> {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  serveRenderer(path.resolve(here, '../renderer'))
  installMenu(() => mainWindow)

  try {
    backend = await startBackendWorker(path.join(here, 'worker.js'), {
      dataDir: app.getPath('userData'),
      appVersion: app.getVersion()
    })
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error))
    return
  }

  ipcMain.handle(IPC_CALL_CHANNEL, (event, method: unknown, args: unknown, session: unknown): Promise<Envelope<unknown>> => {
    const trusted = event.sender === mainWindow?.webContents && isTrustedSender(event.senderFrame?.url)
    if (!trusted || !backend) {
      return Promise.resolve({ ok: false, error: { code: 'FORBIDDEN', message: '拒绝访问：调用来源不可信。' } })
    }
    return backend.call(typeof method === 'string' ? method : '', args, typeof session === 'string' ? session : null)
  })
  backend.onEvent((event) => mainWindow?.webContents.send(IPC_EVENT_CHANNEL, event))

  mainWindow = new BrowserWindow(mainWindowOptions(path.resolve(here, '../preload/index.cjs')))
  mainWindow.once('ready-to-show', () => mainWindow?.show())
  mainWindow.on('closed', () => {
    mainWindow = null
  })
  await mainWindow.loadURL(APP_ENTRY_URL)
}

function fail(message: string): void {
  dialog.showErrorBox('守望无法启动', message)
  app.exit(1)
}

let quitting = false
app.on('before-quit', (event) => {
  if (quitting || !backend) return
  // Let the backend finish queued writes and take a final snapshot before exiting.
  event.preventDefault()
  quitting = true
  const closing = backend
  backend = null
  void closing.close().finally(() => app.exit(0))
})

app.on('window-all-closed', () => app.quit())

