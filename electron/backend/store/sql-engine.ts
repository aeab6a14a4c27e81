import initSqlJs from 'sql.js'
import type { SqlJsStatic } from 'sql.js'

let wasmBinary: Uint8Array | null = null
let engine: Promise<SqlJsStatic> | null = null

/**
 * The hosts read sql.js's WebAssembly file themselves (the Electron main process reads it
 * out of app.asar, where its own fs support is proven) and hand the bytes to the backend
 * worker, so the worker never resolves a file path at run time: a bundled sql.js would
 * otherwise look for the .wasm beside the bundle, inside an archive a worker thread may not
 * be able to read. Must be called before the first Store.open to take effect.
 */
export function useSqlWasm(bytes: Uint8Array): void {
  wasmBinary = bytes
}

/** sql.js, loaded once: from the bytes the host provided, else from node_modules (tests, tools). */
export function loadSqlJs(): Promise<SqlJsStatic> {
  engine ??= initSqlJs(wasmBinary ? { wasmBinary: toArrayBuffer(wasmBinary) } : undefined)
  return engine
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength)
  copy.set(bytes)
  return copy.buffer
}
