import type { RowIssue } from '../../../../shared/contract/excel'
import { ageOn, localIsoDate, normalizeText, parseLooseDate, parseMainlandId, parsePhone, validateIdDocument } from '../../../../shared/domain'
import type { IdDocType } from '../../../../shared/domain'
import { splitAddress } from '../../../../shared/domain/excel-synonyms'
import type { AddressParts } from '../../../../shared/domain/excel-synonyms'
import type { ResidentCreate } from '../../../../shared/schemas/residents'
import { residentIssues } from '../../../../shared/schemas/residents'
import { SEX_LABELS } from '../../../../shared/schemas/register'
import { findBuilding } from '../../register/register.repo'
import { inScope } from '../../kit/scope'
import { findByDocument } from '../../residents/residents.repo'
import { findHouseholdAt, householderOf } from '../excel.repo'
import { commitResidents } from './residents-commit'
import { idTypeOf, personTypeOf, relationOf, sexOf, tagsOf } from './resident-values'
import type { CheckContext, CheckedRow, ImportTarget, RowInput } from './types'

export type ResidentFields = Omit<ResidentCreate, 'householdId'>

export interface ResidentImport {
  fields: ResidentFields
  /** Which fields the file filled in (updates only touch those). */
  given: (keyof ResidentFields | 'address')[]
  address: AddressParts | null
  existingId: number | null
}

const FIELDS = [
  { key: 'name', label: '姓名', required: true, hint: '必填' },
  { key: 'idNumber', label: '证件号码', required: false, hint: '身份证号按文本填写；用于与登记册比对' },
  { key: 'idType', label: '证件类型', required: false, hint: '不填视为居民身份证' },
  { key: 'sex', label: '性别', required: false, hint: '男/女；有身份证号时以身份证号为准' },
  { key: 'birthDate', label: '出生日期', required: false, hint: '2020-02-03、2020/2/3、2020.2.3、2020年2月3日均可' },
  { key: 'phone', label: '联系电话', required: false, hint: '多个号码用顿号或逗号分开' },
  { key: 'address', label: '现住址', required: false, hint: '如 幸福里小区3栋2单元301' },
  { key: 'compound', label: '小区', required: false, hint: '' },
  { key: 'building', label: '楼栋', required: false, hint: '' },
  { key: 'unit', label: '单元', required: false, hint: '' },
  { key: 'room', label: '房号', required: false, hint: '' },
  { key: 'relation', label: '与户主关系', required: false, hint: '' },
  { key: 'personType', label: '人员类型', required: false, hint: '户籍/常住/流动/租户/人户分离，不填视为常住' },
  { key: 'tags', label: '重点人群', required: false, hint: '独居老人、慢性病 …' },
  { key: 'notes', label: '备注', required: false, hint: '' }
]

const issue = (input: RowInput, field: string | null, message: string): RowIssue => ({ column: field ? input.column(field) : null, field, message })

function addressOf(input: RowInput, errors: RowIssue[], warnings: RowIssue[]): AddressParts | null {
  const partsGiven = ['compound', 'building', 'room'].some((f) => input.text(f) !== '')
  if (partsGiven) {
    const parts = { compound: input.text('compound'), building: input.text('building'), unit: input.text('unit'), room: input.text('room') }
    if (parts.compound === '' || parts.building === '' || parts.room === '') {
      errors.push(issue(input, parts.compound === '' ? 'compound' : parts.building === '' ? 'building' : 'room', '小区、楼栋、房号需都填写'))
      return null
    }
    if (/^\d+$/.test(parts.building)) parts.building += '栋'
    if (/^\d+$/.test(parts.unit)) parts.unit += '单元'
    return parts
  }
  const text = input.text('address')
  if (text === '') return null
  const split = splitAddress(text)
  if (!split) warnings.push(issue(input, 'address', `地址“${text}”无法拆分为小区、楼栋、房号，此人暂不分入住户`))
  return split
}

function documentOf(input: RowInput, idType: IdDocType, today: Date, errors: RowIssue[]) {
  const raw = input.get('idNumber')
  if (raw === null || (typeof raw === 'string' && normalizeText(raw) === '')) return null
  // A number cell is passed as a number: parseMainlandId refuses one that lost its last digits.
  const doc = idType === 'mainland' && typeof raw === 'number' ? parseMainlandId(raw, today) : validateIdDocument(idType, input.text('idNumber'), today)
  if (!doc.ok) {
    errors.push(issue(input, 'idNumber', doc.message))
    return null
  }
  return 'id18' in doc ? { number: doc.id18, sex: doc.sex, birthDate: doc.birthDate } : doc
}

function phonesOf(input: RowInput, errors: RowIssue[]): string[] {
  const raw = input.get('phone')
  if (raw === null) return []
  const parts =
    typeof raw === 'number'
      ? [raw]
      : normalizeText(String(input.text('phone')))
          .split(/[,，、;；/]+|\s{2,}/)
          .filter(Boolean)
  const phones: string[] = []
  for (const part of parts) {
    const parsed = parsePhone(part)
    if (!parsed.ok) errors.push(issue(input, 'phone', `${parsed.message}（${String(part)}）`))
    else if (!phones.includes(parsed.phone)) phones.push(parsed.phone)
  }
  return phones.slice(0, 3)
}

/** The grid of a building (null when unknown), asked of the register once per building per run. */
function buildingGrid(ctx: CheckContext, address: AddressParts): number | null {
  const grids = (ctx.memo.get('buildingGrids') as Map<string, number | null> | undefined) ?? new Map<string, number | null>()
  ctx.memo.set('buildingGrids', grids)
  const key = `${address.compound}\u0001${address.building}`
  if (!grids.has(key)) grids.set(key, findBuilding(ctx.db, address.compound, address.building)?.gridId ?? null)
  return grids.get(key) ?? null
}

function checkResident(input: RowInput, ctx: CheckContext): CheckedRow<ResidentImport> {
  const errors: RowIssue[] = []
  const warnings: RowIssue[] = []
  const name = input.text('name')
  const base = { row: input.row, name, errors, warnings, value: null, key: null }
  if (name === '') errors.push(issue(input, 'name', '姓名为空'))
  else if (Array.from(name).length > 40) errors.push(issue(input, 'name', '姓名不能超过 40 个字'))
  const idType = idTypeOf(input.text('idType')) ?? 'mainland'
  const doc = documentOf(input, idType, ctx.today, errors)
  if (!doc && input.text('idNumber') === '' && errors.length === 0)
    warnings.push(issue(input, 'idNumber', '未填写证件号码，无法与登记册比对，将作为新居民登记'))

  let sex = input.text('sex') === '' ? null : sexOf(input.text('sex'))
  if (input.text('sex') !== '' && sex === null) warnings.push(issue(input, 'sex', `性别“${input.text('sex')}”无法识别，已留空`))
  if (doc?.sex && sex && doc.sex !== sex) {
    warnings.push(issue(input, 'sex', `性别与身份证号不符（身份证号显示为${SEX_LABELS[doc.sex]}），以身份证号为准`))
    sex = doc.sex
  }
  let birthDate: string | null = null
  if (input.get('birthDate') !== null && input.text('birthDate') !== '') {
    const parsed = parseLooseDate(input.get('birthDate'))
    if (!parsed.ok) errors.push(issue(input, 'birthDate', parsed.message))
    else if (parsed.date > localIsoDate(ctx.today)) errors.push(issue(input, 'birthDate', '出生日期晚于今天，请核对'))
    else if (Number.isNaN(ageOn(parsed.date, ctx.today)) || ageOn(parsed.date, ctx.today) > 150) errors.push(issue(input, 'birthDate', '出生日期过早，请核对'))
    else birthDate = parsed.date
  }
  if (doc?.birthDate && birthDate && doc.birthDate !== birthDate) {
    warnings.push(issue(input, 'birthDate', `出生日期与身份证号不符（身份证号显示为 ${doc.birthDate}），以身份证号为准`))
    birthDate = doc.birthDate
  }
  const phones = phonesOf(input, errors)
  const address = addressOf(input, errors, warnings)
  let relation = input.text('relation') === '' ? null : relationOf(input.text('relation'))
  if (input.text('relation') !== '' && relation === null) warnings.push(issue(input, 'relation', `与户主关系“${input.text('relation')}”无法识别，已留空`))
  const personType = input.text('personType') === '' ? 'resident' : personTypeOf(input.text('personType'))
  if (personType === null) errors.push(issue(input, 'personType', `人员类型“${input.text('personType')}”无法识别（户籍/常住/流动/租户/人户分离）`))
  const { tags, unknown } = tagsOf(input.text('tags'))
  if (unknown.length > 0) warnings.push(issue(input, 'tags', `未知的重点人群“${unknown.join('、')}”，已忽略`))
  const notes = input.text('notes').slice(0, 500)
  if (errors.length > 0 || personType === null) return { ...base, status: 'error' }

  // Settled here as the register would store them: a mainland ID gives sex and birth date.
  const fields: ResidentFields = {
    name,
    idType,
    idNumber: doc?.number ?? '',
    sex: sex ?? doc?.sex ?? null,
    birthDate: birthDate ?? doc?.birthDate ?? null,
    phones,
    tags,
    personType,
    relation,
    notes
  }
  for (const found of residentIssues(fields, ctx.today)) errors.push(issue(input, found.path.split('.')[0] ?? null, found.message))
  if (errors.length > 0) return { ...base, status: 'error' }

  // Where the person goes: scope first, then the household's 户主 (one per household, also within this file).
  const existing = doc ? findByDocument(ctx.db, idType, doc.number) : undefined
  // Outside the importer's grids: neither the name nor where the person is registered is told.
  if (existing && !inScope(ctx.session, existing.gridId))
    return { ...base, status: 'error', errors: [issue(input, 'idNumber', '该证件号码已登记，请联系社区工作人员核对')] }
  if (existing?.deletedAt) return { ...base, status: 'error', errors: [issue(input, 'idNumber', `${existing.name} 已在回收站中，请先由管理员恢复后再导入`)] }
  if (address) {
    if (!inScope(ctx.session, buildingGrid(ctx, address)))
      return {
        ...base,
        status: 'error',
        errors: [issue(input, address === null ? null : 'address', `${address.compound}${address.building}不在您负责的网格内`)]
      }
  } else if (ctx.session.gridScope !== 'all' && !existing) {
    return { ...base, status: 'error', errors: [issue(input, 'address', '网格员导入时每人都需填写本网格内的住址')] }
  }
  if (relation === 'head' && address) {
    const heads = (ctx.memo.get('heads') as Map<string, number> | undefined) ?? new Map<string, number>()
    ctx.memo.set('heads', heads)
    const key = [address.compound, address.building, address.unit, address.room].join('|')
    const householdId = findHouseholdAt(ctx.db, address)
    const head = householdId === undefined ? null : householderOf(ctx.db, householdId)
    if ((head !== null && head !== existing?.id) || heads.has(key)) {
      warnings.push(issue(input, 'relation', heads.has(key) ? `与第 ${heads.get(key)} 行同为户主，此行关系留空` : '该户已有户主，此行与户主关系留空'))
      relation = null
    } else heads.set(key, input.row)
  }
  const given = (['name', 'idType', 'idNumber', 'sex', 'birthDate', 'phones', 'tags', 'personType', 'relation', 'notes', 'address'] as const).filter((f) => {
    const column = f === 'phones' ? 'phone' : f
    return f === 'address' ? address !== null : input.text(column) !== ''
  })
  const value: ResidentImport = { fields: { ...fields, relation }, given, address, existingId: existing?.id ?? null }
  const key = doc ? `${idType}:${doc.number}` : null
  if (existing) return { ...base, status: ctx.onExisting === 'skip' ? 'skipped' : 'update', value, key }
  return { ...base, status: 'new', value, key }
}

export const residentsTarget: ImportTarget<ResidentImport> = {
  key: 'residents',
  label: '居民和住户',
  fields: FIELDS,
  check: checkResident,
  commit: commitResidents
}
