import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron'

/** The scheme the app's pages are served from (never file://). */
export const APP_SCHEME = 'app'
export const APP_HOST = 'shouwang'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/**
 * The window's web preferences, as data so a unit test can assert every one of them.
 * The page gets no Node, runs sandboxed and isolated, and only sees window.shouwang.
 */
export function secureWebPreferences(preloadPath: string, devTools = false): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // Off in the packaged app (a clerk's PC); on when developing.
    devTools
  }
}

export function mainWindowOptions(preloadPath: string, options: { devTools?: boolean; icon?: string } = {}): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title: '守望 · 社区防控台账',
    show: false,
    backgroundColor: '#f5f7fa',
    autoHideMenuBar: false,
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: secureWebPreferences(preloadPath, options.devTools ?? false)
  }
}

/** Only our own page may call the backend: checks the URL of the frame that sent an IPC message. */
export function isTrustedSender(frameUrl: string | undefined): boolean {
  if (!frameUrl) return false
  try {
    const url = new URL(frameUrl)
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST
  } catch {
    return false
  }
}

/** Navigation away from the app is never allowed; links to the outside do nothing. */
export function isAllowedNavigation(targetUrl: string): boolean {
  return isTrustedSender(targetUrl)
}
