import { AppError } from '../../../shared/errors'
import type { FieldIssue } from '../../../shared/errors'

/** Field errors found by the backend itself (e.g. against today's date), shaped like dispatch's BAD_ARGS. */
export function badFields(issues: FieldIssue[]): AppError {
  const first = issues[0]
  const where = first?.path ? `（${first.path}）` : ''
  return new AppError('BAD_ARGS', `填写的内容有误${where}：${first?.message ?? '参数不正确'}`, { issues })
}

export function notFound(what: string, id: number): AppError {
  return new AppError('NOT_FOUND', `找不到该${what}（编号 ${id}），可能已被删除。`, { id })
}
