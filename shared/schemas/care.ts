/**
 * Key-group care (重点人群关爱): the shapes the forms send, checked alike in the form and at the
 * backend's door. The vocabulary and the due rule are the domain's (shared/domain/care.ts).
 */
import { CARE_FREQUENCIES, CARE_METHODS, CARE_OUTCOMES } from '../domain/care'
import { HELP_TYPES, HELP_URGENCIES } from '../domain/help'
import { KEY_GROUPS } from '../domain/register'
import { isoDay, noteText, pageShape, recordId } from './common'
import { z } from './zod'

export type { CareFrequency, CareMethod, CareOutcome } from '../domain/care'

/** Who makes the contacts: a grid worker's account or a volunteer, exactly one. */
const byWhom = {
  accountId: recordId('网格员账号').nullable(),
  volunteerId: recordId('志愿者').nullable()
}
function checkWhom(v: { accountId: number | null; volunteerId: number | null }, ctx: z.RefinementCtx): void {
  if ((v.accountId === null) === (v.volunteerId === null)) {
    ctx.addIssue({ code: 'custom', path: ['accountId'], message: '请选择一名负责联系的网格员或志愿者' })
  }
}

const planShape = {
  frequency: z.enum(CARE_FREQUENCIES, { message: '请选择联系频次' }),
  /** The first day a contact is due; weekly plans fall on its weekday. */
  anchorDay: isoDay('首次联系日期'),
  ...byWhom,
  notes: noteText('备注', 200)
}

export const careCreateArgs = z.strictObject({ residentId: recordId('居民'), ...planShape }).superRefine(checkWhom)
export type CareCreate = z.infer<typeof careCreateArgs>

export const careUpdateArgs = z.strictObject({ id: recordId('关爱计划'), ...planShape, active: z.boolean() }).superRefine(checkWhom)
export type CareUpdate = z.infer<typeof careUpdateArgs>

/** Everyone of a key group in a grid who has no plan yet gets one, all alike. */
export const careBulkArgs = z
  .strictObject({ gridId: recordId('网格'), keyGroup: z.enum(KEY_GROUPS, { message: '请选择重点人群类别' }), ...planShape })
  .superRefine(checkWhom)
export type CareBulk = z.infer<typeof careBulkArgs>

const filters = {
  gridId: recordId('网格').optional(),
  keyGroup: z.enum(KEY_GROUPS).optional(),
  accountId: recordId('网格员账号').optional(),
  volunteerId: recordId('志愿者').optional()
}

export const carePlansArgs = z.strictObject({ ...filters, activeOnly: z.boolean().optional(), ...pageShape })
export type CarePlansArgs = z.infer<typeof carePlansArgs>

export const CARE_LISTS = ['due', 'done', 'missed'] as const
export type CareList = (typeof CARE_LISTS)[number]

/** 今日关爱 for a day (default today on the office clock): 待联系, 已联系, 昨日未联系. */
export const careWorklistArgs = z.strictObject({ day: isoDay('日期').optional(), list: z.enum(CARE_LISTS).optional(), ...filters, ...pageShape })
export type CareWorklistArgs = z.infer<typeof careWorklistArgs>

/**
 * One contact. 需要帮助 carries the help request's type (and urgency); 需要帮助 and 异常 need the
 * note that says what was found.
 */
export const careContactArgs = z
  .strictObject({
    planId: recordId('关爱计划'),
    day: isoDay('联系日期'),
    method: z.enum(CARE_METHODS, { message: '请选择联系方式' }),
    outcome: z.enum(CARE_OUTCOMES, { message: '请选择联系情况' }),
    note: noteText('情况说明', 300),
    helpType: z.enum(HELP_TYPES, { message: '请选择求助类型' }).nullable(),
    urgency: z.enum(HELP_URGENCIES, { message: '请选择紧急程度' }).nullable()
  })
  .superRefine((v, ctx) => {
    if (v.outcome !== 'normal' && v.note === '') ctx.addIssue({ code: 'custom', path: ['note'], message: '请写明需要什么帮助或有什么异常' })
    if (v.outcome === 'needs_help' && v.helpType === null) ctx.addIssue({ code: 'custom', path: ['helpType'], message: '需要帮助时请选择求助类型' })
  })
export type CareContactInput = z.infer<typeof careContactArgs>

export const careResidentArgs = z.strictObject({ residentId: recordId('居民') })
export const carePrintArgs = z.strictObject({
  day: isoDay('日期').optional(),
  accountId: recordId('网格员账号').optional(),
  volunteerId: recordId('志愿者').optional()
})
export type CarePrintArgs = z.infer<typeof carePrintArgs>
