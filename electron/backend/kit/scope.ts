import { AppError } from '../../../shared/errors'
import type { Session } from '../context'
import type { SqlPart } from './db'

/**
 * The grid-scope condition on a grid id column: nothing for 'all', else membership, which
 * also hides records whose grid is unknown (NULL is in no list).
 */
export function scopeSql(column: string, scope: readonly number[] | 'all'): SqlPart {
  if (scope === 'all') return { sql: '1 = 1', params: [] }
  if (scope.length === 0) return { sql: '0 = 1', params: [] }
  return { sql: `${column} IN (${scope.map(() => '?').join(', ')})`, params: [...scope] }
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
