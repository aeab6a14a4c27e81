import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp } from './support/app'
import type { RunningApp } from './support/app'

interface RawReply {
  status: number
  body: string
}

/** node:http, because fetch will not let a caller set Host. */
function rawPost(origin: string, pathname: string, headers: Record<string, string>): Promise<RawReply> {
  const target = new URL(pathname, origin)
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': 2, ...headers }
      },
      (response) => {
        let body = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (body += chunk))
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
      }
    )
    request.on('error', reject)
    request.end('{}')
  })
}

describe('browser mode access control', () => {
  let app: RunningApp

  beforeAll(async () => {
    app = await startApp()
  })

  afterAll(async () => {
    if (app) expect(await app.stop()).toBe(0)
  })

  it('shows the token error when opened without ?t= and without a stored token', async () => {
    // A fresh tab: nothing in sessionStorage and no token in the URL.
    const page = app.page
    await page.goto(`${app.origin}/`)
    const unavailable = page.getByTestId('unavailable')
    await unavailable.waitFor()
    expect(await page.evaluate("sessionStorage.getItem('shouwang.token')")).toBeNull()
    expect(await unavailable.textContent()).toContain('访问令牌无效')
    expect(await page.getByTestId('main-menu').count()).toBe(0)
    await app.screenshot('no-token')
    // The browser logs the refused call itself; nothing else may go wrong.
    const unexpected = app.consoleErrors.filter((line) => !/status of 401 .*\/api\//.test(line))
    expect(unexpected).toEqual([])
  })

  it('refuses a wrong token from Node as well', async () => {
    const reply = await rawPost(app.origin, '/api/system.ping', { 'x-shouwang-token': 'wrong' })
    expect(reply.status).toBe(401)
    expect(reply.body).toContain('访问令牌无效')
  })

  it('refuses a foreign Origin even with the right token', async () => {
    const response = await fetch(`${app.origin}/api/system.ping`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-shouwang-token': app.token, Origin: 'http://evil.example' },
      body: '{}'
    })
    expect(response.status).toBe(403)
    const body = (await response.json()) as { ok: boolean; error?: { code: string } }
    expect(body.ok).toBe(false)
    expect(body.error?.code).toBe('FORBIDDEN')
  })

  it('refuses a foreign Host (DNS rebinding) even with the right token', async () => {
    const reply = await rawPost(app.origin, '/api/system.ping', { Host: 'evil.example', 'x-shouwang-token': app.token })
    expect(reply.status).toBe(403)
    expect(reply.body).toContain('FORBIDDEN')
  })

  it('still answers the right caller afterwards', async () => {
    const pong = await app.apiData('system.ping', {})
    expect(pong.pong).toBe(true)
    const same = await rawPost(app.origin, '/api/system.ping', { 'x-shouwang-token': app.token, Origin: app.origin })
    expect(same.status).toBe(200)
  })
})
