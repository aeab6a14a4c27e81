import { timingSafeEqual } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createApiHandler, sendError } from './api-handler'
import type { BackendLike } from './api-handler'

export { DEFAULT_MAX_BODY_BYTES, SESSION_HEADER } from './api-handler'
export type { BackendLike } from './api-handler'

export const TOKEN_HEADER = 'x-shouwang-token'

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

function tokenMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * Browser mode: the app over HTTP on 127.0.0.1 only. Static files need only a right Host;
 * every API call needs the per-launch token, a right Host and (when sent) a right Origin.
 */
export function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  let allowedHosts = new Set<string>()
  let allowedOrigins = new Set<string>()
  const handler = createApiHandler({
    backend: options.backend,
    staticDir: options.staticDir,
    maxBodyBytes: options.maxBodyBytes,
    door: {
      hostAllowed: (host) => allowedHosts.has(host),
      originAllowed: (origin) => allowedOrigins.has(origin),
      admit(req, res) {
        if (tokenMatches(req.headers[TOKEN_HEADER], options.token)) return {}
        sendError(res, 'UNAUTHORIZED', '访问令牌无效，请使用启动时显示的完整地址打开。')
        return null
      }
    }
  })
  const server = http.createServer((req, res) => handler.handle(req, res))

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
            handler.close()
            server.close(() => done())
            server.closeAllConnections()
          })
      })
    })
  })
}
