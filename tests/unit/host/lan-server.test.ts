import fs from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import path from 'node:path'
import type { TLSSocket } from 'node:tls'
import { afterEach, describe, expect, it } from 'vitest'
import { readCertFiles } from '../../../electron/backend/devices/lan-files'
import { fingerprintOf } from '../../../electron/backend/devices/tls-cert'
import { startHttpServer } from '../../../electron/server/http-server'
import { startLanHost } from '../../../electron/server/lan-host'
import type { LanHost } from '../../../electron/server/lan-host'
import { DEVICE_COOKIE, startLanServer } from '../../../electron/server/lan-server'
import type { RunningLanServer } from '../../../electron/server/lan-server'
import type { LanStatus } from '../../../shared/contract'
import { decodeWire, encodeWire } from '../../../shared/wire'
import { ADMIN } from '../support/backend'
import { tempDir } from '../support/temp'
import { dataOf, lanBackend } from '../devices/devices-support'
import type { LanTestBackend } from '../devices/devices-support'

let backend: LanTestBackend
let server: RunningLanServer | null = null
let host: LanHost | null = null
afterEach(async () => {
  await host?.close()
  await server?.close()
  host = null
  server = null
  await backend?.close()
})

const adapter = () => ({ call: (m: string, a: unknown, s: string | null, d?: string) => backend.callAs(s, m, a, d), onEvent: backend.onEvent })

interface Answer {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
  fingerprint: string
}

/** One browser: keeps the cookie the listener gives, like a tablet's. */
function device(port: number) {
  let cookie = ''
  let session = ''
  const send = (pathName: string, body?: unknown, method = 'POST'): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const req = https.request(
        {
          host: '127.0.0.1',
          port,
          path: pathName,
          method,
          rejectUnauthorized: false,
          headers: { 'content-type': 'application/json', cookie, 'x-shouwang-session': session }
        },
        (res) => {
          const set = res.headers['set-cookie']?.[0]
          if (set) cookie = set.split(';')[0] ?? ''
          const fingerprint = (res.socket as TLSSocket).getPeerCertificate().fingerprint256.replace(/:/g, '')
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), fingerprint }))
        }
      )
      req.on('error', reject)
      req.end(body === undefined ? undefined : encodeWire(body))
    })
  return {
    send,
    api: async (methodName: string, args: unknown = {}) =>
      decodeWire((await send(`/api/${methodName}`, args)).body) as { ok: boolean; data?: unknown; error?: { code: string; message: string } },
    useSession: (token: string) => (session = token),
    get cookie() {
      return cookie
    }
  }
}

async function listen(rate?: { capacity: number; perSecond: number }): Promise<RunningLanServer> {
  dataOf(await backend.callAs(backend.admin, 'lan.enable', { address: '127.0.0.1', port: 18443 }))
  const cert = readCertFiles(backend.dir)
  if (!cert) throw new Error('no certificate')
  const staticDir = tempDir()
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>守望</title>')
  server = await startLanServer({ backend: adapter(), staticDir, address: '127.0.0.1', port: 0, ...cert, rate })
  return server
}

async function pairOver(client: ReturnType<typeof device>, name: string): Promise<void> {
  const asked = await client.api('devices.pairStart', { label: 'Android' })
  const code = (asked.data as { code: string }).code
  dataOf(await backend.callAs(backend.admin, 'devices.approve', { code, name }))
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })

describe('the LAN listener', () => {
  it('speaks TLS only, with the certificate whose fingerprint 设置 shows', async () => {
    backend = await lanBackend()
    const running = await listen()
    const plain = new Promise((resolve, reject) => {
      http.get({ host: '127.0.0.1', port: running.port, path: '/' }, resolve).on('error', reject)
    })
    await expect(plain).rejects.toThrow()
    const tablet = device(running.port)
    const page = await tablet.send('/', undefined, 'GET')
    expect(page.status).toBe(200)
    const status = dataOf<LanStatus>(await backend.callAs(backend.admin, 'lan.status', {}))
    expect(page.fingerprint).toBe(status.fingerprint?.replace(/ /g, ''))
    expect(running.url).toBe(`https://127.0.0.1:${running.port}/`)
  })

  it('gives a device cookie (HttpOnly, Secure, SameSite=Strict), pairs, and then logs in with roles as usual', async () => {
    backend = await lanBackend()
    const running = await listen()
    const tablet = device(running.port)
    const refused = await tablet.api('auth.status')
    expect(refused.error).toMatchObject({ code: 'UNAUTHORIZED', message: '这台设备还没有获准连接，请先在办公室电脑上批准配对。' })
    const first = await tablet.send('/api/devices.pairStatus', {})
    expect(first.headers['set-cookie']?.[0]).toMatch(
      new RegExp(`^${DEVICE_COOKIE}=[A-Za-z0-9_-]{43}; Path=/; Max-Age=\\d+; HttpOnly; Secure; SameSite=Strict$`)
    )
    await pairOver(tablet, '东门平板')
    const login = await tablet.api('auth.login', { username: ADMIN.username, password: ADMIN.password })
    expect(login.ok).toBe(true)
    tablet.useSession((login.data as { sessionToken: string }).sessionToken)
    expect((await tablet.api('auth.whoami')).data).toMatchObject({ username: 'admin' })
    // Another browser without the cookie is a new, unpaired device.
    const stranger = device(running.port)
    stranger.useSession((login.data as { sessionToken: string }).sessionToken)
    expect((await stranger.api('auth.whoami')).error?.code).toBe('UNAUTHORIZED')
  })

  it('refuses a wrong Host or Origin', async () => {
    backend = await lanBackend()
    const running = await listen()
    const answer = await new Promise<number>((resolve, reject) => {
      https
        .request({ host: '127.0.0.1', port: running.port, path: '/', rejectUnauthorized: false, headers: { host: `evil.example:${running.port}` } }, (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        })
        .on('error', reject)
        .end()
    })
    expect(answer).toBe(403)
  })

  it('ends a revoked device: its next call and its open event stream', async () => {
    backend = await lanBackend()
    const running = await listen()
    const tablet = device(running.port)
    await pairOver(tablet, '东门平板')
    const login = await tablet.api('auth.login', { username: ADMIN.username, password: ADMIN.password })
    tablet.useSession((login.data as { sessionToken: string }).sessionToken)
    const ended = new Promise<string>((resolve, reject) => {
      https
        .get({ host: '127.0.0.1', port: running.port, path: '/api/events', rejectUnauthorized: false, headers: { cookie: tablet.cookie } }, (res) => {
          let text = ''
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString('utf8')
            // Connected: revoke the tablet from the office.
            if (text === ': connected\n\n') void backend.callAs(backend.admin, 'devices.revoke', { id: 1 })
          })
          res.on('end', () => resolve(text))
        })
        .on('error', reject)
    })
    const text = await ended
    expect(text).toContain('"method":"devices.revoke"')
    expect((await tablet.api('auth.whoami')).error).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringContaining('已被管理员停用') as unknown })
    const again = await tablet.send('/api/events', undefined, 'GET')
    expect(again.status).toBe(401)
  })

  it('limits each device to its own bucket: 429 with a Chinese message, others unaffected', async () => {
    backend = await lanBackend()
    const running = await listen({ capacity: 3, perSecond: 0.001 })
    const busy = device(running.port)
    // The first call (no cookie yet) is counted by address; from then on by the device's own token.
    await busy.send('/api/devices.pairStatus', {})
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) statuses.push((await busy.send('/api/devices.pairStatus', {})).status)
    expect(statuses).toEqual([200, 200, 200, 429])
    const last = await busy.send('/api/devices.pairStatus', {})
    expect(last.headers['retry-after']).toBe('2')
    expect(decodeWire(last.body)).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS', message: '这台设备的请求太频繁了，请稍等几秒再操作。' } })
    const calm = device(running.port)
    expect((await calm.send('/api/devices.pairStatus', {})).status).toBe(200)
  })
})

describe('the LAN host', () => {
  it('listens only while 设置 says so, and the local window works with the LAN off', async () => {
    backend = await lanBackend()
    const staticDir = tempDir()
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>守望</title>')
    const local = await startHttpServer({ backend: adapter(), token: 't'.repeat(48), staticDir, port: 0 })
    host = startLanHost({ backend: adapter(), dataDir: backend.dir, staticDir, log: () => {} })
    await host.settled()
    const port = await freePort()
    const connect = () =>
      new Promise<boolean>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => {
          socket.destroy()
          resolve(true)
        })
        socket.on('error', () => resolve(false))
      })
    expect(await connect()).toBe(false)
    const ping = await fetch(`http://127.0.0.1:${local.port}/api/system.ping`, { method: 'POST', headers: { 'x-shouwang-token': 't'.repeat(48) }, body: '{}' })
    expect(ping.status).toBe(200)

    dataOf(await backend.callAs(backend.admin, 'lan.enable', { address: '127.0.0.1', port }))
    await host.settled()
    expect(await connect()).toBe(true)
    expect(dataOf<LanStatus>(await backend.callAs(backend.admin, 'lan.status', {}))).toMatchObject({ listening: true, problem: null })
    const cert = readCertFiles(backend.dir)
    expect(fingerprintOf(cert?.certPem ?? '')).toBe(dataOf<LanStatus>(await backend.callAs(backend.admin, 'lan.status', {})).fingerprint)

    dataOf(await backend.callAs(backend.admin, 'lan.disable', {}))
    await host.settled()
    expect(await connect()).toBe(false)
    expect(
      (await fetch(`http://127.0.0.1:${local.port}/api/system.ping`, { method: 'POST', headers: { 'x-shouwang-token': 't'.repeat(48) }, body: '{}' })).status
    ).toBe(200)
    await local.close()
  })
})
