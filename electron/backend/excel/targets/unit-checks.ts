import type { RowIssue } from '../../../../shared/contract/excel'
import { localIsoDate, normalizeText, parseLooseDate } from '../../../../shared/domain'
import { isFever, readTemperature, temperatureProblem } from '../../../../shared/domain/temperature'
import { AppError } from '../../../../shared/errors'
import { settingsOf } from '../../monitoring/monitoring.service'
import { liveUnitByName, saveChecks, workerOfUnit } from '../../units/units.service'
import type { CheckedRow, CommitCounts, ImportTarget, RowInput } from './types'

/** One worker's readings of one day, from a unit's 员工健康登记 sheet. */
export interface UnitCheckImport {
  unitId: number
  workerId: number
  day: string
  am: number | null
  pm: number | null
  /** At or above the office's fever threshold: told before the import is committed. */
  fever: boolean
}

const issue = (input: RowInput, field: string | null, message: string): RowIssue => ({ column: field ? input.column(field) : null, field, message })

/** A reading as the sheet holds it: 36.5, "36.5", "365"; empty is not taken; anything else is named. */
function readingOf(input: RowInput, field: 'morning' | 'evening', label: string, errors: RowIssue[]): number | null {
  const cell = input.get(field)
  const text = typeof cell === 'number' ? String(cell) : input.text(field)
  if (text === '') return null
  const value = readTemperature(text)
  const problem = value === null ? `${label}“${text}”不是体温数字` : temperatureProblem(value)
  if (problem) {
    errors.push(issue(input, field, problem))
    return null
  }
  return value
}

function checkRow(input: RowInput, ctx: Parameters<ImportTarget<UnitCheckImport>['check']>[1]): CheckedRow<UnitCheckImport> {
  const name = normalizeText(input.text('name'))
  const base = { row: input.row, name, warnings: [] as RowIssue[], key: null, value: null }
  const errors: RowIssue[] = []
  const unitName = normalizeText(input.text('unitName'))
  if (unitName === '') errors.push(issue(input, 'unitName', '请填写单位名称'))
  if (name === '') errors.push(issue(input, 'name', '姓名为空'))
  const today = localIsoDate(ctx.today)
  let day = today
  if (input.text('lastCheckDay') !== '') {
    const parsed = parseLooseDate(input.get('lastCheckDay'))
    if (!parsed.ok) errors.push(issue(input, 'lastCheckDay', `日期：${parsed.message}`))
    else if (parsed.date > today) errors.push(issue(input, 'lastCheckDay', `日期 ${parsed.date} 晚于今天，请核对`))
    else day = parsed.date
  }
  const am = readingOf(input, 'morning', '上午体温', errors)
  const pm = readingOf(input, 'evening', '下午体温', errors)
  if (errors.length === 0 && am === null && pm === null) errors.push(issue(input, 'morning', '上午、下午体温都没有填写'))
  if (errors.length > 0) return { ...base, status: 'error', errors }
  // Outside the importer's grids a unit is answered as unknown, exactly like a missing one.
  const unit = liveUnitByName(ctx.db, ctx.session, unitName)
  if (!unit) return { ...base, status: 'error', errors: [issue(input, 'unitName', `找不到单位“${unitName}”，请先在商铺单位台账中登记，或核对名称`)] }
  const found = workerOfUnit(ctx.db, unit.id, name, input.text('idNumber'))
  if (found === 'none') return { ...base, status: 'error', errors: [issue(input, 'name', `${unit.name}没有名为“${name}”的在册从业人员，请先登记`)] }
  if (found === 'many') return { ...base, status: 'error', errors: [issue(input, 'idNumber', `${unit.name}有两名“${name}”，请填写身份证号以区分`)] }
  const key = `${found}|${day}`
  const threshold = settingsOf(ctx.db).temperatureThreshold
  const fever = [am, pm].some((t) => t !== null && isFever(t, threshold))
  return { ...base, status: 'new', errors: [], key, value: { unitId: unit.id, workerId: found, day, am, pm, fever } }
}

/** Every row's readings in the import's one transaction, a unit and day at a time through the units domain's own rule. */
function commitChecks(
  tx: Parameters<ImportTarget<UnitCheckImport>['commit']>[0],
  rows: CheckedRow<UnitCheckImport>[],
  ctx: Parameters<ImportTarget<UnitCheckImport>['commit']>[2]
): CommitCounts {
  const threshold = settingsOf(tx).temperatureThreshold
  const groups = new Map<string, UnitCheckImport[]>()
  let skipped = 0
  for (const row of rows) {
    if (row.status !== 'new' || !row.value) {
      if (row.status === 'skipped') skipped++
      continue
    }
    const k = `${row.value.unitId}|${row.value.day}`
    groups.set(k, [...(groups.get(k) ?? []), row.value])
  }
  let created = 0
  for (const values of groups.values()) {
    const first = values[0]
    if (!first) continue
    try {
      const saved = saveChecks(
        tx,
        ctx.session,
        { unitId: first.unitId, day: first.day, reportedBy: '', rows: values.map((v) => ({ workerId: v.workerId, am: v.am, pm: v.pm })) },
        threshold,
        ctx.today
      )
      created += saved.saved
    } catch (e) {
      if (e instanceof AppError) e.message = `${first.day}：${e.message}全部未导入，请修改后重新导入。`
      throw e
    }
    ctx.progress(created)
  }
  return { created, updated: 0, skipped }
}

export const unitChecksTarget: ImportTarget<UnitCheckImport> = {
  key: 'unitChecks',
  label: '员工健康登记',
  fields: [
    { key: 'unitName', label: '单位名称', required: true, hint: '与商铺单位台账中的名称一致' },
    { key: 'name', label: '姓名', required: true, hint: '本单位在册的从业人员' },
    { key: 'idNumber', label: '身份证号', required: false, hint: '同名时用来区分' },
    { key: 'lastCheckDay', label: '日期', required: false, hint: '不填则为今天' },
    { key: 'morning', label: '上午体温', required: false, hint: '如 36.5' },
    { key: 'evening', label: '下午体温', required: false, hint: '如 36.8' }
  ],
  check: checkRow,
  commit: commitChecks,
  notices(rows) {
    const fevers = rows.filter((r) => r.status === 'new' && r.value?.fever).map((r) => r.name)
    return fevers.length > 0 ? [{ level: 'alert', text: `体温异常 ${fevers.length} 人：${fevers.join('、')}，导入后请立即跟进。` }] : []
  }
}
