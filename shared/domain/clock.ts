import { localIsoDate } from './dates'

/*
 * One clock: every date and time the app shows, prints, exports and counts by is the office PC's
 * local wall clock (DOMAIN.md: Beijing time at a Chinese office). 设置 names that clock so a clerk
 * can see why a time reads as it does, for example on a PC left on another zone.
 */

/** 'UTC+8', 'UTC+5:30', 'UTC-3:30', 'UTC+0' for minutes east of Greenwich. */
export function utcOffsetText(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+'
  const abs = Math.abs(offsetMinutes)
  const minutes = abs % 60
  return `UTC${sign}${Math.floor(abs / 60)}${minutes === 0 ? '' : `:${String(minutes).padStart(2, '0')}`}`
}

/** 'Asia/Shanghai (UTC+8)'; the offset alone when the system names no zone. */
export function timeZoneLabel(zone: string, offsetMinutes: number): string {
  const offset = utcOffsetText(offsetMinutes)
  return zone ? `${zone} (${offset})` : offset
}

/** '2026-02-03 16:05' on the local wall clock. */
export function localDateTime(d: Date): string {
  return `${localIsoDate(d)} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
}

export interface OfficeClock {
  /** IANA name of the zone, '' when the system gives none. */
  zone: string
  /** Minutes east of UTC at the moment asked (summer time included where there is any). */
  offsetMinutes: number
  /** 'Asia/Shanghai (UTC+8)' */
  label: string
  /** The wall clock at that moment, 'YYYY-MM-DD HH:mm'. */
  localTime: string
}

/** The clock of the process that runs it (the backend's is the one every record is dated by). */
export function officeClock(now: Date): OfficeClock {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone ?? ''
  const offsetMinutes = -now.getTimezoneOffset()
  return { zone, offsetMinutes, label: timeZoneLabel(zone, offsetMinutes), localTime: localDateTime(now) }
}
