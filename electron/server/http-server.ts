import { timingSafeEqual } from 'node:crypto'
import http from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { BackendEvent } from '../../shared/contract'
import { httpStatusOf } from '../../shared/errors'
import type { Envelope, ErrorCode } from '../../shared/errors'
import { decodeWire, encodeWire } from '../../shared/wire'
import { securityHeaders, sendStatic } from './static-files'

export const TOKEN_HEADER = 'x-shouwang-token'
/** The login session (from auth.login), separate from the launch token that opens the door. */
export const SESSION_HEADER = 'x-shouwang-session'
/** Excel files of up to 20 MB travel as base64 (x4/3) plus the JSON around them. */
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024

export interface BackendLike {
  call(method: string, args: unknown, session: string | null): Promise<Envelope<unknown>>
  onEvent(listener: (event: BackendEvent) => void): () => void
}

export interface HttpServerOptions {
  backend: BackendLike
  token: string
  staticDir: string
  port: number
  maxBodyBytes?: number
}

export interface RunningServer {
  port: number
  url: string
  close(): Promise<void>
}

function sendEnvelope(res: ServerResponse, status: number, envelope: Envelope<unknown>): void {
  const body = encodeWire(envelope)
  res.writeHead(status, {
    ...securityHeaders(),
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(body)
  })
  res.end(body)
}

function sendError(res: ServerResponse, code: ErrorCode, message: string): void {
  sendEnvelope(res, httpStatusOf(code), { ok: false, error: { code, message } })
}

function tokenMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0)
    if (declared > limit) {
      reject(new BodyTooLarge())
      req.resume()
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        reject(new BodyTooLarge())
        req.removeAllListeners('data')
        req.resume()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/**
 * Browser mode: the app over HTTP on 127.0.0.1 only. Static files need only a right Host;
 * every API call needs the per-launch token, a right Host and (when sent) a right Origin.
 * Host and Origin checks stop other web pages and DNS-rebinding tricks from reaching the data.
 */
export function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const streams = new Set<ServerResponse>()
  let allowedHosts = new Set<string>()
  let allowedOrigins = new Set<string>()

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      console.error('[server] request failed:', error)
      if (!res.headersSent) sendError(res, 'INTERNAL', '服务器内部出错。')
      else res.end()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (!allowedHosts.has(req.headers.host ?? '')) return sendError(res, 'FORBIDDEN', '拒绝访问：地址不正确。')
    const origin = req.headers.origin
    if (origin !== undefined && !allowedOrigins.has(origin)) return sendError(res, 'FORBIDDEN', '拒绝访问：来源不正确。')

    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 'NOT_FOUND', '没有这个地址。')
      if (!sendStatic(res, options.staticDir, url.pathname)) sendError(res, 'NOT_FOUND', '没有这个地址。')
      return
    }
    if (!tokenMatches(req.headers[TOKEN_HEADER], options.token)) {
      req.resume()
      return sendError(res, 'UNAUTHORIZED', '访问令牌无效，请使用启动时显示的完整地址打开。')
    }
    if (url.pathname === '/api/events' && req.method === 'GET') return openEventStream(res)
    if (req.method !== 'POST') return sendError(res, 'NOT_FOUND', '没有这个地址。')

    const method = url.pathname.slice('/api/'.length)
    let text: string
    try {
      text = await readBody(req, maxBody)
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        res.setHeader('Connection', 'close')
        return sendError(res, 'PAYLOAD_TOO_LARGE', `提交的内容太大（上限 ${Math.round(maxBody / 1024 / 1024)} MB）。`)
      }
      throw error
    }
    let args: unknown
    try {
      args = text.trim() === '' ? {} : decodeWire(text)
    } catch {
      return sendError(res, 'BAD_JSON', '提交的内容不是有效的 JSON。')
    }
    const sessionHeader = req.headers[SESSION_HEADER]
    const session = typeof sessionHeader === 'string' && sessionHeader.length <= 128 ? sessionHeader : null
    const envelope = await options.backend.call(method, args, session)
    sendEnvelope(res, envelope.ok ? 200 : httpStatusOf(envelope.error.code), envelope)
  }

  function openEventStream(res: ServerResponse): void {
    res.writeHead(200, {
      ...securityHeaders(),
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive'
    })
    res.write(': connected\n\n')
    streams.add(res)
    res.on('close', () => streams.delete(res))
  }

  const unsubscribe = options.backend.onEvent((event) => {
    const frame = `data: ${JSON.stringify(event)}\n\n`
    for (const stream of streams) stream.write(frame)
  })
  const heartbeat = setInterval(() => {
    for (const stream of streams) stream.write(': keep-alive\n\n')
  }, 20_000)
  heartbeat.unref()

  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port
      allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`])
      allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`])
      resolve({
        port,
        url: `http://127.0.0.1:${port}/?t=${options.token}`,
        close: () =>
          new Promise<void>((done) => {
            clearInterval(heartbeat)
            unsubscribe()
            for (const stream of streams) stream.end()
            server.close(() => done())
            server.closeAllConnections()
          })
      })
    })
  })
}
