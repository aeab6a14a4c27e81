import { AppError } from '../../../shared/errors'
import type { FieldIssue } from '../../../shared/errors'
import type { Session } from '../context'

/** Digits padded so that text order is the order a person expects: 2栋 before 10栋. */
export function naturalKey(text: string): string {
  return text.replace(/\d+/g, (digits) => digits.padStart(8, '0'))
}

export function inScope(session: Session, gridId: number | null): boolean {
  if (session.gridScope === 'all') return true
  return gridId !== null && session.gridScope.includes(gridId)
}

/** Refuses a change to a record outside the caller's grids. */
export function assertInScope(session: Session, gridId: number | null, what: string): void {
  if (!inScope(session, gridId)) {
    throw new AppError('FORBIDDEN', `${what}不在您负责的网格内，不能查看或修改。`, { gridId })
  }
}

/**
 * A record asked for by id that lies outside the caller's grids is answered exactly as a
 * missing one: a grid worker must not learn that an id exists in another grid, or which grid.
 */
export function assertVisible(session: Session, gridId: number | null, missing: AppError): void {
  if (!inScope(session, gridId)) throw missing
}

/** Grid structure (new grids, buildings) is the office's business, not a grid worker's. */
export function assertWholeCommunity(session: Session, action: string): void {
  if (session.gridScope !== 'all') {
    throw new AppError('FORBIDDEN', `${action}需要全社区的权限，网格员不能操作。`)
  }
}

/** Field errors found by the backend itself (e.g. against today's date), shaped like dispatch's BAD_ARGS. */
export function badFields(issues: FieldIssue[]): AppError {
  const first = issues[0]
  const where = first?.path ? `（${first.path}）` : ''
  return new AppError('BAD_ARGS', `填写的内容有误${where}：${first?.message ?? '参数不正确'}`, { issues })
}

export function notFound(what: string, id: number): AppError {
  return new AppError('NOT_FOUND', `找不到该${what}（编号 ${id}），可能已被删除。`, { id })
}

export function pageOf(args: { page?: number | undefined; pageSize?: number | undefined }): { page: number; pageSize: number; offset: number } {
  const page = args.page ?? 1
  const pageSize = args.pageSize ?? 20
  return { page, pageSize, offset: (page - 1) * pageSize }
}
