/**
 * Every failure that crosses the bridge is an AppError: a stable code for programs,
 * a Chinese message fit to show a clerk, and details that say which field or row.
 */
export const ERROR_CODES = {
  UNKNOWN_METHOD: 404,
  BAD_ARGS: 400,
  BAD_JSON: 400,
  UNAUTHORIZED: 401,
  /** The session ended after the idle-lock time: log in again (same account). */
  SESSION_EXPIRED: 401,
  /** Too many attempts already waiting their turn for this account: answered at once, nothing checked. */
  TOO_MANY_ATTEMPTS: 429,
  /** The session may only set a new password (new account, or reset by the administrator). */
  PASSWORD_CHANGE_REQUIRED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RULE_VIOLATION: 422,
  PAYLOAD_TOO_LARGE: 413,
  STORE_LOCKED: 423,
  STORE_CORRUPT: 500,
  STORE_TOO_NEW: 500,
  STORE_MIGRATION_FAILED: 500,
  STORE_WRITE_FAILED: 507,
  /** The journal holds a damaged stretch with intact records after it: refused unless salvage is asked. */
  STORE_JOURNAL_DAMAGED: 500,
  /** The snapshot's bytes are not the ones last written (checksum): restore a backup. */
  STORE_SNAPSHOT_DAMAGED: 500,
  /** The data folder was deleted, moved or replaced while the program ran: no write is acknowledged. */
  STORE_FOLDER_GONE: 503,
  /** The data folder is sealed with another key than the one given (data folder and key file do not belong together). */
  STORE_KEY_WRONG: 500,
  /** A data folder lived here and is gone: the start asks before setting up an empty one. */
  STORE_MISSING: 409,
  BACKEND_UNAVAILABLE: 503,
  INTERNAL: 500
} as const

export type ErrorCode = keyof typeof ERROR_CODES

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. "members.2.idNumber". */
  path: string
  message: string
}

export interface ErrorDetails {
  issues?: FieldIssue[]
  [key: string]: unknown
}

export interface ErrorBody {
  code: ErrorCode
  message: string
  details?: ErrorDetails
}

export class AppError extends Error {
  readonly code: ErrorCode
  readonly details: ErrorDetails | undefined

  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.details = details
  }

  toBody(): ErrorBody {
    return this.details === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, details: this.details }
  }
}

/**
 * The one way field issues become a failure: BAD_ARGS, the issues in details (forms show each
 * under its field, by path), and a message for where no field shows it. The message's
 * '填写的内容有误（path）：' is built here only; forms never parse it.
 */
export function badArgsBody(issues: FieldIssue[]): ErrorBody & { details: { issues: FieldIssue[] } } {
  const first = issues[0]
  const where = first?.path ? `（${first.path}）` : ''
  return { code: 'BAD_ARGS', message: `填写的内容有误${where}：${first?.message ?? '参数不正确'}`, details: { issues } }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value)
}

export function httpStatusOf(code: ErrorCode): number {
  return ERROR_CODES[code]
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody }
