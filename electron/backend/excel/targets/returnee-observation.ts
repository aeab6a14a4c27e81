import type { ImportNotice, RowIssue } from '../../../../shared/contract/excel'
import { localIsoDate, normalizeText, parseLooseDate } from '../../../../shared/domain'
import { readHealthReport, symptomText } from '../../../../shared/domain/health-report'
import type { HealthReport } from '../../../../shared/domain/health-report'
import { EPISODE_KINDS, EPISODE_KIND_LABELS } from '../../../../shared/domain/observation'
import type { EpisodeKind } from '../../../../shared/domain/observation'
import { openEpisodeOf } from '../../monitoring/monitoring.repo'
import { saveCheck, settingsOf, startEpisode } from '../../monitoring/monitoring.service'
import type { Tx } from '../../store/store'
import type { Session } from '../../context'
import type { CheckContext, RowInput } from './types'

/*
 * The observation a returnee import starts with each trip (是否居家观察, 观察类型, 观察开始日期) and
 * the health the returnee reported (目前身体状况, 是否发热, 体温, 症状), which becomes the episode's
 * first check, in the import's one transaction.
 */

export interface ImportObservation {
  kind: EpisodeKind
  /** null: the return date. */
  startDate: string | null
  health: HealthReport | null
}

export const OBSERVATION_FIELDS = [
  { key: 'observe', label: '是否居家观察', required: false, hint: '是/否；填“是”或填了观察类型、开始日期的，导入时同时开始观察' },
  { key: 'observationKind', label: '观察类型', required: false, hint: `${EPISODE_KINDS.map((k) => EPISODE_KIND_LABELS[k]).join('/')}，不填为居家观察` },
  { key: 'observationStart', label: '观察开始日期', required: false, hint: '不填为返程日期' },
  { key: 'health', label: '目前身体状况', required: false, hint: '如 正常、发热、咳嗽；报告发热或症状的，导入后第一次检查记为异常' },
  { key: 'symptoms', label: '症状', required: false, hint: '' },
  { key: 'temperature', label: '体温', required: false, hint: '' }
]

const KIND_WORDS: [RegExp, EpisodeKind][] = [
  [/集中/, 'central_isolation'],
  [/居家隔离|隔离/, 'home_isolation'],
  [/健康监测|自我监测|监测/, 'health_monitoring'],
  [/居家观察|医学观察|居家|观察/, 'home_observation']
]
const YES = /^(?:是|需要|要|已|已观察|观察中|正在观察|y|yes|√|1)$/i
const NO = /^(?:否|不|不需要|无|未|n|no|×|0)$/i

const issue = (input: RowInput, field: string, message: string): RowIssue => ({ column: input.column(field), field, message })

/** Who is already being observed (from the register, or from an earlier row of this file). */
const OBSERVING = 'returnees:observing'

/**
 * The observation of one row, or null for none. A reported fever or symptom always starts one:
 * such a returnee must be followed up even when the file says 否.
 */
export function observationOf(
  input: RowInput,
  ctx: CheckContext,
  person: { id: number | null; idNumber: string; name: string },
  returnDate: string,
  errors: RowIssue[],
  warnings: RowIssue[]
): ImportObservation | null {
  const observeText = normalizeText(input.text('observe')).replace(/\s+/g, '')
  const kindText = normalizeText(input.text('observationKind')).replace(/\s+/g, '')
  const startText = input.text('observationStart')
  const health = readHealthReport(
    { health: input.text('health'), symptoms: input.text('symptoms'), temperature: input.text('temperature') },
    settingsOf(ctx.db).temperatureThreshold
  )
  if (health && health.unread.length > 0) warnings.push(issue(input, 'health', `身体状况“${health.unread.join('；')}”无法判断，记为异常，请核实`))

  const said = observeText !== '' && !NO.test(observeText)
  if (observeText !== '' && !YES.test(observeText) && !NO.test(observeText)) {
    warnings.push(issue(input, 'observe', `是否居家观察“${observeText}”按“是”处理`))
  }
  const declined = NO.test(observeText)
  const wanted = said || (!declined && (kindText !== '' || startText !== '' || health !== null)) || health?.abnormal === true
  if (!wanted) return null
  if (declined && health?.abnormal) warnings.push(issue(input, 'observe', '填了“否”，但报告了发热或症状，仍开始居家观察'))

  let kind: EpisodeKind = 'home_observation'
  if (kindText !== '') {
    const found = KIND_WORDS.find(([re]) => re.test(kindText))
    if (!found)
      errors.push(issue(input, 'observationKind', `观察类型“${kindText}”无法识别（可填 ${EPISODE_KINDS.map((k) => EPISODE_KIND_LABELS[k]).join('/')}）`))
    else kind = found[1]
  }
  let startDate: string | null = null
  if (startText !== '') {
    const parsed = parseLooseDate(input.get('observationStart'))
    if (!parsed.ok) errors.push(issue(input, 'observationStart', `观察开始日期：${parsed.message}`))
    else if (parsed.date > localIsoDate(ctx.today)) errors.push(issue(input, 'observationStart', `观察开始日期 ${parsed.date} 晚于今天，请核对`))
    else startDate = parsed.date
  }

  // One open observation a person: already observed (the register, or an earlier row) keeps it.
  const observing = (ctx.memo.get(OBSERVING) as Set<string> | undefined) ?? new Set<string>()
  ctx.memo.set(OBSERVING, observing)
  const open = person.id === null ? undefined : openEpisodeOf(ctx.db, person.id)
  if (open || observing.has(person.idNumber)) {
    const why = open ? `${person.name} 正在${EPISODE_KIND_LABELS[open.kind]}中（至 ${open.endDate}）` : `${person.name} 在前面的行已开始观察`
    warnings.push(issue(input, 'observe', `${why}，不再开始新的观察${health?.abnormal ? '；报告了发热或症状，请到居家观察为其登记体温' : ''}`))
    return null
  }
  observing.add(person.idNumber)
  if (health?.abnormal) {
    const what = health.symptoms.length > 0 ? symptomText(health.symptoms) : '身体不适'
    warnings.push(issue(input, 'health', `报告${what}：开始观察后第一次检查记为异常`))
  }
  return { kind, startDate: startDate ?? (returnDate || null), health }
}

/** Starts the row's episode for its trip and saves the reported health as its first check (today). */
export function startImportedObservation(tx: Tx, session: Session, residentId: number, tripId: number, o: ImportObservation, today: string, at: string): void {
  const settings = settingsOf(tx)
  const episodeId = startEpisode(tx, session, { residentId, tripId, kind: o.kind, startDate: o.startDate ?? undefined }, settings, today, at)
  if (!o.health) return
  const h = o.health
  saveCheck(
    tx,
    session,
    { episodeId, day: today, morning: h.temperature, evening: null, symptoms: h.symptoms, outcome: h.abnormal ? 'abnormal' : 'normal', note: h.note },
    settings.temperatureThreshold,
    today,
    at
  )
}

/** The check step's lines for the clerk: how many start observation, how many reported fever or symptoms. */
export function observationNotices(values: ({ observation: ImportObservation | null } | null)[]): ImportNotice[] {
  const started = values.filter((v) => v?.observation)
  const ill = started.filter((v) => v?.observation?.health?.abnormal)
  const notices: ImportNotice[] = []
  if (started.length > 0) notices.push({ level: 'info', text: `导入后将同时开始观察 ${started.length} 人（按观察类型，未填的为居家观察）。` })
  if (ill.length > 0) {
    notices.push({ level: 'alert', text: `其中 ${ill.length} 人报告了发热或症状：第一次检查记为异常，将在居家观察中标红，请尽快联系核实。` })
  }
  return notices
}
