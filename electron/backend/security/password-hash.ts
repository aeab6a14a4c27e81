import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto'

// scrypt cost: ~50 ms on an office PC, enough to make guessing a stolen file slow.
const N = 16384
const R = 8
const P = 1
const KEY_LENGTH = 32

/** "scrypt$N$r$p$salt$hash" (base64), so the cost can be raised later without breaking old hashes. */
export function hashPassword(password: string): string {
  const salt = randomBytes(16)
  const hash = scryptSync(password.normalize('NFC'), salt, KEY_LENGTH, { N, r: R, p: P })
  return ['scrypt', N, R, P, salt.toString('base64'), hash.toString('base64')].join('$')
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64')
  const actual = scryptSync(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p)
  })
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

function scryptAsync(secret: string, salt: Buffer, length: number, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, length, { ...cost, maxmem: 64 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key)))
  })
}

// What a check without a stored hash compares against: same cost, so it takes as long as a real one.
export const DUMMY_HASH = ['scrypt', N, R, P, Buffer.alloc(16).toString('base64'), Buffer.alloc(KEY_LENGTH).toString('base64')].join('$')

/**
 * The login path's check: scrypt off the worker's event loop (libuv's pool), so other calls go
 * on while it hashes. stored null (unknown user, no recovery code) hashes against a dummy of
 * the same cost and is false: an unknown name takes as long as a wrong password.
 */
export async function checkSecret(secret: string, stored: string | null): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = (stored ?? DUMMY_HASH).split('$')
  const usable = scheme === 'scrypt' && !!n && !!r && !!p && !!salt && !!hash
  const [costN, costR, costP, saltText, hashText] = usable ? [Number(n), Number(r), Number(p), salt, hash] : [N, R, P, '', '']
  const expected = Buffer.from(hashText, 'base64')
  const actual = await scryptAsync(secret.normalize('NFC'), Buffer.from(saltText, 'base64'), expected.length || KEY_LENGTH, {
    N: costN,
    r: costR,
    p: costP
  })
  return stored !== null && usable && actual.length === expected.length && timingSafeEqual(actual, expected)
}

/** hashPassword off the event loop, for the paced paths. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16)
  const hash = await scryptAsync(secret.normalize('NFC'), salt, KEY_LENGTH, { N, r: R, p: P })
  return ['scrypt', N, R, P, salt.toString('base64'), hash.toString('base64')].join('$')
}
