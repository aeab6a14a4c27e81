import type { Method, MethodArgs, MethodResult } from '../../../shared/contract'
import type { BackendEvent } from '../../../shared/contract/types'
import type { Envelope, ErrorBody, ErrorCode, ErrorDetails } from '../../../shared/errors'
import { toBridgeData } from './bridge-data'
import { httpCall, httpEvents, takeLaunchToken } from './http-transport'
import { reportSessionLost, reportStoreGone, sessionToken } from './session'

/** A failed call, carrying the backend's code, Chinese message and details. */
export class ApiError extends Error {
  readonly code: ErrorCode
  readonly details: ErrorDetails | undefined
  constructor(body: ErrorBody) {
    super(body.message)
    this.name = 'ApiError'
    this.code = body.code
    this.details = body.details
  }
}

const bridge = window.shouwang
const token = bridge ? null : takeLaunchToken()

function transport<M extends Method>(method: M, args: MethodArgs<M>): Promise<Envelope<MethodResult<M>>> {
  const session = sessionToken()
  // Forms hand over their reactive models; only plain data may cross the bridge.
  const plain = toBridgeData(args)
  return bridge ? bridge.call(method, plain, session) : httpCall(token, session, method, plain)
}

/**
 * The renderer's one way to the backend: IPC inside Electron, HTTP in browser mode.
 * Argument and result types come from the contract.
 */
export async function call<M extends Method>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>> {
  const envelope = await transport(method, args)
  if (!envelope.ok) {
    const { code, message } = envelope.error
    if ((code === 'UNAUTHORIZED' || code === 'SESSION_EXPIRED') && !method.startsWith('auth.')) reportSessionLost(code, message)
    if (code === 'STORE_FOLDER_GONE') reportStoreGone(message)
    throw new ApiError(envelope.error)
  }
  return envelope.data
}

export function onBackendEvent(listener: (event: BackendEvent) => void): () => void {
  return bridge ? bridge.onEvent(listener) : httpEvents(token, listener)
}

/** The message to show a clerk for any failure. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message
  // Not an answer from the backend (an argument the bridge could not send, a bug in the page):
  // the clerk gets the generic message, the console (and every e2e test) gets the cause.
  console.error('[守望] 操作没有完成：', error)
  return '操作没有完成，请重试。'
}
