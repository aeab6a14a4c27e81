import { AppError } from '../../../shared/errors'

/**
 * Stale writes (issue 24: an office PC and a gate tablet on one database). A form sends the
 * updated_at of the record as it opened it; when the record has changed since, the save is
 * refused rather than silently overwriting what the other device wrote. details.stale tells
 * the form to offer 重新载入.
 */
export function assertFresh(current: string, expected: string | undefined, what: string): void {
  if (expected === undefined || expected === current) return
  throw new AppError('CONFLICT', `${what}刚被别人（另一台电脑或平板）修改过，您看到的不是最新内容。请点“重新载入”，看过最新内容后再修改。`, {
    stale: true,
    currentUpdatedAt: current
  })
}

/** A write's updated_at, always later than the one it replaces, so two saves in one millisecond still differ. */
export function laterThan(at: string, previous: string): string {
  const prev = Date.parse(previous)
  return Number.isFinite(prev) && Date.parse(at) <= prev ? new Date(prev + 1).toISOString() : at
}
