import path from 'node:path'
import { BrowserWindow, app, dialog, ipcMain, session } from 'electron'
import type { WebContents } from 'electron'
import type { Envelope } from '../../shared/errors'
import { isPrintView } from '../../shared/print'
import type { PrintResult } from '../../shared/print'
import { defaultDataDir } from '../backend/paths'
import { openChoiceFor } from '../backend/store/open-choices'
import type { OpenChoice, OpenOptions } from '../backend/store/open-choices'
import { WORKER_BUNDLE, startBackendWorker, workerDataFrom } from '../backend/worker-client'
import type { BackendClient } from '../backend/worker-client'
import { startLanHost } from '../server/lan-host'
import type { LanHost } from '../server/lan-host'
import { registerAppScheme, serveRenderer } from './app-protocol'
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, IPC_PRINT_CHANNEL, IPC_PRINT_REQUEST_CHANNEL } from './channels'
import { MainLog } from './log'
import { installMenu } from './menu'
import { printOptionsFor, printResultOf } from './print'
import { APP_ENTRY_URL, isAllowedNavigation, isTrustedSender, mainWindowOptions } from './security'

/** Built as out/main/index.cjs; the worker bundle and sql.js's wasm sit beside it. */
const here = __dirname
const dataDir = defaultDataDir()
/** Chromium's own profile (cache, local storage, crash dumps) apart from the records. */
const CHROMIUM_PROFILE_DIR = 'chromium-profile'
const log = new MainLog(path.join(dataDir, 'logs', 'main.log'))

let mainWindow: BrowserWindow | null = null
let backend: BackendClient | null = null
/** 设置 → 局域网访问: the LAN listener, in this (main) process beside the window; off unless turned on. */
let lan: LanHost | null = null
let shown = false
let failing = false

registerAppScheme()
app.setPath('userData', path.join(dataDir, CHROMIUM_PROFILE_DIR))

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  hardenAllWebContents()
  // Any failure of the start, not only of whenReady, ends in a visible message and a quit.
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fail(describe(error)))
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
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

const fromOurPage = (sender: WebContents, frameUrl: string | undefined) => sender === mainWindow?.webContents && isTrustedSender(frameUrl)

async function start(): Promise<void> {
  log.info(`启动 版本 ${app.getVersion()}，数据目录 ${dataDir}`)
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  serveRenderer(path.resolve(here, '../renderer'))
  installMenu(() => mainWindow, {
    devTools: !app.isPackaged,
    print: () => mainWindow?.webContents.send(IPC_PRINT_REQUEST_CHANNEL)
  })

  backend = await openBackendAsking()
  ipcMain.handle(IPC_CALL_CHANNEL, (event, method: unknown, args: unknown, token: unknown): Promise<Envelope<unknown>> => {
    if (!fromOurPage(event.sender, event.senderFrame?.url) || !backend) {
      return Promise.resolve({ ok: false, error: { code: 'FORBIDDEN', message: '拒绝访问：调用来源不可信。' } })
    }
    return backend.call(typeof method === 'string' ? method : '', args, typeof token === 'string' ? token : null)
  })
  ipcMain.handle(IPC_PRINT_CHANNEL, (event, view: unknown): Promise<PrintResult> => {
    if (!fromOurPage(event.sender, event.senderFrame?.url) || !isPrintView(view)) {
      return Promise.resolve({ ok: false, message: '拒绝打印：请求来源不可信。' })
    }
    return new Promise((resolve) => event.sender.print(printOptionsFor(view), (success, reason) => resolve(printResultOf(success, reason))))
  })
  backend.onEvent((event) => mainWindow?.webContents.send(IPC_EVENT_CHANNEL, event))
  lan = startLanHost({ backend, dataDir, staticDir: path.resolve(here, '../renderer'), log: (line) => log.info(line) })

  const icon = app.isPackaged ? path.join(process.resourcesPath, 'icon.png') : path.resolve(here, '../../resources/icon.png')
  const window = new BrowserWindow(mainWindowOptions(path.resolve(here, '../preload/index.cjs'), { devTools: !app.isPackaged, icon }))
  mainWindow = window
  window.once('ready-to-show', () => {
    shown = true
    window.show()
  })
  window.on('closed', () => {
    mainWindow = null
  })
  window.webContents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    if (isMainFrame) void fail(`界面没有加载成功（${description}，${code}）：${url}`)
  })
  window.webContents.on('render-process-gone', (_event, details) => void rendererGone(details.reason, details.exitCode))
  await window.loadURL(APP_ENTRY_URL)
  log.info('界面已加载')
}

/**
 * Opens the data folder; when the open is refused for a reason the clerk can resolve (a damaged
 * journal, the data folder gone), asks, and opens again with the choice. 退出 is the default.
 */
async function openBackendAsking(): Promise<BackendClient> {
  let options: OpenOptions = {}
  for (;;) {
    const data = workerDataFrom(here, dataDir, app.getVersion(), app.isPackaged ? process.resourcesPath : null, options)
    try {
      return await startBackendWorker(path.join(here, WORKER_BUNDLE), data)
    } catch (error) {
      const choice = openChoiceFor(error)
      if (!choice) throw error
      log.error(`打开数据失败：${describe(error)}`)
      if (!(await confirmChoice(describe(error), choice))) throw error
      log.info(`文员选择：${choice.confirm}`)
      options = { ...options, ...choice.option }
    }
  }
}

async function confirmChoice(reason: string, choice: OpenChoice): Promise<boolean> {
  const ask = async (message: string, detail: string) =>
    (await dialog.showMessageBox({ type: 'warning', title: '守望', message, detail, buttons: [choice.confirm, '退出'], defaultId: 1, cancelId: 1 }))
      .response === 0
  if (!(await ask(choice.message, reason))) return false
  return choice.confirmAgain === null || ask(choice.confirmAgain, reason)
}

/** The page's process died (out of memory, crashed): the data is safe in the backend; reload or quit. */
async function rendererGone(reason: string, exitCode: number): Promise<void> {
  log.error(`界面进程退出：${reason}（${exitCode}）`)
  if (!shown || !mainWindow) return fail(`界面进程意外退出（${reason}）`)
  const choice = await dialog.showMessageBox(mainWindow, {
    type: 'error',
    title: '守望',
    message: '界面意外关闭了。',
    detail: `已保存的数据不受影响。原因：${reason}。\n详细记录：${log.file}`,
    buttons: ['重新打开', '退出'],
    defaultId: 0,
    cancelId: 1
  })
  if (choice.response === 0) mainWindow.webContents.reload()
  else app.quit()
}

/**
 * A start that cannot finish ends visibly: both locks are released first (the backend's
 * shouwang.lock by closing it, then the single-instance lock), so the next double-click
 * can start again, then the clerk reads why and where the log is, then the process exits.
 */
async function fail(reason: string): Promise<void> {
  if (failing) return
  failing = true
  log.error(`无法启动：${reason}`)
  mainWindow?.destroy()
  mainWindow = null
  const closing = backend
  backend = null
  await closing?.close().catch((error: unknown) => log.error(`关闭后台失败：${describe(error)}`))
  app.releaseSingleInstanceLock()
  dialog.showErrorBox('守望无法启动', `${reason}\n\n详细记录：${log.file}\n请把这个文件发给技术人员。`)
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
  const closingLan = lan
  lan = null
  // The LAN listener first (no device writes while the backend drains), then the backend. The app
  // exits either way: a close that fails is logged, never left as a process without a window.
  const shutDown = async (): Promise<void> => {
    await closingLan?.close()
    await closing.close()
  }
  shutDown().then(
    () => app.exit(0),
    (error: unknown) => {
      log.error(`退出时关闭数据失败：${describe(error)}`)
      app.exit(0)
    }
  )
})

app.on('window-all-closed', () => app.quit())
