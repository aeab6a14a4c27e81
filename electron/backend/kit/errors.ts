import { AppError, badArgsBody } from '../../../shared/errors'
import type { FieldIssue } from '../../../shared/errors'

/** Field errors found by the backend itself (e.g. against today's date), shaped like dispatch's BAD_ARGS. */
export function badFields(issues: FieldIssue[]): AppError {
  const body = badArgsBody(issues)
  return new AppError(body.code, body.message, body.details)
}

export function notFound(what: string, id: number): AppError {
  return new AppError('NOT_FOUND', `找不到该${what}（编号 ${id}），可能已被删除。`, { id })
}
