/**
 * JSON over HTTP cannot carry bytes; files cross the bridge as Uint8Array, which the
 * HTTP host sends as { "$bytes": "<base64>" }. IPC carries Uint8Array natively.
 */
const BYTES_KEY = '$bytes'

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  const chunk = 0x8000
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk))
  }
  return btoa(binary)
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

export function encodeWire(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (item instanceof Uint8Array ? { [BYTES_KEY]: toBase64(item) } : item))
}

export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, item: unknown) => {
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
      const keys = Object.keys(item)
      const encoded = (item as Record<string, unknown>)[BYTES_KEY]
      if (keys.length === 1 && typeof encoded === 'string') return fromBase64(encoded)
    }
    return item
  })
}
