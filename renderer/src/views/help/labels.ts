import type { HelpAction, HelpStatus, HelpUrgency } from '../../../../shared/schemas/help'

/** The steps that carry words: 办结 (result), 无法完成 / 撤销 (reason), 开始处理 (note), 回访. */
export type WordedAction = Exclude<HelpAction, 'assign'>

/** Element Plus tag colours: red for what may cost a life or health, grey for what is over. */
export const URGENCY_TAG: Record<HelpUrgency, 'danger' | 'warning' | 'primary' | 'info'> = {
  life: 'danger',
  health: 'warning',
  hardship: 'primary',
  normal: 'info'
}
export const STATUS_TAG: Record<HelpStatus, 'danger' | 'warning' | 'primary' | 'success' | 'info'> = {
  open: 'danger',
  assigned: 'warning',
  in_progress: 'primary',
  done: 'success',
  failed: 'info',
  cancelled: 'info'
}

/** '2026-02-03T08:05:00.000Z' as the office's wall clock, '02-03 16:05'. */
export function shortTime(iso: string): string {
  const d = new Date(iso)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`
}
