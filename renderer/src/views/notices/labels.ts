import type { DoorProgress } from '../../../../shared/contract'
import type { DoorHow, DoorOutcome, NoticeAudience } from '../../../../shared/domain/notices'
import { NOTICE_AUDIENCE_UNIT } from '../../../../shared/domain/notices'
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

/** '3 / 5 户（60%）', or 家 for a notice to 商铺单位. */
export function progressText(p: DoorProgress, audience: NoticeAudience = 'households'): string {
  const percent = p.targeted === 0 ? 0 : Math.round((p.reached / p.targeted) * 100)
  return `${p.reached} / ${p.targeted} ${NOTICE_AUDIENCE_UNIT[audience]}（${percent}%）`
}

/** The checklists' one-key marks (households' and units' alike): 1 当面, 2 门贴, 3 电话, 0 未联系上, Backspace 未告知. */
export const DOOR_KEY_MARKS: Record<string, [DoorOutcome, DoorHow | null]> = {
  '1': ['reached', 'in_person'],
  '2': ['reached', 'door_note'],
  '3': ['reached', 'phone'],
  '0': ['unreachable', null],
  Backspace: ['pending', null]
}

export function percentOf(p: DoorProgress): number {
  return p.targeted === 0 ? 0 : Math.round((p.reached / p.targeted) * 100)
}
