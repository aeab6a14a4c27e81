import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Store, Tx } from '../store/store'
import { insertAuthKey, readAuthKey } from './auth.repo'

/**
 * Device tokens (OWASP "slow down online guessing: device cookies"): after a successful login a
 * browser gets a token signed by the backend naming the account and a random device id. Logins
 * that bring a valid one for the account they name are paced on a key of that device alone, so
 * someone flooding the account's name with wrong passwords cannot take the owner's turns. The
 * token is not a credential: the password is still checked, at the same pace.
 */
const KEY_NAME = 'device-token'
const VERSION = 'd1'
/** A browser that has not logged in for this long is treated as a new one. */
export const DEVICE_TOKEN_DAYS = 180

export interface DeviceClaim {
  accountId: number
  deviceId: string
}

function sign(key: Buffer, body: string): string {
  return createHmac('sha256', key).update(body).digest('base64url')
}

/** The signing key, made (inside a write) the first time a token is issued. */
function keyFor(tx: Tx, at: string): Buffer {
  const existing = readAuthKey(tx, KEY_NAME)
  if (existing) return Buffer.from(existing, 'base64')
  insertAuthKey(tx, KEY_NAME, randomBytes(32).toString('base64'), at)
  return Buffer.from(readAuthKey(tx, KEY_NAME) ?? '', 'base64')
}

/** A token for accountId; keeps the device id of the token the browser came with, if any. */
export function issueDeviceToken(tx: Tx, accountId: number, now: Date, deviceId?: string): string {
  const id = deviceId ?? randomBytes(12).toString('base64url')
  const body = [VERSION, accountId, now.getTime(), id].join('.')
  return `${body}.${sign(keyFor(tx, now.toISOString()), body)}`
}

/** The account and device a token names, when it is genuine and not too old; null otherwise. */
export function readDeviceToken(db: Store | Tx, token: string | undefined, now: Date): DeviceClaim | null {
  if (!token) return null
  const keyText = readAuthKey(db, KEY_NAME)
  const parts = token.split('.')
  if (!keyText || parts.length !== 5 || parts[0] !== VERSION) return null
  const [, account, issued, deviceId, mac] = parts as [string, string, string, string, string]
  const expected = Buffer.from(sign(Buffer.from(keyText, 'base64'), parts.slice(0, 4).join('.')))
  const given = Buffer.from(mac)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  const age = now.getTime() - Number(issued)
  if (!(age >= -60_000 && age <= DEVICE_TOKEN_DAYS * 86_400_000)) return null
  const accountId = Number(account)
  return Number.isSafeInteger(accountId) && /^[A-Za-z0-9_-]{8,32}$/.test(deviceId) ? { accountId, deviceId } : null
}
