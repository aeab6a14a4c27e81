import { parsePhone } from '../domain/phone'
import { ALL_AVAILABLE } from '../domain/roster-rules'
import { SEXES } from './register'
import { isoDate, noteText, optionalText, recordId } from './common'
import { cleanString, z } from './zod'
import { POLITICS, VOLUNTEER_KINDS, VOLUNTEER_STATUSES } from '../domain/volunteers'

// The vocabulary (codes and zh-CN labels) is the domain's: shared/domain/volunteers.ts.
export {
  POLITICS,
  POLITICS_LABELS,
  SKILL_SUGGESTIONS,
  VOLUNTEER_KINDS,
  VOLUNTEER_KIND_LABELS,
  VOLUNTEER_STATUSES,
  VOLUNTEER_STATUS_LABELS
} from '../domain/volunteers'
export type { Politics, VolunteerKind, VolunteerStatus } from '../domain/volunteers'

export const volunteerShape = {
  /** A resident from the register (name and phone then come from there), or null. */
  residentId: recordId('居民').nullable(),
  name: optionalText('姓名', 40),
  phone: optionalText('电话', 30),
  sex: z.enum(SEXES, { message: '请选择性别' }).nullable(),
  kind: z.enum(VOLUNTEER_KINDS, { message: '请选择志愿者类别' }),
  politics: z.enum(POLITICS, { message: '请选择政治面貌' }),
  skills: z.array(cleanString().trim().min(1, '技能不能为空').max(12, '每项技能不超过 12 个字')).max(10, '最多 10 项技能'),
  building: optionalText('楼栋', 40),
  gridId: recordId('网格').nullable(),
  availability: z.string().regex(/^[01]{21}$/, '可值班时间应为一周 7 天 x 上午/下午/晚上'),
  canLead: z.boolean(),
  status: z.enum(VOLUNTEER_STATUSES, { message: '请选择状态' }),
  startDate: isoDate.nullable(),
  notes: noteText('备注', 200)
}

const volunteerObject = z.strictObject(volunteerShape)
type VolunteerObject = z.infer<typeof volunteerObject>

function checkPerson(value: Pick<VolunteerObject, 'residentId' | 'name' | 'phone'>, ctx: z.RefinementCtx): void {
  if (value.residentId === null && value.name === '') ctx.addIssue({ code: 'custom', path: ['name'], message: '请填写姓名，或从居民中选择' })
  if (value.residentId === null && value.phone !== '') {
    const parsed = parsePhone(value.phone)
    if (!parsed.ok) ctx.addIssue({ code: 'custom', path: ['phone'], message: parsed.message })
  }
}

export const volunteersCreateArgs = volunteerObject.superRefine(checkPerson)
export const volunteersUpdateArgs = z
  .strictObject({
    id: recordId('志愿者'),
    ...volunteerShape,
    /** The volunteer's updatedAt when the form opened it: a save after another device's change is refused (stale write). */
    expectedUpdatedAt: z.string().max(40).optional()
  })
  .superRefine(checkPerson)
export type VolunteerInput = z.infer<typeof volunteersCreateArgs>
export type VolunteerUpdate = z.infer<typeof volunteersUpdateArgs>
export const volunteerIdArgs = z.strictObject({ id: recordId('志愿者') })

export const volunteersListArgs = z.strictObject({
  q: optionalText('查找内容', 30).optional(),
  kind: z.enum(VOLUNTEER_KINDS).optional(),
  skill: optionalText('技能', 12).optional(),
  gridId: recordId('网格').optional(),
  status: z.enum(VOLUNTEER_STATUSES).optional(),
  /** 0..20: available in this day x period (Mon 上午 = 0). */
  available: z.number().int().min(0).max(20).optional()
})
export type VolunteersListArgs = z.infer<typeof volunteersListArgs>

/** 志愿者花名册 with the list's filters. */
export const volunteersExportArgs = volunteersListArgs

export const volunteerHoursArgs = z.strictObject({ month: z.string().regex(/^\d{4}-\d{2}$/, '月份格式应为 YYYY-MM') })

export const EMPTY_VOLUNTEER: VolunteerInput = {
  residentId: null,
  name: '',
  phone: '',
  sex: null,
  kind: 'resident',
  politics: 'masses',
  skills: [],
  building: '',
  gridId: null,
  availability: ALL_AVAILABLE,
  canLead: false,
  status: 'active',
  startDate: null,
  notes: ''
}
