import type { RosterAssignment } from '../../../shared/contract'
import { daysBetween } from '../../../shared/domain/dates'
import { DAY_MINUTES, parseHhmm, shiftDuration } from '../../../shared/domain/roster-rules'
import { AppError } from '../../../shared/errors'
import type { RosterAttend } from '../../../shared/schemas/roster'
import type { Ctx } from '../context'
import { requireVolunteer } from '../volunteers/volunteers.service'
import { getAssignment, upsertAttendance } from './roster.repo'
import { liveTemplate, mondayOf } from './roster.service'

/**
 * Minutes worked from 签到/签退 times on the shift's day: a time earlier than the shift's start
 * by more than two hours is read as the next morning, so 夜班 23:00 -> 07:10 is 8 h 10 min.
 */
export function workedMinutes(startMinute: number, checkIn: number, checkOut: number): number {
  const unwrap = (m: number) => (m < startMinute - 120 ? m + DAY_MINUTES : m)
  return Math.max(0, unwrap(checkOut) - unwrap(checkIn))
}

function clock(value: string | undefined, path: string): number | null {
  if (value === undefined || value === '') return null
  const m = parseHhmm(value)
  if (m === null) throw new AppError('BAD_ARGS', '时间应为 时:分，例如 07:05', { issues: [{ path, message: '时间格式不对' }] })
  return m
}

export function attend(ctx: Ctx, args: RosterAttend): RosterAssignment {
  const a = getAssignment(ctx.store, args.id)
  if (!a) throw new AppError('NOT_FOUND', '找不到这条排班，可能已被取消。', { id: args.id })
  const t = liveTemplate(ctx.store, a.templateId)
  const person = requireVolunteer(ctx.store, a.volunteerId)
  const checkIn = clock(args.checkIn, 'checkIn')
  const checkOut = clock(args.checkOut, 'checkOut')
  let minutes = 0
  if (args.status === 'present') {
    if (checkIn !== null && checkOut !== null) minutes = workedMinutes(t.startMinute, checkIn, checkOut)
    else if (checkIn === null && checkOut === null) minutes = shiftDuration(t)
    // 签到 alone: on duty now, the hours count once 签退 is recorded.
    else if (checkOut !== null) throw new AppError('BAD_ARGS', '请先签到，再签退', { issues: [{ path: 'checkIn', message: '请填写签到时间' }] })
  }
  const onDutyOnly = args.status === 'present' && checkIn !== null && checkOut === null
  const label =
    args.status === 'absent'
      ? `记缺勤 ${person.name}（${a.day} ${t.name}）`
      : onDutyOnly
        ? `签到 ${person.name}（${a.day} ${t.name}，${args.checkIn}）`
        : `签到签退 ${person.name}（${a.day} ${t.name}，${(minutes / 60).toFixed(1)} 小时）`
  ctx.write({ summary: label, record: `volunteer:${a.volunteerId}` }, (tx) =>
    upsertAttendance(
      tx,
      {
        assignmentId: a.id,
        status: args.status,
        checkIn: args.status === 'present' ? args.checkIn || null : null,
        checkOut: args.status === 'present' ? args.checkOut || null : null,
        minutes,
        month: a.day.slice(0, 7)
      },
      ctx.now().toISOString(),
      ctx.session.actor
    )
  )
  const week = mondayOf(a.day)
  return {
    id: a.id,
    day: a.day,
    dayIndex: daysBetween(week, a.day),
    templateId: a.templateId,
    volunteerId: a.volunteerId,
    isLead: a.isLead === 1,
    override: a.override,
    attendance: args.status,
    checkIn: args.status === 'present' ? args.checkIn || null : null,
    checkOut: args.status === 'present' ? args.checkOut || null : null,
    minutes
  }
}
