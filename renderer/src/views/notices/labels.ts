import type { DoorProgress } from '../../../../shared/contract'
import { localDateTime } from '../../../../shared/domain/clock'
import { localIsoDate } from '../../../../shared/domain/dates'

/** Today and this month's first day on the office's clock. */
export function todayLocal(): string {
  return localIsoDate(new Date())
}
export function monthStart(): string {
  return `${todayLocal().slice(0, 7)}-01`
}

/** The wall clock now, 'YYYY-MM-DD HH:mm', as a publishing time is typed. */
export function nowWallClock(): string {
  return localDateTime(new Date())
}

/** '2026-02-03T08:05:00.000Z' as the office's wall clock, '02-03 16:05'. */
export function shortTime(iso: string | null): string {
  return iso ? localDateTime(new Date(iso)).slice(5) : ''
}

/** '3 / 5 户（60%）' */
export function progressText(p: DoorProgress): string {
  const percent = p.targeted === 0 ? 0 : Math.round((p.reached / p.targeted) * 100)
  return `${p.reached} / ${p.targeted} 户（${percent}%）`
}

export function percentOf(p: DoorProgress): number {
  return p.targeted === 0 ? 0 : Math.round((p.reached / p.targeted) * 100)
}
