import { isoDate } from './common'
import { cleanString, z } from './zod'

export const auditFilterShape = {
  actor: cleanString().trim().max(64).optional(),
  /** Method name ('residents.update') or a prefix ('auth.'). */
  action: cleanString().trim().max(64).optional(),
  /** Inclusive calendar dates in the office's local time. */
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Matches the summary or the record reference. */
  text: cleanString().trim().max(64).optional()
}

export const auditListArgs = z.strictObject({
  ...auditFilterShape,
  page: z.number().int().min(1).optional(),
  pageSize: z.number().int().min(1).max(200).optional()
})
export type AuditListArgs = z.infer<typeof auditListArgs>

export const auditExportArgs = z.strictObject(auditFilterShape)
export type AuditExportArgs = z.infer<typeof auditExportArgs>
