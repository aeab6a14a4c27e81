import { randomBytes } from 'node:crypto'
import https from 'node:https'
import type { IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createApiHandler, sendError } from './api-handler'
import type { BackendLike } from './api-handler'
import { RateLimiter } from './rate-limit'

/** The device cookie: HttpOnly (no script reads it), Secure (TLS only), SameSite=Strict (no other site sends it). */
export const DEVICE_COOKIE = 'shouwang_device'
/** Chromium keeps a cookie at most 400 days; it is sent again with every answer, so a device in use never loses it. */
const COOKIE_MAX_AGE = 400 * 86_400
const DEVICE_TOKEN = /^[A-Za-z0-9_-]{43}$/
/**
 * Sent by a refused or revoked device's 重新申请: the cookie is HttpOnly, so the page cannot drop
 * it itself; a fresh token is what anyone gets by clearing cookies anyway, so this opens nothing.
 */
export const NEW_DEVICE_HEADER = 'x-shouwang-new-device'
/** A burst of 60 calls, then 20 a second: far above a gate's pace, far below a flood. */
export const DEFAULT_RATE = { capacity: 60, perSecond: 20 }

export interface LanServerOptions {
  backend: BackendLike
  staticDir: string
  /** The one interface address to listen on (never 0.0.0.0): what 设置 → 局域网访问 chose. */
  address: string
  port: number
  certPem: string
  keyPem: string
  rate?: { capacity: number; perSecond: number }
  maxBodyBytes?: number
}

export interface RunningLanServer {
  address: string
  port: number
  url: string
  close(): Promise<void>
}

export function hostOf(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`
}

function deviceCookieOf(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, value] = part.trim().split('=', 2)
    if (name === DEVICE_COOKIE && value !== undefined && DEVICE_TOKEN.test(value)) return value
  }
  return undefined
}

/**
 * The LAN listener (issue 24): the same app and API as browser mode, over HTTPS only, bound to
 * the one address chosen. Instead of the launch token, each browser holds a device token in a
 * cookie, given on its first call; the backend knows it only once the administrator approved
 * the device's pairing code, and refuses it again the moment the device is revoked.
 */
export function startLanServer(options: LanServerOptions): Promise<RunningLanServer> {
  const rate = options.rate ?? DEFAULT_RATE
  const limiter = new RateLimiter(rate.capacity, rate.perSecond)
  let allowedHost = ''
  let allowedOrigin = ''
  const handler = createApiHandler({
    backend: options.backend,
    staticDir: options.staticDir,
    maxBodyBytes: options.maxBodyBytes,
    door: {
      hostAllowed: (host) => host === allowedHost,
      originAllowed: (origin) => origin === allowedOrigin,
      admit(req, res) {
        const renew = req.headers[NEW_DEVICE_HEADER] === '1' && req.url === '/api/devices.pairStart'
        const device = (renew ? undefined : deviceCookieOf(req)) ?? randomBytes(32).toString('base64url')
        const headers = { 'Set-Cookie': `${DEVICE_COOKIE}=${device}; Path=/; Max-Age=${COOKIE_MAX_AGE}; HttpOnly; Secure; SameSite=Strict` }
        // A browser without a cookie is counted by its address, so dropping cookies earns no new bucket.
        if (!limiter.take(deviceCookieOf(req) ?? `addr:${req.socket.remoteAddress ?? ''}`)) {
          sendError(res, 'TOO_MANY_ATTEMPTS', '这台设备的请求太频繁了，请稍等几秒再操作。', { ...headers, 'Retry-After': '2' })
          return null
        }
        return { device, headers }
      }
    }
  })

  // A revoked device's open event stream ends at once, not at its next call.
  const unsubscribe = options.backend.onEvent((event) => {
    if (event.type !== 'changed' || !event.domains.includes('devices')) return
    for (const device of handler.streamDevices()) {
      void options.backend.call('devices.pairStatus', {}, null, device).then((status) => {
        if (!status.ok || (status.data as { status: string }).status !== 'approved') handler.closeStreams((held) => held === device)
      })
    }
  })

  const server = https.createServer({ cert: options.certPem, key: options.keyPem, minVersion: 'TLSv1.2' }, (req, res) => handler.handle(req, res))
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.address, () => {
      const port = (server.address() as AddressInfo).port
      allowedHost = hostOf(options.address, port)
      allowedOrigin = `https://${allowedHost}`
      resolve({
        address: options.address,
        port,
        url: `${allowedOrigin}/`,
        close: () =>
          new Promise<void>((done) => {
            unsubscribe()
            handler.close()
            server.close(() => done())
            server.closeAllConnections()
          })
      })
    })
  })
}
