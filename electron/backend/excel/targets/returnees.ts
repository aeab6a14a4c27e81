import type { RowIssue } from '../../../../shared/contract/excel'
import { localIsoDate, normalizeText, parseLooseDate, parseMainlandId } from '../../../../shared/domain'
import type { Sex } from '../../../../shared/domain'
import { SEX_LABELS } from '../../../../shared/schemas/register'
import { parseOrigin } from '../../../../shared/domain/regions'
import type { TripFields, Transport } from '../../../../shared/schemas/returnees'
import { TRANSPORT_LABELS, tripShape } from '../../../../shared/schemas/returnees'
import { tripNoIn } from '../../../../shared/domain/returnees'
import { z } from '../../../../shared/schemas/zod'
import { AppError } from '../../../../shared/errors'
import { inScope } from '../../kit/scope'
import { createResident } from '../../residents/residents.service'
import { findByDocument } from '../../residents/residents.repo'
import { registerTrip } from '../../returnees/returnees.service'
import { tripOn } from '../../returnees/returnees.repo'
import { HouseholdBook } from './household-book'
import { OBSERVATION_FIELDS, observationNotices, observationOf, startImportedObservation } from './returnee-observation'
import type { ImportObservation } from './returnee-observation'
import { residentsTarget } from './residents'
import { sexOf } from './resident-values'
import type { ResidentImport } from './residents'
import type { CheckContext, CheckedRow, CommitCounts, ImportTarget, RowInput } from './types'

/** One trip row: the person found in the register, or (with 现住址) a new resident made the way the residents target does. */
export interface ReturneeImport {
  residentId: number | null
  /** Set when the person is not in the register and the row gives 现住址. */
  create: ResidentImport | null
  idNumber: string
  trip: TripFields
  /** 是否居家观察 / 观察类型 / 观察开始日期 and the reported health: started with the trip. */
  observation: ImportObservation | null
}

const FIELDS = [
  { key: 'name', label: '姓名', required: true, hint: '必填' },
  { key: 'idNumber', label: '身份证号', required: true, hint: '按文本填写；用于在居民名单中找到此人' },
  { key: 'sex', label: '性别', required: false, hint: '男/女；与身份证号不符时提示，以身份证号为准' },
  { key: 'phone', label: '联系电话', required: false, hint: '' },
  { key: 'address', label: '现住址', required: false, hint: '不在居民名单中的人，填写后同时登记为居民，如 幸福里小区3栋2单元301' },
  { key: 'relation', label: '与户主关系', required: false, hint: '新登记的居民：本人/户主 即为该户户主' },
  { key: 'origin', label: '返回前所在地', required: true, hint: '如 湖北省武汉市江汉区、湖北武汉' },
  { key: 'via', label: '途经地', required: false, hint: '' },
  { key: 'returnDate', label: '返程日期', required: true, hint: '2026-02-03、2026/2/3、2026.2.3、2026年2月3日均可' },
  { key: 'transport', label: '交通方式', required: false, hint: '自驾/火车/飞机/大巴/其他' },
  { key: 'trip', label: '车次/航班/车牌', required: false, hint: '' },
  { key: 'companions', label: '同行人员', required: false, hint: '多人用顿号分开' },
  { key: 'reason', label: '返程原因', required: false, hint: '' },
  ...OBSERVATION_FIELDS
]

const issue = (input: RowInput, field: string | null, message: string): RowIssue => ({ column: field ? input.column(field) : null, field, message })

const TRANSPORT_WORDS: [RegExp, Transport][] = [
  [/自驾|私家车|自家车|开车|驾车|小汽车|小车/, 'car'],
  [/火车|高铁|动车|铁路|列车|绿皮/, 'train'],
  [/飞机|航班|航空|乘机/, 'plane'],
  [/大巴|客车|巴士|长途汽车|汽车站|班车/, 'bus'],
  [/其他|其它/, 'other']
]

function transportOf(input: RowInput, warnings: RowIssue[]): Transport {
  const text = normalizeText(input.text('transport')).replace(/\s+/g, '')
  if (text === '') {
    if (input.has('transport')) warnings.push(issue(input, 'transport', '未填写交通方式，记为“其他”'))
    return 'other'
  }
  const found = TRANSPORT_WORDS.find(([re]) => re.test(text))
  if (found) return found[1]
  warnings.push(issue(input, 'transport', `交通方式“${text}”无法识别，记为“其他”（可填 ${Object.values(TRANSPORT_LABELS).join('/')}）`))
  return 'other'
}

function companionsOf(text: string): { residentId: null; name: string }[] {
  const names = normalizeText(text)
    .split(/[,，、;；/\s]+/)
    .filter((n) => n !== '' && n !== '无' && n !== '否')
  return [...new Set(names)].map((name) => ({ residentId: null, name }))
}

const tripSchema = z.strictObject(tripShape)
const ISSUE_FIELD: Record<string, string> = {
  origin: 'origin',
  via: 'via',
  returnDate: 'returnDate',
  transport: 'transport',
  transportNo: 'trip',
  companions: 'companions',
  reason: 'reason'
}

function checkReturnee(input: RowInput, ctx: CheckContext): CheckedRow<ReturneeImport> {
  const errors: RowIssue[] = []
  const warnings: RowIssue[] = []
  const name = input.text('name')
  const base = { row: input.row, name, errors, warnings, value: null, key: null }
  if (name === '') errors.push(issue(input, 'name', '姓名为空'))

  // The ID finds the person: a number cell has already lost digits, as in the residents target.
  const raw = input.get('idNumber')
  let idNumber = ''
  let idSex: Sex | null = null
  if (raw === null || input.text('idNumber') === '') errors.push(issue(input, 'idNumber', '请填写身份证号，用于在居民名单中找到此人'))
  else {
    const doc = parseMainlandId(typeof raw === 'number' ? raw : input.text('idNumber'), ctx.today)
    if (!doc.ok) errors.push(issue(input, 'idNumber', doc.message))
    else {
      idNumber = doc.id18
      idSex = doc.sex
    }
  }

  const originText = input.text('origin')
  const origin = originText === '' ? null : parseOrigin(normalizeText(originText))
  if (originText === '') errors.push(issue(input, 'origin', '请填写返回前所在地'))
  else if (!origin) errors.push(issue(input, 'origin', `返回前所在地“${originText}”无法识别省份，请写成“湖北省武汉市江汉区”或“湖北武汉”`))

  let returnDate = ''
  const parsed = parseLooseDate(input.get('returnDate'))
  if (input.text('returnDate') === '') errors.push(issue(input, 'returnDate', '请填写返程日期'))
  else if (!parsed.ok) errors.push(issue(input, 'returnDate', `返程日期：${parsed.message}`))
  else if (parsed.date > localIsoDate(ctx.today)) errors.push(issue(input, 'returnDate', `返程日期 ${parsed.date} 晚于今天，请核对`))
  else returnDate = parsed.date

  const transport = transportOf(input, warnings)
  if (errors.length > 0 || !origin) return { ...base, status: 'error' }

  const trip: TripFields = {
    origin,
    via: input.text('via'),
    returnDate,
    transport,
    // "火车 G1234" in a file with no number column of its own: the number is kept, not dropped.
    transportNo: input.text('trip') || tripNoIn(input.text('transport')),
    companions: companionsOf(input.text('companions')),
    reason: input.text('reason'),
    notes: ''
  }
  const valid = tripSchema.safeParse(trip)
  if (!valid.success) {
    for (const found of valid.error.issues) {
      const field = ISSUE_FIELD[String(found.path[0])] ?? null
      errors.push(issue(input, field, field === 'origin' ? `返回前所在地：${found.message}` : found.message))
    }
    return { ...base, status: 'error' }
  }

  // Same person, same return day: once in the file (the engine reports the second row) and once in the register.
  const key = `mainland:${idNumber}:${returnDate}`
  const existing = findByDocument(ctx.db, 'mainland', idNumber)
  // Outside the importer's grids: neither the name nor where the person is registered is told.
  if (existing && !inScope(ctx.session, existing.gridId))
    return { ...base, status: 'error', errors: [issue(input, 'idNumber', '该证件号码已登记，请联系社区工作人员核对')] }
  if (existing?.deletedAt) return { ...base, status: 'error', errors: [issue(input, 'idNumber', `${existing.name} 已在回收站中，请先由管理员恢复后再导入`)] }
  if (existing) {
    if (existing.name !== name) warnings.push(issue(input, 'name', `居民名单中此身份证号的姓名为“${existing.name}”，以名单为准`))
    // The register is not changed by a trip row; a 性别 that contradicts the ID is told, as the residents target tells it.
    const sex = input.text('sex') === '' ? null : sexOf(input.text('sex'))
    if (input.text('sex') !== '' && sex === null) warnings.push(issue(input, 'sex', `性别“${input.text('sex')}”无法识别，已忽略`))
    if (sex && idSex && sex !== idSex) warnings.push(issue(input, 'sex', `性别与身份证号不符（身份证号显示为${SEX_LABELS[idSex]}），以身份证号为准`))
    if (tripOn(ctx.db, existing.id, returnDate, null)) {
      return { ...base, status: 'error', errors: [issue(input, 'returnDate', `${existing.name} ${returnDate} 的返程已经登记过了`)] }
    }
    const observation = observationOf(input, ctx, { id: existing.id, idNumber, name: existing.name }, returnDate, errors, warnings)
    if (errors.length > 0) return { ...base, status: 'error' }
    return { ...base, status: 'new', key, value: { residentId: existing.id, create: null, idNumber, trip: valid.data as TripFields, observation } }
  }

  if (input.text('address') === '') return { ...base, status: 'error', errors: [issue(input, 'idNumber', '该人员不在居民名单中，请先导入或登记居民')] }
  // Not in the register but the file gives 现住址: the residents target's own check (scope, household, phone).
  const person = residentsTarget.check(input, ctx)
  if (person.status !== 'new' || !person.value) {
    return {
      ...base,
      status: 'error',
      errors: person.errors.length > 0 ? person.errors : [issue(input, 'idNumber', '该人员不在居民名单中，且无法按现住址登记为居民')],
      warnings: [...warnings, ...person.warnings]
    }
  }
  if (!person.value.address) {
    return { ...base, status: 'error', errors: [issue(input, 'address', '该人员不在居民名单中，现住址无法拆分为小区、楼栋、房号，请先登记居民')], warnings }
  }
  warnings.push(issue(input, 'address', '该人员不在居民名单中，将按现住址同时登记为居民'), ...person.warnings)
  const observation = observationOf(input, ctx, { id: null, idNumber, name }, returnDate, errors, warnings)
  if (errors.length > 0) return { ...base, status: 'error' }
  return { ...base, status: 'new', key, value: { residentId: null, create: person.value, idNumber, trip: valid.data as TripFields, observation } }
}

/** One registerTrip (and its observation) per row inside the import's one transaction; a refusal rolls the whole import back. */
function commitReturnees(
  tx: Parameters<ImportTarget<ReturneeImport>['commit']>[0],
  rows: CheckedRow<ReturneeImport>[],
  ctx: Parameters<ImportTarget<ReturneeImport>['commit']>[2]
): CommitCounts {
  const counts: CommitCounts = { created: 0, updated: 0, skipped: 0 }
  const households = new HouseholdBook(tx, ctx.session, ctx.at)
  const today = localIsoDate(ctx.today)
  let done = 0
  for (const row of rows) {
    if (++done % 1000 === 0) ctx.progress(done)
    const v = row.value
    if (!v || row.status !== 'new') {
      if (row.status === 'skipped') counts.skipped++
      continue
    }
    let residentId = v.residentId ?? findByDocument(tx, 'mainland', v.idNumber)?.id ?? null
    if (residentId === null && v.create?.address) {
      const householdId = households.place(v.create.address).householdId
      residentId = createResident(tx, ctx.session, { ...v.create.fields, householdId }, ctx.today, ctx.at)
    }
    if (residentId === null) throw new AppError('RULE_VIOLATION', `第 ${row.row} 行（${row.name}）：该人员不在居民名单中，请先导入或登记居民。`)
    try {
      const tripId = registerTrip(tx, ctx.session, residentId, v.trip, today, ctx.at)
      if (v.observation) startImportedObservation(tx, ctx.session, residentId, tripId, v.observation, today, ctx.at)
    } catch (e) {
      if (e instanceof Error) e.message = `第 ${row.row} 行（${row.name}）：${e.message}全部未导入，请修改后重新导入。`
      throw e
    }
    counts.created++
  }
  ctx.progress(done)
  return counts
}

export const returneesTarget: ImportTarget<ReturneeImport> = {
  key: 'returnees',
  label: '返程人员登记',
  fields: FIELDS,
  check: checkReturnee,
  commit: commitReturnees,
  notices: (rows) => observationNotices(rows.map((r) => (r.status === 'new' ? r.value : null)))
}
