/**
 * Shops, workplaces and their workers (单位 / 从业人员). The vocabulary and rules are the domain's
 * (shared/domain/units.ts); these are the shapes a form sends, checked alike in the form and at
 * the backend's door.
 */
import { parseCreditCode } from '../domain/credit-code'
import { ID_DOC_TYPES, validateIdDocument } from '../domain/id-card'
import { parsePhone } from '../domain/phone'
import { temperatureProblem } from '../domain/temperature'
import { INSPECTION_FINDINGS, MANUAL_UNIT_STATUSES, UNIT_KINDS, UNIT_STATUSES } from '../domain/units'
import { isoDay, noteText, optionalText, pageShape, recordId, requiredText } from './common'
import { startEpisodeShape, tripShape } from './returnees'
import { z } from './zod'

export {
  INSPECTION_FINDINGS,
  INSPECTION_FINDING_LABELS,
  MANUAL_UNIT_STATUSES,
  REOPEN_ITEM_LABELS,
  REOPEN_TICKED,
  UNIT_KINDS,
  UNIT_KIND_LABELS,
  UNIT_STATUSES,
  UNIT_STATUS_LABELS,
  WORKER_HEALTH_LABELS
} from '../domain/units'
export type { InspectionFinding, ManualUnitStatus, ReopenItem, UnitKind, UnitStatus, WorkerHealth } from '../domain/units'

const NO_CLOCK = new Date(Date.UTC(9999, 11, 31))

const phoneField = (label: string) =>
  requiredText(label, 30).superRefine((v, ctx) => {
    const parsed = parsePhone(v)
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message })
  })

export const unitShape = {
  kind: z.enum(UNIT_KINDS, { message: '请选择单位类别' }),
  name: requiredText('单位名称', 60),
  /** A building of the community (小区 + 楼栋, however spelled), or both empty for a door number. */
  compound: optionalText('小区', 40),
  building: optionalText('楼栋', 20),
  /** 门牌号 (e.g. 建设路 12 号), or the shop's place within the building (底商 2 号). */
  door: optionalText('门牌号', 80),
  /** The grid of a unit at a door number; a unit in a building takes the building's grid. */
  gridId: recordId('网格').nullable(),
  managerName: requiredText('负责人', 40),
  managerPhone: phoneField('负责人电话'),
  /** 统一社会信用代码, optional; checked with its check character (GB 32100-2015). */
  creditCode: optionalText('统一社会信用代码', 30).superRefine((v, ctx) => {
    if (v === '') return
    const parsed = parseCreditCode(v)
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message })
  }),
  pledgeSignedOn: isoDay('承诺书签订日期').nullable(),
  notes: noteText('备注', 300)
}

function checkAddress(v: { compound: string; building: string; door: string }, ctx: z.RefinementCtx): void {
  if (v.compound !== '' && v.building === '') ctx.addIssue({ code: 'custom', path: ['building'], message: '请填写楼栋，或清空小区改填门牌号' })
  if (v.compound === '' && v.building !== '') ctx.addIssue({ code: 'custom', path: ['compound'], message: '请填写小区' })
  if (v.compound === '' && v.door === '') ctx.addIssue({ code: 'custom', path: ['door'], message: '请填写门牌号，或选择小区和楼栋' })
}

export const unitsCreateArgs = z.strictObject(unitShape).superRefine(checkAddress)
export type UnitInput = z.infer<typeof unitsCreateArgs>
/** An edit may leave the phone blank: the screens only ever show it masked, so blank keeps the number on file. */
export const unitsUpdateArgs = z
  .strictObject({
    id: recordId('单位'),
    ...unitShape,
    managerPhone: optionalText('负责人电话', 30).superRefine((v, ctx) => {
      const parsed = v === '' ? null : parsePhone(v)
      if (parsed && !parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message })
    }),
    /** The unit's updatedAt when the form opened it: a save after another device's change is refused (stale write). */
    expectedUpdatedAt: z.string().max(40).optional()
  })
  .superRefine(checkAddress)
export type UnitUpdate = z.infer<typeof unitsUpdateArgs>

export const unitIdArgs = z.strictObject({ id: recordId('单位') })
export const unitsDeleteArgs = z.strictObject({ id: recordId('单位'), reason: requiredText('删除原因', 200) })

export const unitsListArgs = z.strictObject({
  kind: z.enum(UNIT_KINDS).optional(),
  status: z.enum(UNIT_STATUSES).optional(),
  gridId: recordId('网格').optional(),
  q: optionalText('查找内容', 40).optional(),
  ...pageShape
})
export type UnitsListArgs = z.infer<typeof unitsListArgs>

export const unitsSetStatusArgs = z.strictObject({
  id: recordId('单位'),
  status: z.enum(MANUAL_UNIT_STATUSES, { message: '“申请复工”和“已复工”请通过复工申请办理' }),
  note: optionalText('说明', 200)
})
export type UnitSetStatus = z.infer<typeof unitsSetStatusArgs>

/** Someone living elsewhere: the person record made for them (name, ID, phone) and their home address. */
export const outsiderShape = z.strictObject({
  name: requiredText('姓名', 40),
  idType: z.enum(ID_DOC_TYPES, { message: '请选择证件类型' }),
  idNumber: requiredText('证件号码', 40),
  phone: phoneField('联系电话'),
  homeAddress: requiredText('家庭住址', 100)
})
export type Outsider = z.infer<typeof outsiderShape>

export const unitsAddWorkerArgs = z
  .strictObject({
    unitId: recordId('单位'),
    /** A person of the register, or null with `outsider` filled in. */
    residentId: recordId('居民').nullable(),
    outsider: outsiderShape.nullable(),
    role: optionalText('岗位', 20),
    /** Returned from elsewhere: the returnees domain's trip, registered for the person. */
    trip: z.strictObject(tripShape).nullable(),
    /** And the monitoring domain's episode, started for that trip. */
    episode: z.strictObject(startEpisodeShape).nullable()
  })
  .superRefine((v, ctx) => {
    if ((v.residentId === null) === (v.outsider === null)) {
      ctx.addIssue({ code: 'custom', path: ['residentId'], message: '请从居民名单中选择，或填写外地人员的信息' })
    }
    if (v.outsider && v.outsider.idType === 'mainland') {
      const doc = validateIdDocument('mainland', v.outsider.idNumber, NO_CLOCK)
      if (!doc.ok) ctx.addIssue({ code: 'custom', path: ['outsider', 'idNumber'], message: doc.message })
    }
    if (v.episode && !v.trip) ctx.addIssue({ code: 'custom', path: ['episode'], message: '开始观察前请先填写返程信息' })
  })
export type UnitAddWorker = z.infer<typeof unitsAddWorkerArgs>

export const unitsRemoveWorkerArgs = z.strictObject({ workerId: recordId('从业人员'), reason: requiredText('离职原因', 100) })

/** 36.5 ℃ as typed, or null when not taken; a reading outside 34–43 is refused. */
const reading = z
  .number({ message: '体温应为数字' })
  .nullable()
  .superRefine((v, ctx) => {
    if (v === null) return
    const problem = temperatureProblem(v)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })

export const unitsSaveChecksArgs = z.strictObject({
  unitId: recordId('单位'),
  day: isoDay('日期'),
  reportedBy: optionalText('报告人', 40),
  rows: z
    .array(z.strictObject({ workerId: recordId('从业人员'), am: reading, pm: reading }))
    .min(1, '没有要保存的体温')
    .max(500, '一次最多 500 人')
})
export type UnitSaveChecks = z.infer<typeof unitsSaveChecksArgs>

export const unitsChecksArgs = z.strictObject({ unitId: recordId('单位'), day: isoDay('日期') })

export const unitsApplyReopenArgs = z.strictObject({
  unitId: recordId('单位'),
  masks: z.boolean(),
  thermometer: z.boolean(),
  disinfectant: z.boolean(),
  note: optionalText('说明', 200)
})
export type UnitApplyReopen = z.infer<typeof unitsApplyReopenArgs>

export const unitsApproveReopenArgs = z.strictObject({ unitId: recordId('单位'), approvedOn: isoDay('批准日期'), note: optionalText('说明', 200) })
export type UnitApproveReopen = z.infer<typeof unitsApproveReopenArgs>

export const unitsInspectArgs = z.strictObject({
  unitId: recordId('单位'),
  day: isoDay('巡查日期'),
  inspector: requiredText('巡查人', 40),
  findings: z.array(z.enum(INSPECTION_FINDINGS, { message: '未知的问题类别' })).max(INSPECTION_FINDINGS.length),
  note: optionalText('问题说明', 300),
  /** A rectification asked for by this day (null: nothing to rectify). */
  rectifyBy: isoDay('整改期限').nullable()
})
export type UnitInspect = z.infer<typeof unitsInspectArgs>

export const unitsCloseInspectionArgs = z.strictObject({ id: recordId('巡查'), closedOn: isoDay('整改完成日期'), note: optionalText('整改情况', 200) })
export type UnitCloseInspection = z.infer<typeof unitsCloseInspectionArgs>

export const unitsLinkPlaceArgs = z.strictObject({ unitId: recordId('单位'), placeId: recordId('消杀场所'), linked: z.boolean() })
export type UnitLinkPlace = z.infer<typeof unitsLinkPlaceArgs>

export const unitsWorkersArgs = z.strictObject({ q: optionalText('查找内容', 40).optional(), gridId: recordId('网格').optional(), ...pageShape })
export type UnitsWorkersArgs = z.infer<typeof unitsWorkersArgs>

export const EMPTY_UNIT: UnitInput = {
  kind: 'street_shop',
  name: '',
  compound: '',
  building: '',
  door: '',
  gridId: null,
  managerName: '',
  managerPhone: '',
  creditCode: '',
  pledgeSignedOn: null,
  notes: ''
}
