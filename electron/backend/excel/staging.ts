import { randomUUID } from 'node:crypto'
import { AppError } from '../../../shared/errors'
import type { ImportTargetKey } from '../../../shared/schemas/excel'
import type { RawCell, WorkbookData } from './cells'
import type { CheckRun } from './import-check'
import type { CheckedRow } from './targets/types'

export interface StagedFile {
  id: string
  accountId: number | null
  target: ImportTargetKey
  fileName: string
  workbook: WorkbookData
  bytes: number
  touchedAt: number
  committed?: boolean
  /** The last check, so the rejected rows can be downloaded. */
  last?: { sheet: number; headerStart: number; headerEnd: number; labels: string[]; rows: CheckedRow<unknown>[] }
  /**
   * The check the clerk was shown, and the state it was made against (store version, day, the
   * request): when none of that has changed, the commit writes these rows without checking again.
   */
  checked?: { run: CheckRun; version: number; day: string; request: string }
}

/** Parsed files wait here between the wizard's steps, so commit does not resend the bytes. */
const STAGED = new Map<string, StagedFile>()
export const STAGING_LIMITS = { maxFiles: 4, ttlMs: 30 * 60_000 }

function sweep(now: number): void {
  for (const [id, staged] of STAGED) if (now - staged.touchedAt > STAGING_LIMITS.ttlMs) STAGED.delete(id)
  // Oldest first out: a clerk who opened many files keeps only the latest few.
  while (STAGED.size >= STAGING_LIMITS.maxFiles) {
    const oldest = [...STAGED.values()].sort((a, b) => a.touchedAt - b.touchedAt)[0]
    if (!oldest) break
    STAGED.delete(oldest.id)
  }
}

export function stage(file: Omit<StagedFile, 'id' | 'touchedAt'>, now: number): StagedFile {
  sweep(now)
  const staged: StagedFile = { ...file, id: randomUUID(), touchedAt: now }
  STAGED.set(staged.id, staged)
  return staged
}

export function staged(id: string, accountId: number | null, now: number): StagedFile {
  const found = STAGED.get(id)
  if (!found || found.accountId !== accountId || now - found.touchedAt > STAGING_LIMITS.ttlMs) {
    if (found && now - found.touchedAt > STAGING_LIMITS.ttlMs) STAGED.delete(id)
    throw new AppError('NOT_FOUND', '导入文件已过期（超过 30 分钟未操作或已完成导入），请重新选择文件。', { stagingId: id })
  }
  found.touchedAt = now
  return found
}

/** Only the account that read the file may throw it away. */
export function discard(id: string, accountId: number | null): boolean {
  return STAGED.get(id)?.accountId === accountId && STAGED.delete(id)
}

const NO_CELLS: RawCell[] = []

/**
 * After a commit only the rejected rows are still wanted (to download, fix and import again):
 * the rest of a 50,000-row file is let go now rather than held for half an hour.
 */
export function keepOnlyRejected(s: StagedFile): void {
  const last = s.last
  if (!last) return
  const rejected = last.rows.filter((r) => r.status === 'error')
  const keep = new Set(rejected.map((r) => r.row - 1))
  s.workbook = {
    kind: s.workbook.kind,
    sheets: s.workbook.sheets.map((sheet, i) =>
      i === last.sheet ? { ...sheet, rows: sheet.rows.map((row, r) => (keep.has(r) ? row : NO_CELLS)) } : { ...sheet, rows: [], merges: [] }
    )
  }
  s.last = { ...last, rows: rejected }
  delete s.checked
}
