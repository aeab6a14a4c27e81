import type { IncomingMessage, ServerResponse } from 'node:http'
import type { BackendEvent } from '../../shared/contract'
import { httpStatusOf } from '../../shared/errors'
import type { Envelope, ErrorCode } from '../../shared/errors'
import { decodeWire, encodeWire } from '../../shared/wire'
import { securityHeaders, sendStatic } from './static-files'

/** The login session (from auth.login), separate from what opens the door (launch token or device cookie). */
export const SESSION_HEADER = 'x-shouwang-session'
/** Excel files of up to 20 MB travel as base64 (x4/3) plus the JSON around them. */
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024

export interface BackendLike {
  /** device: the raw device token of a LAN client (its cookie); undefined for the office PC's own window. */
  call(method: string, args: unknown, session: string | null, device?: string): Promise<Envelope<unknown>>
  onEvent(listener: (event: BackendEvent) => void): () => void
}

/** Who a request comes from, as the listener in front decided: undefined device = the local window. */
export interface Admitted {
  device?: string
  /** Headers the listener adds to every answer (the device cookie). */
  headers?: Record<string, string>
}

/**
 * What differs between the two listeners: which Host and Origin are right, and how an API call
 * proves it may knock (the launch token locally, a paired device's cookie on the LAN). admit
 * answers the request itself (and returns null) when it refuses.
 */
export interface Door {
  hostAllowed(host: string): boolean
  originAllowed(origin: string): boolean
  admit(req: IncomingMessage, res: ServerResponse): Admitted | null
}

export interface ApiHandlerOptions {
  backend: BackendLike
  staticDir: string
  maxBodyBytes?: number
  door: Door
}

export function sendEnvelope(res: ServerResponse, status: number, envelope: Envelope<unknown>, extra: Record<string, string> = {}): void {
  const body = encodeWire(envelope)
  res.writeHead(status, {
    ...securityHeaders(),
    ...extra,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(body)
  })
  res.end(body)
}

export function sendError(res: ServerResponse, code: ErrorCode, message: string, extra: Record<string, string> = {}): void {
  sendEnvelope(res, httpStatusOf(code), { ok: false, error: { code, message } }, extra)
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

export interface ApiHandler {
  handle(req: IncomingMessage, res: ServerResponse): void
  /** Ends the event streams of the devices for which drop says so (a revoked device). */
  closeStreams(drop: (device: string | undefined) => boolean): void
  /** The devices holding a stream now (LAN), to be checked after a change of the devices. */
  streamDevices(): Set<string>
  close(): void
}

/**
 * One request handler for both listeners (browser mode's 127.0.0.1 HTTP and the LAN's HTTPS):
 * Host and Origin checks, the built renderer, POST /api/<method> into the backend, and the
 * change events over SSE. Host and Origin checks stop other web pages and DNS-rebinding
 * tricks from reaching the data.
 */
export function createApiHandler(options: ApiHandlerOptions): ApiHandler {
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const { door } = options
  const streams = new Map<ServerResponse, string | undefined>()

  async function respond(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (!door.hostAllowed(req.headers.host ?? '')) return sendError(res, 'FORBIDDEN', '拒绝访问：地址不正确。')
    const origin = req.headers.origin
    if (origin !== undefined && !door.originAllowed(origin)) return sendError(res, 'FORBIDDEN', '拒绝访问：来源不正确。')

    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 'NOT_FOUND', '没有这个地址。')
      if (!sendStatic(res, options.staticDir, url.pathname)) sendError(res, 'NOT_FOUND', '没有这个地址。')
      return
    }
    const admitted = door.admit(req, res)
    if (!admitted) {
      req.resume()
      return
    }
    const extra = admitted.headers ?? {}
    if (url.pathname === '/api/events' && req.method === 'GET') return openEventStream(res, admitted, extra)
    if (req.method !== 'POST') return sendError(res, 'NOT_FOUND', '没有这个地址。', extra)

    const method = url.pathname.slice('/api/'.length)
    let text: string
    try {
      text = await readBody(req, maxBody)
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        res.setHeader('Connection', 'close')
        return sendError(res, 'PAYLOAD_TOO_LARGE', `提交的内容太大（上限 ${Math.round(maxBody / 1024 / 1024)} MB）。`, extra)
      }
      throw error
    }
    let args: unknown
    try {
      args = text.trim() === '' ? {} : decodeWire(text)
    } catch {
      return sendError(res, 'BAD_JSON', '提交的内容不是有效的 JSON。', extra)
    }
    const sessionHeader = req.headers[SESSION_HEADER]
    const session = typeof sessionHeader === 'string' && sessionHeader.length <= 128 ? sessionHeader : null
    const envelope = await options.backend.call(method, args, session, admitted.device)
    sendEnvelope(res, envelope.ok ? 200 : httpStatusOf(envelope.error.code), envelope, extra)
  }

  async function openEventStream(res: ServerResponse, admitted: Admitted, extra: Record<string, string>): Promise<void> {
    if (admitted.device !== undefined) {
      // Only a paired device hears what changes (a pending one learns nothing of the records).
      const status = await options.backend.call('devices.pairStatus', {}, null, admitted.device)
      if (!status.ok || (status.data as { status: string }).status !== 'approved') {
        return sendError(res, 'UNAUTHORIZED', '这台设备还没有获准连接。', extra)
      }
    }
    res.writeHead(200, {
      ...securityHeaders(),
      ...extra,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive'
    })
    res.write(': connected\n\n')
    streams.set(res, admitted.device)
    res.on('close', () => streams.delete(res))
  }

  const unsubscribe = options.backend.onEvent((event) => {
    const frame = `data: ${JSON.stringify(event)}\n\n`
    for (const stream of streams.keys()) stream.write(frame)
  })
  const heartbeat = setInterval(() => {
    for (const stream of streams.keys()) stream.write(': keep-alive\n\n')
  }, 20_000)
  heartbeat.unref()

  return {
    handle(req, res) {
      void respond(req, res).catch((error: unknown) => {
        console.error('[server] request failed:', error)
        if (!res.headersSent) sendError(res, 'INTERNAL', '服务器内部出错。')
        else res.end()
      })
    },
    closeStreams(drop) {
      for (const [stream, device] of streams) {
        if (drop(device)) {
          streams.delete(stream)
          stream.end()
        }
      }
    },
    streamDevices() {
      return new Set([...streams.values()].filter((device): device is string => device !== undefined))
    },
    close() {
      clearInterval(heartbeat)
      unsubscribe()
      for (const stream of streams.keys()) stream.end()
      streams.clear()
    }
  }
}
