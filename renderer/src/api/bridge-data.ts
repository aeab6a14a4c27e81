import { isProxy, toRaw } from 'vue'

/**
 * What may cross Electron's contextBridge and IPC: structured-clonable plain data. A Vue
 * reactive Proxy is not ("An object could not be cloned"), and neither are functions, class
 * instances with behaviour, Maps or Sets that the backend would not understand.
 */
export class BridgeDataError extends Error {
  constructor(what: string) {
    super(`An object could not be cloned: ${what}`)
    this.name = 'BridgeDataError'
  }
}

/**
 * A plain copy of a call's arguments: Vue proxies unwrapped at every depth, arrays and plain
 * objects copied, bytes (Uint8Array) and dates kept. Forms pass their reactive models (or
 * objects holding reactive arrays); this is what makes them safe to send from either host.
 */
export function toBridgeData<T>(value: T): T {
  // The copy has the shape of the value it copies (proxies are transparent to TypeScript).
  return copyPlain(value, 'args') as T
}

function copyPlain(value: unknown, path: string): unknown {
  const raw: unknown = isProxy(value) ? toRaw(value) : value
  if (raw === null || raw === undefined) return raw
  switch (typeof raw) {
    case 'string':
    case 'number':
    case 'boolean':
      return raw
    case 'object':
      break
    default:
      throw new BridgeDataError(`${path} is a ${typeof raw}`)
  }
  if (raw instanceof Uint8Array) return raw
  if (raw instanceof Date) return new Date(raw.getTime())
  if (Array.isArray(raw)) return raw.map((item, index) => copyPlain(item, `${path}[${index}]`))
  const proto: unknown = Object.getPrototypeOf(raw)
  if (proto !== Object.prototype && proto !== null) throw new BridgeDataError(`${path} is not plain data`)
  const copy: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(raw)) copy[key] = copyPlain(item, `${path}.${key}`)
  return copy
}

/**
 * The bridge's rule, enforced where there is no bridge: browser mode passes every call's
 * arguments through structuredClone before encoding them, so an argument the desktop app
 * could not send fails in browser mode (and in every e2e test) exactly as it would there.
 */
export function assertBridgeData(value: unknown): void {
  try {
    structuredClone(value)
  } catch (error) {
    throw new BridgeDataError(error instanceof Error ? error.message : String(error))
  }
}
