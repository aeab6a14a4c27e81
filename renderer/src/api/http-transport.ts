import type { Method, MethodArgs, MethodResult } from '../../../shared/contract'
import type { BackendEvent } from '../../../shared/contract/types'
import type { Envelope } from '../../../shared/errors'
import { decodeWire, encodeWire } from '../../../shared/wire'
import { assertBridgeData } from './bridge-data'

const TOKEN_KEY = 'shouwang.token'

/**
 * The launch URL carries ?t=<token>. Keep it for this tab only (sessionStorage) and take it
 * out of the address bar so it is not bookmarked, printed or shown over a shoulder.
 */
export function takeLaunchToken(): string | null {
  const url = new URL(window.location.href)
  const fromUrl = url.searchParams.get('t')
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl)
    url.searchParams.delete('t')
    window.history.replaceState(null, '', url.pathname + url.search + url.hash)
  }
  return sessionStorage.getItem(TOKEN_KEY)
}

export function httpCall<M extends Method>(
  token: string | null,
  session: string | null,
  method: M,
  args: MethodArgs<M>,
  extraHeaders: Record<string, string> = {}
): Promise<Envelope<MethodResult<M>>> {
  // Throws like contextBridge would: the caller's promise rejects and nothing is sent.
  assertBridgeData(args)
  return (
    fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-shouwang-token': token ?? '', 'x-shouwang-session': session ?? '', ...extraHeaders },
      body: encodeWire(args)
    })
      // The one trust point of the HTTP path: the server answers with the envelope of M.
      .then(async (response) => decodeWire(await response.text()) as Envelope<MethodResult<M>>)
      .catch((): Envelope<MethodResult<M>> => ({
        ok: false,
        error: { code: 'BACKEND_UNAVAILABLE', message: '无法连接到守望后台，请确认程序仍在运行。' }
      }))
  )
}

/** Server-sent events read with fetch (EventSource cannot send the token header); reconnects. */
export function httpEvents(token: string | null, listener: (event: BackendEvent) => void): () => void {
  let stopped = false
  let controller: AbortController | null = null
  const connect = async () => {
    while (!stopped) {
      controller = new AbortController()
      try {
        const response = await fetch('/api/events', {
          headers: { 'x-shouwang-token': token ?? '' },
          signal: controller.signal
        })
        // A refused token will not start working by retrying: stop instead of polling forever.
        if (response.status === 401 || response.status === 403) return
        if (!response.ok || !response.body) throw new Error(`events ${response.status}`)
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
        let buffer = ''
        for (;;) {
          const { value, done } = await reader.read()
          if (done) break
          buffer += value
          let cut = buffer.indexOf('\n\n')
          while (cut >= 0) {
            const frame = buffer.slice(0, cut)
            buffer = buffer.slice(cut + 2)
            const data = frame
              .split('\n')
              .filter((line) => line.startsWith('data: '))
              .map((line) => line.slice(6))
              .join('\n')
            if (data) listener(JSON.parse(data) as BackendEvent)
            cut = buffer.indexOf('\n\n')
          }
        }
      } catch {
        /* reconnect below */
      }
      if (!stopped) await new Promise((resolve) => setTimeout(resolve, 2000))
    }
  }
  void connect()
  return () => {
    stopped = true
    controller?.abort()
  }
}
