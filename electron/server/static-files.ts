import fs from 'node:fs'
import type { ServerResponse } from 'node:http'
import path from 'node:path'
import { CONTENT_SECURITY_POLICY } from '../../shared/csp'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
}

/** Maps a URL path to a file inside root, or null when it would leave root or does not exist. */
export function resolveStaticFile(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '')
  const resolved = path.resolve(root, relative)
  if (resolved !== root && !resolved.startsWith(root + path.sep)) return null
  try {
    if (fs.statSync(resolved).isFile()) return resolved
  } catch {
    /* fall through: not found */
  }
  return null
}

export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin'
  }
}

export function sendStatic(res: ServerResponse, root: string, urlPath: string): boolean {
  // The single-page app routes by hash, so anything unknown is a plain 404.
  const file = resolveStaticFile(root, urlPath)
  if (!file) return false
  const type = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
  const cache = file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable'
  res.writeHead(200, { ...securityHeaders(), 'Content-Type': type, 'Cache-Control': cache })
  fs.createReadStream(file).pipe(res)
  return true
}
