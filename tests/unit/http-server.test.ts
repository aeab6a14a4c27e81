import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startHttpServer } from '../../electron/server/http-server'
import type { RunningServer } from '../../electron/server/http-server'
import { decodeWire, encodeWire } from '../../shared/wire'
import { setupAdmin, testBackend } from './support/backend'
import type { TestBackend } from './support/backend'
import { tempDir } from './support/temp'

const TOKEN = 'a'.repeat(48)
let backend: TestBackend
let server: RunningServer
let staticDir: string
let session: string

interface RawResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

/** node:http rather than fetch, so Host and Origin can be set to anything. */
function request(pathName: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: pathName,
        method: options.method ?? 'POST',
        headers: { 'x-shouwang-token': TOKEN, 'x-shouwang-session': session, 'content-type': 'application/json', ...options.headers }
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
      }
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

const api = (method: string, args: unknown, headers: Record<string, string> = {}) => request(`/api/${method}`, { body: encodeWire(args), headers })

const errorOf = (res: RawResponse) => (JSON.parse(res.body) as { error: { code: string; message: string } }).error

beforeEach(async () => {
  backend = await testBackend()
  staticDir = tempDir()
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>守望</title>')
  fs.mkdirSync(path.join(staticDir, 'assets'))
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)')
  session = await setupAdmin(backend)
  const host = { call: (m: string, a: unknown, s: string | null) => backend.callAs(s, m, a), onEvent: backend.onEvent }
  server = await startHttpServer({ backend: host, token: TOKEN, staticDir, port: 0, maxBodyBytes: 64 * 1024 })
})

afterEach(async () => {
  await server.close()
  await backend.close()
})

describe('browser-mode HTTP host', () => {
  it('listens on 127.0.0.1 and prints a URL carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?t=${TOKEN}`)
  })

  it('answers a call with the envelope', async () => {
    const res = await api('system.ping', {})
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, data: { pong: true } })
    expect(res.headers['cache-control']).toBe('no-store')
  })

  it('serves the app with a CSP header and refuses paths outside it', async () => {
    const index = await request('/', { method: 'GET', headers: {} })
    expect(index.status).toBe(200)
    expect(index.body).toContain('守望')
    expect(index.headers['content-security-policy']).toContain("default-src 'self'")
    expect(index.headers['x-content-type-options']).toBe('nosniff')
    expect((await request('/assets/app.js', { method: 'GET' })).headers['content-type']).toContain('javascript')
    for (const evil of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fetc%2fpasswd', '/%00', '/%zz']) {
      expect((await request(evil, { method: 'GET' })).status).toBe(404)
    }
  })

  it('round-trips bytes as base64 on the wire', () => {
    const encoded = encodeWire({ file: new Uint8Array([0, 255, 7]), name: '表.xlsx' })
    expect(encoded).toBe('{"file":{"$bytes":"AP8H"},"name":"表.xlsx"}')
    expect(decodeWire(encoded)).toEqual({ file: new Uint8Array([0, 255, 7]), name: '表.xlsx' })
  })

  describe('bad requests get a 4xx envelope, write nothing, and the server keeps serving', () => {
    const cases: [string, () => Promise<RawResponse>, number, string][] = [
      ['no token', () => request('/api/system.info', { body: '{}', headers: { 'x-shouwang-token': '' } }), 401, 'UNAUTHORIZED'],
      ['wrong token', () => api('settings.update', { communityName: 'x' }, { 'x-shouwang-token': 'b'.repeat(48) }), 401, 'UNAUTHORIZED'],
      ['short token', () => api('settings.update', { communityName: 'x' }, { 'x-shouwang-token': 'a' }), 401, 'UNAUTHORIZED'],
      ['wrong Origin', () => api('settings.update', { communityName: 'x' }, { origin: 'http://evil.example' }), 403, 'FORBIDDEN'],
      ['Origin on another port', () => api('settings.update', { communityName: 'x' }, { origin: 'http://127.0.0.1:1' }), 403, 'FORBIDDEN'],
      ['wrong Host (DNS rebinding)', () => api('settings.update', { communityName: 'x' }, { host: 'evil.example' }), 403, 'FORBIDDEN'],
      ['unknown method', () => api('system.format', {}), 404, 'UNKNOWN_METHOD'],
      ['prototype key as method', () => api('__proto__', {}), 404, 'UNKNOWN_METHOD'],
      ['bad JSON', () => request('/api/settings.update', { body: '{"communityName": ' }), 400, 'BAD_JSON'],
      ['wrong types', () => api('settings.update', { communityName: ['x'] }), 400, 'BAD_ARGS'],
      ['args not an object', () => request('/api/settings.update', { body: '42' }), 400, 'BAD_ARGS'],
      ['GET on a method', () => request('/api/settings.update', { method: 'GET' }), 404, 'NOT_FOUND'],
      ['oversized body', () => api('settings.update', { communityName: 'x'.repeat(200 * 1024) }), 413, 'PAYLOAD_TOO_LARGE']
    ]
    it.each(cases)('%s', async (_label, send, status, code) => {
      const res = await send()
      expect(res.status).toBe(status)
      const error = errorOf(res)
      expect(error.code).toBe(code)
      expect(error.message).toMatch(/[\u4e00-\u9fa5]/)
      expect(backend.count('settings')).toBe(2) // the community name from setup, and the audit chain's key
      expect(backend.count('audit_log')).toBe(1) // the setup itself
      expect((await api('system.ping', {})).status).toBe(200)
    })
  })

  it('accepts the right Origin and localhost as Host', async () => {
    const origin = `http://127.0.0.1:${server.port}`
    expect((await api('settings.update', { communityName: '甲' }, { origin })).status).toBe(200)
    expect((await api('system.ping', {}, { host: `localhost:${server.port}` })).status).toBe(200)
  })

  it('streams change events to a client holding the token', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: server.port, path: '/api/events', headers: { 'x-shouwang-token': TOKEN } }, (res) => {
        expect(res.headers['content-type']).toContain('text/event-stream')
        let text = ''
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8')
          if (text.includes('data: ')) {
            resolve(text)
            req.destroy()
          } else if (text.includes(': connected')) {
            void api('settings.update', { streetName: '城关街道' })
          }
        })
      })
      req.on('error', reject)
    })
    const text = await received
    expect(text).toContain('"type":"changed"')
    expect(text).toContain('"method":"settings.update"')
  })

  it('needs a login session for everything but public methods', async () => {
    const anonymous = await api('settings.update', { communityName: 'x' }, { 'x-shouwang-session': '' })
    expect(anonymous.status).toBe(401)
    expect(errorOf(anonymous).message).toBe('请先登录。')
    const forged = await api('system.info', {}, { 'x-shouwang-session': 'f'.repeat(64) })
    expect(forged.status).toBe(401)
    expect((await api('auth.status', {}, { 'x-shouwang-session': '' })).status).toBe(200)
    expect(backend.count('audit_log')).toBe(1)
  })

  it('refuses the event stream without the token', async () => {
    const res = await request('/api/events', { method: 'GET', headers: { 'x-shouwang-token': '' } })
    expect(res.status).toBe(401)
  })
})
