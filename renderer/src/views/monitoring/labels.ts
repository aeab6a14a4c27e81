import type { EpisodeView } from '../../../../shared/contract'
import { EPISODE_KIND_LABELS, EPISODE_STATUS_LABELS } from '../../../../shared/domain/observation'

export { CHECK_OUTCOME_LABELS, EPISODE_KIND_LABELS, EPISODE_STATUS_LABELS, SYMPTOM_LABELS, SYMPTOMS } from '../../../../shared/domain/observation'

export const STATUS_TAG: Record<EpisodeView['status'], 'primary' | 'success' | 'danger' | 'info'> = {
  observing: 'primary',
  released: 'success',
  hospital: 'danger',
  lost: 'info'
}

/** '居家观察 · 观察中（至 2月17日）' */
export function episodeText(e: Pick<EpisodeView, 'kind' | 'status' | 'endDate'>): string {
  const [, m, d] = e.endDate.split('-')
  const until = e.status === 'observing' ? `（至 ${Number(m)}月${Number(d)}日）` : ''
  return `${EPISODE_KIND_LABELS[e.kind]} · ${EPISODE_STATUS_LABELS[e.status]}${until}`
}

export function formatTemp(t: number | null | undefined): string {
  return t === null || t === undefined ? '' : `${t.toFixed(1)}℃`
}
