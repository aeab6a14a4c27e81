import { cleanString, z } from './zod'

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')

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
