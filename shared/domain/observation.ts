/**
 * Home observation (居家观察): its vocabulary (episode kinds and statuses, symptoms, check
 * outcomes, worklists: codes stored, zh-CN labels shown), when a daily check is abnormal and when
 * a person is flagged (shown in red) for it. The entry grid, the backend, the lists and every
 * export ask these, so a person is red in the app exactly when the report marks them 是否异常 = 是.
 */
import { isFever } from './temperature'

export const EPISODE_KINDS = ['home_observation', 'home_isolation', 'central_isolation', 'health_monitoring'] as const
export type EpisodeKind = (typeof EPISODE_KINDS)[number]
export const EPISODE_KIND_LABELS: Record<EpisodeKind, string> = {
  home_observation: '居家观察',
  home_isolation: '居家隔离',
  central_isolation: '集中隔离',
  health_monitoring: '健康监测'
}

export const EPISODE_STATUSES = ['observing', 'released', 'hospital', 'lost'] as const
export type EpisodeStatus = (typeof EPISODE_STATUSES)[number]
export const EPISODE_STATUS_LABELS: Record<EpisodeStatus, string> = { observing: '观察中', released: '已解除', hospital: '转送医院', lost: '失联' }
/** The statuses an open episode may be closed with, and the action that closes it with each. */
export const CLOSING_STATUSES = ['released', 'hospital', 'lost'] as const
export type ClosingStatus = (typeof CLOSING_STATUSES)[number]
export const CLOSING_ACTION_LABELS: Record<ClosingStatus, string> = { released: '解除观察', hospital: '转送医院', lost: '失联' }

export const SYMPTOMS = ['fever', 'fatigue', 'dry_cough', 'sore_throat', 'stuffy_nose', 'runny_nose', 'diarrhea', 'dyspnea', 'smell_taste'] as const
export type Symptom = (typeof SYMPTOMS)[number]
export const SYMPTOM_LABELS: Record<Symptom, string> = {
  fever: '发热',
  fatigue: '乏力',
  dry_cough: '干咳',
  sore_throat: '咽痛',
  stuffy_nose: '鼻塞',
  runny_nose: '流涕',
  diarrhea: '腹泻',
  dyspnea: '呼吸困难',
  smell_taste: '嗅味觉减退'
}

export const CHECK_OUTCOMES = ['normal', 'abnormal', 'unreachable'] as const
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number]
export const CHECK_OUTCOME_LABELS: Record<CheckOutcome, string> = { normal: '正常', abnormal: '异常', unreachable: '未联系上' }

export const WORKLISTS = ['due', 'abnormal', 'ending', 'missed'] as const
export type Worklist = (typeof WORKLISTS)[number]
export const WORKLIST_LABELS: Record<Worklist, string> = { due: '待测温', abnormal: '异常', ending: '今日期满', missed: '昨日漏测' }

/**
 * The verdict of a check: 未联系上 stays so; a temperature at or above the threshold, or any
 * symptom, makes it abnormal whatever was chosen; otherwise what the clerk chose.
 */
export function checkVerdict(
  check: { morning: number | null; evening: number | null; symptoms: readonly string[]; outcome: CheckOutcome },
  threshold: number
): { outcome: CheckOutcome; abnormal: boolean; fever: boolean } {
  const fever = [check.morning, check.evening].some((t) => t !== null && isFever(t, threshold))
  if (check.outcome === 'unreachable' && check.morning === null && check.evening === null) return { outcome: 'unreachable', abnormal: false, fever: false }
  const abnormal = fever || check.symptoms.length > 0 || check.outcome === 'abnormal'
  return { outcome: abnormal ? 'abnormal' : 'normal', abnormal, fever }
}

/**
 * A person is flagged while their episode is open and its latest check that reached them was
 * abnormal. The stored flag outlives the episode (it is history), so a released, hospital or lost
 * episode is never red. `abnormal` is the database's 0/1 or a boolean.
 */
export function isFlagged(episode: { abnormal: number | boolean | null; status: string | null }): boolean {
  return (episode.abnormal === 1 || episode.abnormal === true) && episode.status === 'observing'
}

/**
 * Kinds of episode that keep a person at home (they cannot go out to shop or see a doctor, so
 * their household's needs come first). 集中隔离 keeps them elsewhere and 健康监测 lets them out.
 */
export const KEPT_HOME_KINDS = ['home_observation', 'home_isolation'] as const satisfies readonly EpisodeKind[]
export function keepsHome(kind: EpisodeKind): boolean {
  return (KEPT_HOME_KINDS as readonly EpisodeKind[]).includes(kind)
}
