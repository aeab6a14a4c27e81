import type { ExportedFile } from '../../../../shared/contract/audit'
import type { Permission } from '../../../../shared/contract/types'
import { AppError } from '../../../../shared/errors'
import type { Ctx, Session } from '../../context'
import { loadSettings } from '../../settings/settings.service'
import { handOutName } from './file-names'
import type { ExportSource } from './types'
import { writeBook, writeCsv } from './writer'

export interface ExportRequest {
  /** Full numbers, with the reason the clerk gave (kept in the audit row, never the numbers). */
  full?: { reason: string } | null
  format?: 'xlsx' | 'csv'
  /** Progress events for a long list. */
  jobId?: string
  /** What the audit row records as the filters; the source's arguments when not given. */
  filter?: unknown
}

function has(session: Session, permission: Permission): boolean {
  return session.permissions === 'all' || session.permissions.has(permission)
}

/**
 * The one permission rule of every export: the domain's view permission (whoever may see the
 * records on screen) and data.export (whoever may take them out of the office); full numbers
 * also data.exportFull, and only from a source that holds numbers. 只读 views and prints but has
 * no data.export, so it exports nothing; the 卡口值守 role has no view permission of any list.
 */
export function mayExport(session: Session, source: Pick<ExportSource<never>, 'permission' | 'fullNumbers'>, full: boolean): boolean {
  if (!has(session, source.permission) || !has(session, 'data.export')) return false
  return !full || (source.fullNumbers === true && has(session, 'data.exportFull'))
}

/**
 * Builds a domain's export and writes it with the one writer. The audit row (who, which source,
 * the filters, how many rows, masked or full, the reason) is handed to dispatch only once the
 * file is made, so an export that failed is not recorded as done; dispatch writes it outside the
 * mutation queue, since an export changes no records.
 */
export async function runExport<A>(ctx: Ctx, source: ExportSource<A>, args: A, request: ExportRequest = {}): Promise<ExportedFile> {
  const full = request.full ?? null
  if (!mayExport(ctx.session, source, full !== null)) {
    throw new AppError('FORBIDDEN', full ? `您没有导出“${source.label}”完整号码的权限。` : `您没有导出“${source.label}”的权限。`, { source: source.key })
  }
  const now = ctx.now()
  const book = source.build(args, { db: ctx.store, session: ctx.session, now, full: full !== null })
  const jobId = request.jobId
  const imprint = {
    community: loadSettings(ctx.store).communityName,
    actor: ctx.session.actor,
    at: now,
    full: full !== null,
    onRow: jobId ? (done: number) => ctx.emit({ type: 'progress', jobId, done, total: 0, label: '正在导出' }) : undefined
  }
  const format = request.format ?? 'xlsx'
  const { bytes, rows } = format === 'csv' ? writeCsv(book, imprint) : await writeBook(book, imprint)
  const fileBase = `${book.fileName}.${format}`
  const fileName = handOutName(ctx.store, fileBase, now)
  ctx.exported({
    summary: full ? `${book.summary(rows)}，原因：${full.reason}` : book.summary(rows),
    detail: { source: source.key, filter: request.filter ?? args, rows, format, full: full !== null, reason: full?.reason ?? null, fileBase, fileName }
  })
  return { fileName, bytes }
}
