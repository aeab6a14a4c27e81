/**
 * Schema parts every domain uses: record ids, free text (cleaned before it is judged empty),
 * the recycle bin's delete arguments and paging.
 */
import { splitIsoDate } from '../domain/dates'
import { cleanString, z } from './zod'

export const recordId = (label: string) =>
  z
    .number({ message: `${label}编号应为数字` })
    .int(`${label}编号应为整数`)
    .positive(`${label}编号应为正数`)

/** Free text a clerk must fill in, cleaned (cleanString) before it is judged empty. */
export const requiredText = (label: string, max: number) =>
  cleanString({ message: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过 ${max} 个字`)

export const optionalText = (label: string, max: number) => cleanString().trim().max(max, `${label}不能超过 ${max} 个字`)

/** A note (备注): like optionalText, but its line breaks are kept. */
export const noteText = (label: string, max: number) => cleanString(undefined, { multiline: true }).trim().max(max, `${label}不能超过 ${max} 个字`)

/** Why a record goes to the recycle bin: asked every time, kept with it. */
export const deleteArgs = (label: string) => z.strictObject({ id: recordId(label), reason: requiredText('删除原因', 200) })

export const pageShape = {
  page: z.number().int().min(1, '页码从 1 开始').optional(),
  pageSize: z.number().int().min(1).max(200, '每页最多 200 条').optional()
}

export interface Page<T> {
  rows: T[]
  total: number
  page: number
  pageSize: number
}

/**
 * Every calendar day a method takes (YYYY-MM-DD, a day that exists: 2026-02-30 is refused).
 * One schema, so no argument checks only the shape of a date.
 */
export const isoDay = (label: string) =>
  z
    .string({ message: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`)
    .refine((v) => splitIsoDate(v) !== null, `${label}不是真实的日期`)

/** A day argument whose label the message need not name. */
export const isoDate = isoDay('日期')
