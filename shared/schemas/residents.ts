import { ID_DOC_TYPES, splitIsoDate, validateIdDocument } from '../domain'
import type { FieldIssue } from '../errors'
import { parsePhone } from '../domain/phone'
import { cleanString, z } from './zod'
import { KEY_GROUPS, PERSON_TYPES, RELATIONS, SEXES, SEX_LABELS } from './register'
import { deleteArgs, noteText, optionalText, pageShape, recordId, requiredText } from './common'
import { householdShape } from './households'

export const residentShape = {
  name: requiredText('姓名', 40),
  idType: z.enum(ID_DOC_TYPES, { message: '请选择证件类型' }),
  /** Empty when the document is not known yet. */
  idNumber: optionalText('证件号码', 40),
  sex: z.enum(SEXES, { message: '请选择性别' }).nullable(),
  birthDate: z.string().nullable(),
  phones: z.array(cleanString().trim().max(30, '电话不能超过 30 个字')).max(3, '最多填写 3 个电话'),
  tags: z.array(z.enum(KEY_GROUPS, { message: '未知的重点人群类别' })).max(KEY_GROUPS.length),
  personType: z.enum(PERSON_TYPES, { message: '请选择人员类型' }),
  relation: z.enum(RELATIONS, { message: '请选择与户主关系' }).nullable(),
  notes: noteText('备注', 500)
}

type ResidentFields = {
  idType: (typeof ID_DOC_TYPES)[number]
  idNumber: string
  sex: 'M' | 'F' | null
  birthDate: string | null
  phones: string[]
}

// The schema checks shape and check digits without a clock; whether a birth date lies in
// the future depends on "today", which the backend takes from its own clock (ctx.now()).
const NO_CLOCK = new Date(Date.UTC(9999, 11, 31))

/**
 * The cross-field rules of a resident, shared by the form, the schema and the service:
 * the document number for its type, sex and birth date against a mainland ID, phones.
 */
export function residentIssues(value: ResidentFields, today: Date = NO_CLOCK): FieldIssue[] {
  const issues: FieldIssue[] = []
  if (value.birthDate !== null && !splitIsoDate(value.birthDate)) {
    issues.push({ path: 'birthDate', message: '出生日期应为 YYYY-MM-DD 格式的真实日期' })
  }
  if (value.idNumber !== '') {
    const doc = validateIdDocument(value.idType, value.idNumber, today)
    if (!doc.ok) issues.push({ path: 'idNumber', message: doc.message })
    else {
      if (doc.sex && value.sex && doc.sex !== value.sex) {
        issues.push({ path: 'sex', message: `性别与身份证号不符（身份证号显示为${SEX_LABELS[doc.sex]}）` })
      }
      if (doc.birthDate && value.birthDate && doc.birthDate !== value.birthDate) {
        issues.push({ path: 'birthDate', message: `出生日期与身份证号不符（身份证号显示为 ${doc.birthDate}）` })
      }
    }
  }
  value.phones.forEach((phone, index) => {
    if (phone === '') return
    const parsed = parsePhone(phone)
    if (!parsed.ok) issues.push({ path: `phones.${index}`, message: parsed.message })
  })
  return issues
}

function refine(value: ResidentFields, ctx: z.RefinementCtx): void {
  for (const issue of residentIssues(value)) {
    ctx.addIssue({ code: 'custom', path: issue.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message: issue.message })
  }
}

export const residentsCreateArgs = z
  .strictObject({
    ...residentShape,
    householdId: recordId('住户').nullable(),
    /** A household typed in the same 登记居民 form: created with the person, in one step. */
    newHousehold: z.strictObject(householdShape).optional()
  })
  .superRefine((value, ctx) => {
    refine(value, ctx)
    if (value.newHousehold && value.householdId !== null) {
      ctx.addIssue({ code: 'custom', path: ['householdId'], message: '请选择已有住户或新建住户，二者选一' })
    }
  })
/**
 * Numbers are shown masked when editing, and of the birth date only the year (it would complete
 * the masked ID): leaving idNumber, phones or birthDate out keeps what is stored.
 */
export const residentsUpdateArgs = z
  .strictObject({
    id: recordId('居民'),
    ...residentShape,
    idNumber: residentShape.idNumber.optional(),
    phones: residentShape.phones.optional(),
    birthDate: residentShape.birthDate.optional(),
    /** The record's updatedAt when the form opened it: a save after someone else's change is refused (stale write). */
    expectedUpdatedAt: z.string().max(40).optional()
  })
  .superRefine((value, ctx) => refine({ ...value, idNumber: value.idNumber ?? '', phones: value.phones ?? [], birthDate: value.birthDate ?? null }, ctx))

export const AGE_LIMIT = 150
export const residentsListArgs = z.strictObject({
  q: optionalText('搜索内容', 60).optional(),
  gridId: recordId('网格').optional(),
  householdId: recordId('住户').optional(),
  compound: optionalText('小区', 40).optional(),
  building: optionalText('楼栋', 20).optional(),
  personType: z.enum(PERSON_TYPES).optional(),
  /** A key group, or 'any' for everyone with at least one. */
  keyGroup: z.union([z.enum(KEY_GROUPS), z.literal('any')]).optional(),
  ageMin: z.number().int().min(0).max(AGE_LIMIT).optional(),
  ageMax: z.number().int().min(0).max(AGE_LIMIT).optional(),
  ...pageShape
})
export const residentsGetArgs = z.strictObject({ id: recordId('居民') })
export const residentsDeleteArgs = deleteArgs('居民')
export const residentsMoveArgs = z.strictObject({
  id: recordId('居民'),
  /** null: the person leaves their household but stays in the register. */
  householdId: recordId('住户').nullable(),
  relation: z.enum(RELATIONS, { message: '请选择与户主关系' }).nullable(),
  /**
   * Who takes over the person's open observation when the move changes their grid: one of the new
   * grid's workers, or the current one to keep. Left out, the new grid's only worker takes over.
   */
  worker: z.string().trim().max(40, '网格员姓名最多 40 个字').optional()
})
/** What a move would do to the person's observation: asked by the move dialog before it moves. */
export const residentsMoveHandoverArgs = z.strictObject({
  id: recordId('居民'),
  householdId: recordId('住户').nullable()
})

export type ResidentCreate = z.infer<typeof residentsCreateArgs>
export type ResidentUpdate = z.infer<typeof residentsUpdateArgs>
export type ResidentsListArgs = z.infer<typeof residentsListArgs>
export type ResidentIdArgs = z.infer<typeof residentsGetArgs>
export type ResidentDelete = z.infer<typeof residentsDeleteArgs>
export type ResidentMove = z.infer<typeof residentsMoveArgs>
export type ResidentMoveHandover = z.infer<typeof residentsMoveHandoverArgs>
