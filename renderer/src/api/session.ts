import type { ErrorCode } from '../../../shared/errors'

const SESSION_KEY = 'shouwang.session'

/**
 * The login session token. Kept in sessionStorage so a reload of the same window stays
 * logged in, while a new window or a restart asks for the password again.
 */
let token: string | null = sessionStorage.getItem(SESSION_KEY)
let onLost: ((code: ErrorCode, message: string) => void) | null = null

export function sessionToken(): string | null {
  return token
}

export function setSessionToken(next: string | null): void {
  token = next
  if (next) sessionStorage.setItem(SESSION_KEY, next)
  else sessionStorage.removeItem(SESSION_KEY)
}

/** The auth store registers here to show the login screen when the backend ends a session. */
export function onSessionLost(handler: (code: ErrorCode, message: string) => void): void {
  onLost = handler
}

export function reportSessionLost(code: ErrorCode, message: string): void {
  if (token === null) return
  setSessionToken(null)
  onLost?.(code, message)
}

let onStoreGone: ((message: string) => void) | null = null

/** The auth store registers here: a data folder that vanished blocks the whole page, not one form. */
export function onDataFolderGone(handler: (message: string) => void): void {
  onStoreGone = handler
}

export function reportStoreGone(message: string): void {
  onStoreGone?.(message)
}
