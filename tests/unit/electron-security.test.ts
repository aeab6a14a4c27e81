import { describe, expect, it, vi } from 'vitest'
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, IPC_PRINT_CHANNEL, IPC_PRINT_REQUEST_CHANNEL } from '../../electron/main/channels'
import { APP_ENTRY_URL, isAllowedNavigation, isTrustedSender, mainWindowOptions, secureWebPreferences } from '../../electron/main/security'
import { CONTENT_SECURITY_POLICY } from '../../shared/csp'

describe('Electron window security settings (as data)', () => {
  const prefs = secureWebPreferences('/app/preload/index.cjs')

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['webviewTag', false],
    ['navigateOnDragDrop', false]
  ] as const)('%s is %s', (key, value) => {
    expect(prefs[key]).toBe(value)
  })

  it('uses the preload given and is what the main window gets', () => {
    expect(prefs.preload).toBe('/app/preload/index.cjs')
    expect(mainWindowOptions('/p.cjs').webPreferences).toEqual(secureWebPreferences('/p.cjs'))
    expect(mainWindowOptions('/p.cjs', { icon: '/r/icon.png' }).icon).toBe('/r/icon.png')
  })

  it('has DevTools off unless asked for (the packaged app never asks)', () => {
    expect(prefs.devTools).toBe(false)
    expect(mainWindowOptions('/p.cjs').webPreferences?.devTools).toBe(false)
    expect(mainWindowOptions('/p.cjs', { devTools: true }).webPreferences?.devTools).toBe(true)
  })

  it('loads the app from app://, never file://', () => {
    expect(APP_ENTRY_URL).toBe('app://shouwang/index.html')
  })

  it.each([
    ['app://shouwang/index.html#/settings', true],
    ['app://shouwang/', true],
    ['app://other/index.html', false],
    ['file:///etc/passwd', false],
    ['http://127.0.0.1:5170/', false],
    ['https://example.com/', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
    [undefined, false]
  ] as const)('trusts IPC from %s: %s', (url, trusted) => {
    expect(isTrustedSender(url)).toBe(trusted)
    if (url) expect(isAllowedNavigation(url)).toBe(trusted)
  })

  it('has a CSP that allows nothing remote and no inline or eval scripts', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'")
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*(unsafe-inline|unsafe-eval)/)
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/)
  })
})

describe('preload bridge', () => {
  it('exposes window.shouwang with call, onEvent and printing only, over fixed channels', async () => {
    const exposed: Record<string, unknown> = {}
    const invoke = vi.fn(() => Promise.resolve({ ok: true, data: 1 }))
    const on = vi.fn()
    const removeListener = vi.fn()
    vi.doMock('electron', () => ({
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
      ipcRenderer: { invoke, on, removeListener }
    }))
    await import('../../electron/preload/index')
    expect(Object.keys(exposed)).toEqual(['shouwang'])
    const bridge = exposed.shouwang as {
      call: (m: string, a: unknown, s: string | null) => Promise<unknown>
      onEvent: (fn: () => void) => () => void
      print: (view: string) => Promise<unknown>
      onPrintRequest: (fn: () => void) => () => void
    }
    expect(Object.keys(bridge).sort()).toEqual(['call', 'onEvent', 'onPrintRequest', 'print'])
    await bridge.print('roster-week')
    expect(invoke).toHaveBeenCalledWith(IPC_PRINT_CHANNEL, 'roster-week')
    bridge.onPrintRequest(() => {})
    expect(on).toHaveBeenCalledWith(IPC_PRINT_REQUEST_CHANNEL, expect.any(Function))
    await bridge.call('system.ping', {}, 'session-token')
    expect(invoke).toHaveBeenCalledWith(IPC_CALL_CHANNEL, 'system.ping', {}, 'session-token')
    const stop = bridge.onEvent(() => {})
    expect(on).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, expect.any(Function))
    stop()
    expect(removeListener).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, expect.any(Function))
    vi.doUnmock('electron')
  })
})
