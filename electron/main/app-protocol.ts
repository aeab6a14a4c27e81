import fs from 'node:fs/promises'
import path from 'node:path'
import { net, protocol } from 'electron'
import { pathToFileURL } from 'node:url'
import { CONTENT_SECURITY_POLICY } from '../../shared/csp'
import { resolveStaticFile, securityHeaders } from '../server/static-files'
import { APP_HOST, APP_SCHEME } from './security'

/** Must run before app 'ready': app:// behaves like a secure, standard origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false } }])
}

/** Serves the built renderer from app://shouwang/, with the CSP header, never outside its folder. */
export function serveRenderer(rendererDir: string): void {
  const root = path.resolve(rendererDir)
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    const file = url.host === APP_HOST ? resolveStaticFile(root, url.pathname) : null
    if (!file) return new Response('Not found', { status: 404 })
    await fs.access(file)
    const response = await net.fetch(pathToFileURL(file).toString())
    const headers = new Headers(response.headers)
    for (const [name, value] of Object.entries(securityHeaders())) headers.set(name, value)
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    return new Response(response.body, { status: response.status, headers })
  })
}
