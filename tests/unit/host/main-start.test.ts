import { EventEmitter } from 'node:events'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { IPC_CALL_CHANNEL, IPC_PRINT_CHANNEL } from '../../../electron/main/channels'
import { AppError } from '../../../shared/errors'
import { tempDir } from '../support/temp'

/**
 * The Electron main process's start sequence, run for real (electron/main/index.ts) against a
 * stub of the electron module and of the backend worker: the binary cannot be had here, so
 * what the process does is checked as the calls it makes.
 */

interface Scenario {
  packaged?: boolean
  singleInstance?: boolean
  backend?: 'ok' | 'locked' | 'damaged' | 'missing'
  /** The dialog's answers in turn (0 = go on, 1 = 退出). */
  answers?: number[]
  load?: 'ok' | 'reject'
}

type Handler = (event: unknown, ...args: unknown[]) => unknown

function stubElectron(scenario: Scenario) {
  const steps: string[] = []
  const handlers = new Map<string, Handler>()
  const windows: FakeWindow[] = []
  const app = Object.assign(new EventEmitter(), {
    isPackaged: scenario.packaged ?? false,
    setPath: vi.fn(),
    getVersion: () => '1.0.0',
    requestSingleInstanceLock: () => scenario.singleInstance ?? true,
    releaseSingleInstanceLock: () => steps.push('release single-instance lock'),
    whenReady: () => Promise.resolve(),
    quit: () => steps.push('quit'),
    exit: (code: number) => steps.push(`exit ${code}`)
  })

  class FakeWebContents extends EventEmitter {
    send = vi.fn()
    reload = vi.fn()
    print = vi.fn((_options: unknown, callback: (success: boolean, reason: string) => void) => callback(true, ''))
    setWindowOpenHandler = vi.fn()
  }
  class FakeWindow extends EventEmitter {
    webContents = new FakeWebContents()
    show = vi.fn(() => steps.push('show window'))
    destroy = vi.fn(() => steps.push('destroy window'))
    constructor(readonly options: { webPreferences?: { devTools?: boolean }; icon?: string }) {
      super()
      windows.push(this)
    }
    loadURL(url: string): Promise<void> {
      steps.push(`load ${url}`)
      return scenario.load === 'reject' ? Promise.reject(new Error('ERR_FILE_NOT_FOUND (-6) loading app://shouwang/index.html')) : Promise.resolve()
    }
    isMinimized = () => false
  }

  const electron = {
    app,
    BrowserWindow: FakeWindow,
    dialog: {
      showErrorBox: (title: string, message: string) => steps.push(`error box ${title}: ${message}`),
      showMessageBox: vi.fn((options: { message: string; buttons: string[] }) => {
        steps.push(`ask ${options.message} [${options.buttons.join('|')}]`)
        return Promise.resolve({ response: scenario.answers?.shift() ?? 1 })
      })
    },
    ipcMain: { handle: (channel: string, fn: Handler) => handlers.set(channel, fn) },
    session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    net: { fetch: vi.fn() },
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: (template: unknown) => template }
  }

  const client = {
    call: vi.fn((method: string) => Promise.resolve({ ok: true, data: method })),
    onEvent: vi.fn(() => () => undefined),
    close: vi.fn(() => {
      steps.push('close backend (releases shouwang.lock)')
      return Promise.resolve()
    })
  }
  const workerClient = {
    WORKER_BUNDLE: 'worker.cjs',
    workerDataFrom: vi.fn((_dir: string, _data: string, _version: string, _resources: string | null, open: object = {}) => ({
      dataDir: 'x',
      appVersion: '1.0.0',
      sqlWasm: new Uint8Array(),
      resourcesDir: null,
      markerFile: null,
      open
    })),
    startBackendWorker: vi.fn((_file: string, data: { open: { salvageJournal?: boolean; startFresh?: boolean } }) => {
      steps.push(`start backend${JSON.stringify(data.open) === '{}' ? '' : ` ${JSON.stringify(data.open)}`}`)
      if (scenario.backend === 'locked') return Promise.reject(new AppError('STORE_LOCKED', '该数据目录正在被另一个守望程序使用。'))
      if (scenario.backend === 'damaged' && !data.open.salvageJournal) return Promise.reject(new AppError('STORE_JOURNAL_DAMAGED', '操作日志已损坏'))
      if (scenario.backend === 'missing' && !data.open.startFresh) return Promise.reject(new AppError('STORE_MISSING', '原有数据找不到了'))
      return Promise.resolve(client)
    })
  }
  return { electron, workerClient, client, steps, handlers, windows, app }
}

async function runMain(scenario: Scenario) {
  const stub = stubElectron(scenario)
  vi.resetModules()
  vi.doMock('electron', () => stub.electron)
  vi.doMock('../../../electron/backend/worker-client', () => stub.workerClient)
  await import('../../../electron/main/index')
  return stub
}

const ENTRY = 'load app://shouwang/index.html'

beforeEach(() => {
  // The data folder (and its logs/) under a temp folder, not the real user's.
  vi.stubEnv('XDG_CONFIG_HOME', tempDir())
  vi.stubEnv('APPDATA', tempDir())
})
afterEach(() => {
  vi.doUnmock('electron')
  vi.doUnmock('../../../electron/backend/worker-client')
  vi.unstubAllEnvs()
})

describe('Electron main start sequence (stubbed electron module)', () => {
  it('starts the backend, then loads the app:// URL and shows the window when ready', async () => {
    const { steps, windows, electron } = await runMain({})
    await vi.waitFor(() => expect(steps).toContain(ENTRY))
    expect(steps.indexOf('start backend')).toBeLessThan(steps.indexOf(ENTRY))
    expect(steps.some((s) => s.startsWith('error box'))).toBe(false)
    // Chromium's profile goes to its own subfolder, not into the data folder itself.
    expect(electron.app.setPath).toHaveBeenCalledWith('userData', expect.stringMatching(/Shouwang[\\/]chromium-profile$/))
    windows[0]?.emit('ready-to-show')
    expect(steps).toContain('show window')
  })

  it('keeps DevTools out of the packaged app', async () => {
    Object.defineProperty(process, 'resourcesPath', { value: '/opt/守望/resources', configurable: true })
    try {
      const { steps, windows, electron } = await runMain({ packaged: true })
      await vi.waitFor(() => expect(steps).toContain(ENTRY))
      expect(windows[0]?.options.webPreferences?.devTools).toBe(false)
      expect(windows[0]?.options.icon).toBe('/opt/守望/resources/icon.png')
      const menu = electron.Menu.setApplicationMenu.mock.calls[0]?.[0] as unknown
      expect(JSON.stringify(menu)).not.toContain('toggleDevTools')
    } finally {
      Reflect.deleteProperty(process, 'resourcesPath')
    }
  })

  it('a backend that cannot open ends in a dialog naming the reason and the log, then quits', async () => {
    const { steps, windows } = await runMain({ backend: 'locked' })
    await vi.waitFor(() => expect(steps).toContain('exit 1'))
    const box = steps.find((s) => s.startsWith('error box')) ?? ''
    expect(box).toContain('守望无法启动')
    expect(box).toContain('该数据目录正在被另一个守望程序使用')
    expect(box).toMatch(/详细记录：.*main\.log/)
    expect(windows).toHaveLength(0)
    // The single-instance lock is released before the dialog, so the next start is not swallowed.
    expect(steps.indexOf('release single-instance lock')).toBeLessThan(steps.indexOf(box))
  })

  it('a damaged journal asks first; 退出 (the default) ends like any failed start, nothing opened', async () => {
    const { steps } = await runMain({ backend: 'damaged', answers: [1] })
    await vi.waitFor(() => expect(steps).toContain('exit 1'))
    expect(steps.filter((s) => s.startsWith('start backend'))).toEqual(['start backend'])
    expect(steps.find((s) => s.startsWith('ask'))).toContain('[跳过损坏的记录并打开|退出]')
    expect(steps.find((s) => s.startsWith('error box'))).toContain('操作日志已损坏')
  })

  it('a damaged journal opened by choice: the backend starts again with the salvage, then the page loads', async () => {
    const { steps } = await runMain({ backend: 'damaged', answers: [0] })
    await vi.waitFor(() => expect(steps).toContain(ENTRY))
    expect(steps.filter((s) => s.startsWith('start backend'))).toEqual(['start backend', 'start backend {"salvageJournal":true}'])
  })

  it('data gone from its folder: a new empty database only after the clerk confirms twice', async () => {
    const once = await runMain({ backend: 'missing', answers: [0, 1] })
    await vi.waitFor(() => expect(once.steps).toContain('exit 1'))
    expect(once.steps.filter((s) => s.startsWith('ask'))).toHaveLength(2)
    expect(once.steps).not.toContain('start backend {"startFresh":true}')
    const twice = await runMain({ backend: 'missing', answers: [0, 0] })
    await vi.waitFor(() => expect(twice.steps).toContain(ENTRY))
    expect(twice.steps).toContain('start backend {"startFresh":true}')
  })

  it('a page that fails to load releases both locks, shows why, and quits', async () => {
    const { steps, client } = await runMain({ load: 'reject' })
    await vi.waitFor(() => expect(steps).toContain('exit 1'))
    expect(client.close).toHaveBeenCalled()
    const box = steps.find((s) => s.startsWith('error box')) ?? ''
    expect(box).toContain('ERR_FILE_NOT_FOUND')
    expect(steps.slice(steps.indexOf(ENTRY))).toEqual([
      ENTRY,
      'destroy window',
      'close backend (releases shouwang.lock)',
      'release single-instance lock',
      box,
      'exit 1'
    ])
  })

  it('did-fail-load of the main frame takes the same path; a subframe does not', async () => {
    const { steps, windows } = await runMain({})
    await vi.waitFor(() => expect(steps).toContain(ENTRY))
    windows[0]?.webContents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', 'app://shouwang/x', false)
    expect(steps).not.toContain('exit 1')
    windows[0]?.webContents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', 'app://shouwang/index.html', true)
    await vi.waitFor(() => expect(steps).toContain('exit 1'))
    expect(steps.find((s) => s.startsWith('error box'))).toContain('ERR_FILE_NOT_FOUND')
  })

  it('a renderer that dies before the window was shown is a failed start', async () => {
    const { steps, windows } = await runMain({})
    await vi.waitFor(() => expect(steps).toContain(ENTRY))
    windows[0]?.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 9 })
    await vi.waitFor(() => expect(steps).toContain('exit 1'))
  })

  it('quitting lets the backend finish and close, then exits with 0', async () => {
    const { steps, app } = await runMain({})
    await vi.waitFor(() => expect(steps).toContain(ENTRY))
    const preventDefault = vi.fn()
    app.emit('before-quit', { preventDefault })
    expect(preventDefault).toHaveBeenCalled()
    await vi.waitFor(() => expect(steps).toContain('exit 0'))
    expect(steps.indexOf('close backend (releases shouwang.lock)')).toBeLessThan(steps.indexOf('exit 0'))
    // A second quit while closing does not close twice.
    app.emit('before-quit', { preventDefault: vi.fn() })
    expect(steps.filter((s) => s.startsWith('close backend'))).toHaveLength(1)
  })

  it('a backend that fails to close still lets the app exit', async () => {
    const { steps, app, client } = await runMain({})
    await vi.waitFor(() => expect(steps).toContain(ENTRY))
    client.close.mockImplementationOnce(() => Promise.reject(new Error('disk gone')))
    app.emit('before-quit', { preventDefault: vi.fn() })
    await vi.waitFor(() => expect(steps).toContain('exit 0'))
  })

  it('a second instance quits at once without touching the data', async () => {
    const { steps } = await runMain({ singleInstance: false })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(steps).toEqual(['quit'])
  })

  it('answers only its own page over IPC, and prints with the view’s paper', async () => {
    const { steps, handlers, windows, client } = await runMain({})
    await vi.waitFor(() => expect(steps).toContain(ENTRY))
    const window = windows[0]
    if (!window) throw new Error('no window')
    const call = handlers.get(IPC_CALL_CHANNEL)
    const print = handlers.get(IPC_PRINT_CHANNEL)
    const ours = { sender: window.webContents, senderFrame: { url: 'app://shouwang/index.html' } }
    const stranger = { sender: window.webContents, senderFrame: { url: 'https://evil.example/' } }
    expect(await call?.(stranger, 'system.ping', {}, null)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await call?.(ours, 'system.ping', {}, 'tok')).toEqual({ ok: true, data: 'system.ping' })
    expect(client.call).toHaveBeenCalledWith('system.ping', {}, 'tok')
    expect(await print?.(ours, 'roster-week')).toEqual({ ok: true })
    expect(window.webContents.print).toHaveBeenCalledWith(
      expect.objectContaining({ pageSize: 'A4', landscape: true, printBackground: true, silent: false }),
      expect.any(Function)
    )
    expect(await print?.(ours, 'no-such-view')).toMatchObject({ ok: false })
    expect(await print?.(stranger, 'roster-week')).toMatchObject({ ok: false })
    expect(window.webContents.print).toHaveBeenCalledTimes(1)
  })
})
