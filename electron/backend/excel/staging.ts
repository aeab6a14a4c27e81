import { randomUUID } from 'node:crypto'
import { AppError } from '../../../shared/errors'
import type { ImportTargetKey } from '../../../shared/schemas/excel'
import type { RawCell, SheetData } from './cells'
import type { CheckRun } from './import-check'
import { packSheet, packedBytes, unpackSheet } from './packed'
import type { PackedWorkbook } from './packed'
import type { CheckedRow } from './targets/types'

export interface StagedFile {
  id: string
  accountId: number | null
  target: ImportTargetKey
  fileName: string
  /** The sheets packed (packed.ts): a few bytes a cell, unpacked only for the step that needs one. */
  workbook: PackedWorkbook
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

/**
 * Several devices import into one office PC: the staging area is bounded in files and in bytes
 * for all of them together, and one account's files never push out another's (a clerk's wizard
 * on another PC keeps its file). Beyond the bounds a new file is refused with a clear message.
 */
export const STAGING_LIMITS = { perAccount: 2, maxFiles: 8, maxBytes: 384 * 1024 * 1024, ttlMs: 30 * 60_000 }

const MB = (bytes: number) => Math.ceil(bytes / 1024 / 1024)
const usedBytes = () => [...STAGED.values()].reduce((sum, s) => sum + packedBytes(s.workbook), 0)
const oldestFirst = (files: Iterable<StagedFile>) => [...files].sort((a, b) => a.touchedAt - b.touchedAt)

function sweepExpired(now: number): void {
  for (const [id, staged] of STAGED) if (now - staged.touchedAt > STAGING_LIMITS.ttlMs) STAGED.delete(id)
}

/** Oldest first out, the account's own: a clerk who opened several files keeps only the latest. */
function makeRoomFor(accountId: number | null): void {
  const own = oldestFirst([...STAGED.values()].filter((s) => s.accountId === accountId))
  for (const s of own.slice(0, Math.max(0, own.length - STAGING_LIMITS.perAccount + 1))) STAGED.delete(s.id)
}

/** Files already imported hold only their rejected rows: the first to go when the area is full. */
function dropCommittedUntil(fits: () => boolean): void {
  for (const s of oldestFirst(STAGED.values())) {
    if (fits()) return
    if (s.committed) STAGED.delete(s.id)
  }
}

function refuseFull(): AppError {
  return new AppError(
    'RULE_VIOLATION',
    `其他电脑正在导入的文件较多（共 ${STAGED.size} 个，约 ${MB(usedBytes())} MB），暂时不能再读取新文件。请等他们完成或放弃导入后再试（未操作的文件 30 分钟后自动清除）。`,
    { staged: STAGED.size }
  )
}

/** Before reading: is there room for one more file of this account? (Reading a file that cannot be kept wastes the clerk's wait.) */
export function assertRoom(accountId: number | null, now: number): void {
  sweepExpired(now)
  makeRoomFor(accountId)
  dropCommittedUntil(() => STAGED.size < STAGING_LIMITS.maxFiles)
  if (STAGED.size >= STAGING_LIMITS.maxFiles) throw refuseFull()
}

export function stage(file: Omit<StagedFile, 'id' | 'touchedAt'>, now: number): StagedFile {
  const size = packedBytes(file.workbook)
  if (size > STAGING_LIMITS.maxBytes) {
    throw new AppError('RULE_VIOLATION', `文件内容太多（读出约 ${MB(size)} MB），请拆分成几个文件后再导入。`, { bytes: size })
  }
  assertRoom(file.accountId, now)
  dropCommittedUntil(() => usedBytes() + size <= STAGING_LIMITS.maxBytes)
  if (usedBytes() + size > STAGING_LIMITS.maxBytes) throw refuseFull()
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

/** One sheet's rows, unpacked for the step at hand (let go when the step ends). */
export function sheetOf(s: StagedFile, index: number): SheetData | undefined {
  const packed = s.workbook.sheets[index]
  return packed ? unpackSheet(packed) : undefined
}

/** Only the account that read the file may throw it away. */
export function discard(id: string, accountId: number | null): boolean {
  return STAGED.get(id)?.accountId === accountId && STAGED.delete(id)
}

/** What the staging area holds now (tests and the bench watch the bound). */
export function stagingUse(): { files: number; bytes: number } {
  return { files: STAGED.size, bytes: usedBytes() }
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
  const sheet = sheetOf(s, last.sheet)
  s.workbook = {
    kind: s.workbook.kind,
    proposed: last.sheet,
    sheets: s.workbook.sheets.map((packed, i) =>
      i === last.sheet && sheet
        ? packSheet({ ...sheet, rows: sheet.rows.map((row, r) => (keep.has(r) ? row : NO_CELLS)) })
        : packSheet({ name: packed.name, hidden: packed.hidden, rows: [], merges: [] })
    )
  }
  s.last = { ...last, rows: rejected }
  delete s.checked
}
