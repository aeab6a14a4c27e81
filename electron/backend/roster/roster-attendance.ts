import type { RosterAssignment } from '../../../shared/contract'
import { addDays } from '../../../shared/domain/dates'
import { DAY_MINUTES, hhmm, parseHhmm, shiftDuration } from '../../../shared/domain/roster-rules'
import { AppError } from '../../../shared/errors'
import type { RosterAttend } from '../../../shared/schemas/roster'
import type { Ctx } from '../context'
import { requireVolunteer } from '../volunteers/volunteers.service'
import type { AssignmentRecord, TemplateRecord } from './roster.repo'
import { deleteAttendance, getAssignment, upsertAttendance } from './roster.repo'
import { liveTemplate, minutesSince, mondayOf, toAssignment, toRuleTemplate } from './roster.service'

/**
 * Minutes worked from 签到/签退 times on the shift's day: a time earlier than the shift's start
 * by more than two hours is read as the next morning, so 夜班 23:00 -> 07:10 is 8 h 10 min.
 */
export function workedMinutes(startMinute: number, checkIn: number, checkOut: number): number {
  return Math.max(0, onShiftDay(startMinute, checkOut) - onShiftDay(startMinute, checkIn))
}

/** A 签到/签退 clock time as minutes from the shift's day 00:00 (the next morning past 1440). */
function onShiftDay(startMinute: number, clockMinute: number): number {
  return clockMinute < startMinute - 120 ? clockMinute + DAY_MINUTES : clockMinute
}

/** '2026-02-04 07:05': the day a minute of the shift's day falls on, for messages. */
function when(day: string, minute: number): string {
  return `${addDays(day, Math.floor(minute / DAY_MINUTES))} ${hhmm(minute)}`
}

/**
 * Attendance is what happened: a 签到 or 签退 time still to come, 缺勤 for a shift not yet begun,
 * or a whole shift counted before it ends would be a guess written down as a fact.
 */
function refuseFuture(a: AssignmentRecord, t: TemplateRecord, args: RosterAttend, checkIn: number | null, checkOut: number | null, now: Date): void {
  const nowMinute = minutesSince(a.day, now)
  const nowText = `现在是 ${when(a.day, nowMinute)}`
  const future = (path: string, message: string) => new AppError('BAD_ARGS', `${message}（${nowText}）`, { issues: [{ path, message: '时间还没到' }] })
  if (args.status === 'absent') {
    if (t.startMinute > nowMinute) throw future('status', `${a.day} ${t.name} ${hhmm(t.startMinute)} 才开始，还不能记缺勤`)
    return
  }
  if (checkIn !== null && onShiftDay(t.startMinute, checkIn) > nowMinute)
    throw future('checkIn', `签到时间 ${when(a.day, onShiftDay(t.startMinute, checkIn))} 还没到，不能提前签到`)
  if (checkOut !== null && onShiftDay(t.startMinute, checkOut) > nowMinute)
    throw future('checkOut', `签退时间 ${when(a.day, onShiftDay(t.startMinute, checkOut))} 还没到，不能提前签退`)
  if (checkIn === null && checkOut === null && t.startMinute + shiftDuration(t) > nowMinute)
    throw future('checkIn', `${a.day} ${t.name} 还没结束，不能按整班记到岗；请填签到时间`)
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
  refuseFuture(a, t, args, checkIn, checkOut, ctx.now())
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
  return view(ctx, a.id, t)
}

function view(ctx: Ctx, id: number, t: TemplateRecord): RosterAssignment {
  const a = getAssignment(ctx.store, id)
  if (!a) throw new AppError('NOT_FOUND', '找不到这条排班，可能已被取消。', { id })
  return toAssignment(mondayOf(a.day), a, new Map([[t.id, toRuleTemplate(t)]]))
}

/**
 * Takes back the last step recorded by mistake: a 签退 (back to 在岗, the 签到 kept), else the
 * 签到 or the 缺勤 (back to 未签到). The 操作日志 keeps what was undone.
 */
export function undoAttend(ctx: Ctx, id: number): RosterAssignment {
  const a = getAssignment(ctx.store, id)
  if (!a) throw new AppError('NOT_FOUND', '找不到这条排班，可能已被取消。', { id })
  const t = liveTemplate(ctx.store, a.templateId)
  const person = requireVolunteer(ctx.store, a.volunteerId)
  if (a.attendance === null) throw new AppError('RULE_VIOLATION', `${person.name}（${a.day} ${t.name}）还没有签到或缺勤记录，没有可撤销的。`)
  const where = `${person.name}（${a.day} ${t.name}`
  const before = { status: a.attendance, checkIn: a.checkIn, checkOut: a.checkOut, minutes: a.minutes }
  const audit = { record: `volunteer:${a.volunteerId}`, detail: { assignmentId: a.id, before } }
  if (a.attendance === 'present' && a.checkIn && a.checkOut) {
    const checkIn = a.checkIn
    ctx.write({ ...audit, summary: `撤销签退 ${where}，签退 ${a.checkOut}；保留签到 ${checkIn}）` }, (tx) =>
      upsertAttendance(
        tx,
        { assignmentId: a.id, status: 'present', checkIn, checkOut: null, minutes: 0, month: a.day.slice(0, 7) },
        ctx.now().toISOString(),
        ctx.session.actor
      )
    )
  } else {
    const what = a.attendance === 'absent' ? '撤销缺勤' : '撤销签到'
    const detailText = a.attendance === 'absent' ? '' : a.checkIn ? `，签到 ${a.checkIn}` : '，按班次计到岗'
    ctx.write({ ...audit, summary: `${what} ${where}${detailText}）` }, (tx) => deleteAttendance(tx, a.id))
  }
  return view(ctx, a.id, t)
}
