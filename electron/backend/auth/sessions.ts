import { randomBytes } from 'node:crypto'

interface Entry {
  accountId: number
  lastSeen: number
  /** The LAN device the login was made on (null: the office PC's own window): the session works only from there. */
  deviceId: number | null
}

export type Resolved = { accountId: number } | { expired: true } | null

/**
 * Logged-in sessions, in memory only: a restart (or the idle lock) means logging in again,
 * and a copied data folder carries no live session.
 */
export class SessionManager {
  private readonly entries = new Map<string, Entry>()

  create(accountId: number, now: Date, deviceId: number | null = null): string {
    const token = randomBytes(32).toString('hex')
    this.entries.set(token, { accountId, lastSeen: now.getTime(), deviceId })
    return token
  }

  /** Looks a token up and marks it used; a session idle for longer than idleMs has ended. */
  resolve(token: string | null, now: Date, idleMs: number, deviceId: number | null = null): Resolved {
    if (!token) return null
    const entry = this.entries.get(token)
    // A session token carried to another device (or from a tablet to the office window) is no session.
    if (!entry || entry.deviceId !== deviceId) return null
    if (now.getTime() - entry.lastSeen > idleMs) {
      this.entries.delete(token)
      return { expired: true }
    }
    entry.lastSeen = now.getTime()
    return { accountId: entry.accountId }
  }

  revoke(token: string | null): void {
    if (token) this.entries.delete(token)
  }

  /** Ends every session made on a LAN device (revoked): the next call from it is refused. */
  revokeDevice(deviceId: number): void {
    for (const [token, entry] of this.entries) {
      if (entry.deviceId === deviceId) this.entries.delete(token)
    }
  }

  /** Ends every session (a restore replaced the accounts): everyone logs in again. */
  revokeAll(): void {
    this.entries.clear()
  }

  /** Ends every session of an account (disabled, password reset by the administrator). */
  revokeAccount(accountId: number, except: string | null = null): void {
    for (const [token, entry] of this.entries) {
      if (entry.accountId === accountId && token !== except) this.entries.delete(token)
    }
  }
}
