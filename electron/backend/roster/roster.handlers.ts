import type { RosterApi } from '../../../shared/contract'
import { addDays, daysBetween, localIsoDate } from '../../../shared/domain/dates'
import { maskPhone } from '../../../shared/domain/mask'
import { autoFill } from '../../../shared/domain/roster-autofill'
import { WEEK_DAYS, cellLabel, hhmm, placementProblems } from '../../../shared/domain/roster-rules'
import { AppError } from '../../../shared/errors'
import type { Handlers } from '../context'
import { requireVolunteer } from '../volunteers/volunteers.service'
import { attend, undoAttend } from './roster-attendance'
import { runExport } from '../excel/export/engine'
import { rosterExport } from './roster.export'
import { printWeek } from './roster-print'
import {
  assignmentExists,
  assignmentsBetween,
  deleteAssignment,
  getAssignment,
  getTemplate,
  insertAssignment,
  insertTemplate,
  liveTemplates,
  readRosterSettings,
  retireTemplate,
  rosterPeople,
  saveRosterSettings,
  setLead,
  templateNamed,
  updateTemplate
} from './roster.repo'
import { liveTemplate, loadWeek, minutesSince, mondayOf, ruleInput, templateValues, toShiftTemplate, weekSeed } from './roster.service'
import { liveCheckpoint } from '../checkpoints/checkpoints.service'

function assertNameFree(db: Parameters<typeof templateNamed>[0], checkpointId: number, name: string, selfId: number | null): void {
  const other = templateNamed(db, checkpointId, name)
  if (other && other.id !== selfId) throw new AppError('CONFLICT', `这个卡口已有名为“${name}”的班次。`, { issues: [{ path: 'name', message: '名称已被使用' }] })
}

function requireAssignment(db: Parameters<typeof getAssignment>[0], id: number) {
  const a = getAssignment(db, id)
  if (!a) throw new AppError('NOT_FOUND', '找不到这条排班，可能已被取消。', { id })
  return a
}

export const rosterHandlers = {
  'shifts.list': (args, ctx) => liveTemplates(ctx.store, args.checkpointId).map(toShiftTemplate),

  'shifts.create': (args, ctx) => {
    const checkpoint = liveCheckpoint(ctx.store, args.checkpointId)
    assertNameFree(ctx.store, args.checkpointId, args.name, null)
    const id = ctx.write(
      {
        summary: `新建班次 ${checkpoint.name} ${args.name} ${args.start}-${args.end}，至少 ${args.minStaff} 人${args.leadRequired ? '，需带班人' : ''}`,
        record: (newId: number) => `shift:${newId}`
      },
      (tx) => insertTemplate(tx, templateValues(args), ctx.now().toISOString())
    )
    return toShiftTemplate(liveTemplate(ctx.store, id))
  },

  'shifts.update': (args, ctx) => {
    const before = liveTemplate(ctx.store, args.id)
    liveCheckpoint(ctx.store, args.checkpointId)
    assertNameFree(ctx.store, args.checkpointId, args.name, args.id)
    ctx.write({ summary: `修改班次 ${before.checkpointName} ${before.name}`, record: `shift:${args.id}`, detail: { before, after: args } }, (tx) =>
      updateTemplate(tx, args.id, templateValues(args), ctx.now().toISOString())
    )
    return toShiftTemplate(liveTemplate(ctx.store, args.id))
  },

  'shifts.retire': (args, ctx) => {
    const before = liveTemplate(ctx.store, args.id)
    ctx.write({ summary: `停用班次 ${before.checkpointName} ${before.name}`, record: `shift:${args.id}` }, (tx) =>
      retireTemplate(tx, args.id, ctx.now().toISOString())
    )
    const after = getTemplate(ctx.store, args.id)
    if (!after) throw new AppError('NOT_FOUND', '找不到这个班次。')
    return toShiftTemplate(after)
  },

  'roster.week': (args, ctx) => loadWeek(ctx.store, args.week),

  'roster.place': (args, ctx) => {
    const week = mondayOf(args.week)
    const dayIndex = daysBetween(week, args.day)
    if (dayIndex < 0 || dayIndex >= WEEK_DAYS)
      throw new AppError('BAD_ARGS', `${args.day} 不在这一周（${week} 起）内。`, { issues: [{ path: 'day', message: '不在本周' }] })
    const t = liveTemplate(ctx.store, args.templateId)
    const person = requireVolunteer(ctx.store, args.volunteerId)
    if (assignmentExists(ctx.store, args.day, args.templateId, args.volunteerId))
      throw new AppError('CONFLICT', `${person.name} 已排在 ${t.checkpointName} ${args.day} ${t.name}。`)
    const w = loadWeek(ctx.store, week)
    const problems = placementProblems(ruleInput(w), { dayIndex, templateId: t.id, volunteerId: person.id, isLead: args.isLead })
    // A conflict is never silently allowed: the clerk sees it and must confirm to place anyway.
    if (problems.length > 0 && !args.force) {
      throw new AppError('RULE_VIOLATION', problems.map((p) => p.message).join('；'), { conflicts: problems })
    }
    const override = problems.map((p) => p.message).join('；')
    const template = w.templates.find((x) => x.id === t.id)
    const where = template ? cellLabel(template, dayIndex) : t.name
    ctx.write(
      {
        summary: `排班 ${person.name}：${where}（${args.day}）${args.isLead ? '，带班' : ''}${override ? `；已确认冲突：${override}` : ''}`,
        record: `volunteer:${person.id}`
      },
      (tx) =>
        insertAssignment(
          tx,
          { week, day: args.day, templateId: t.id, volunteerId: person.id, isLead: args.isLead, override },
          ctx.now().toISOString(),
          ctx.session.actor
        )
    )
    return loadWeek(ctx.store, week)
  },

  'roster.remove': (args, ctx) => {
    const a = requireAssignment(ctx.store, args.id)
    const person = requireVolunteer(ctx.store, a.volunteerId)
    ctx.write({ summary: `取消排班 ${person.name}（${a.day}）`, record: `volunteer:${a.volunteerId}` }, (tx) => deleteAssignment(tx, a.id))
    return loadWeek(ctx.store, a.week)
  },

  'roster.setLead': (args, ctx) => {
    const a = requireAssignment(ctx.store, args.id)
    const person = requireVolunteer(ctx.store, a.volunteerId)
    if (args.isLead && person.canLead !== 1) throw new AppError('RULE_VIOLATION', `${person.name} 未登记为可带班，不能担任带班人。`)
    ctx.write({ summary: `${args.isLead ? '指定' : '取消'}带班人 ${person.name}（${a.day}）`, record: `volunteer:${a.volunteerId}` }, (tx) =>
      setLead(tx, a, args.isLead)
    )
    return loadWeek(ctx.store, a.week)
  },

  'roster.autoFill': (args, ctx) => {
    const w = loadWeek(ctx.store, args.week)
    // Days gone by are a record, not a plan: only shifts still to begin are filled unless asked.
    const notBefore = args.includePast ? undefined : minutesSince(w.week, ctx.now())
    const result = autoFill(ruleInput(w), args.seed ?? weekSeed(w.week), { notBefore })
    const byId = new Map(w.templates.map((t) => [t.id, t]))
    const unfilled = result.unfilled.map((u) => {
      const t = byId.get(u.templateId)
      return { ...u, label: t ? cellLabel(t, u.dayIndex) : '' }
    })
    if (result.added.length > 0) {
      const at = ctx.now().toISOString()
      const past = args.includePast ? '（含已过去的日子）' : result.skippedPast > 0 ? `，已开始或已过去的 ${result.skippedPast} 处未排` : ''
      ctx.write(
        {
          summary: `自动排班 ${w.week} 起一周${args.includePast ? past : ''}：新增 ${result.added.length} 人次，${unfilled.length} 处未排满${args.includePast ? '' : past}`,
          detail: { unfilled }
        },
        (tx) => {
          for (const p of result.added) {
            insertAssignment(
              tx,
              { week: w.week, day: addDays(w.week, p.dayIndex), templateId: p.templateId, volunteerId: p.volunteerId, isLead: p.isLead, override: '' },
              at,
              ctx.session.actor
            )
          }
        }
      )
    }
    return { week: loadWeek(ctx.store, w.week), added: result.added.length, skippedPast: result.skippedPast, unfilled }
  },

  'roster.copyLastWeek': (args, ctx) => {
    const w = loadWeek(ctx.store, args.week)
    const last = mondayOf(addDays(w.week, -7))
    const live = new Set(w.templates.map((t) => t.id))
    const placements = [...w.placements.map(({ dayIndex, templateId, volunteerId, isLead }) => ({ dayIndex, templateId, volunteerId, isLead }))]
    const copy: typeof placements = []
    let skipped = 0
    for (const a of assignmentsBetween(ctx.store, last, addDays(last, WEEK_DAYS - 1))) {
      const p = { dayIndex: daysBetween(last, a.day), templateId: a.templateId, volunteerId: a.volunteerId, isLead: a.isLead === 1 }
      const taken = placements.some(
        (x) => x.dayIndex === p.dayIndex && x.templateId === p.templateId && (x.volunteerId === p.volunteerId || (p.isLead && x.isLead))
      )
      // Only what still keeps every rule in the new week is copied; the rest is left for the clerk.
      if (!live.has(p.templateId) || taken || placementProblems(ruleInput(w, placements), p).length > 0) {
        skipped += 1
        continue
      }
      placements.push(p)
      copy.push(p)
    }
    if (copy.length > 0) {
      const at = ctx.now().toISOString()
      ctx.write({ summary: `复制上周排班到 ${w.week} 起一周：${copy.length} 人次，跳过 ${skipped} 人次` }, (tx) => {
        for (const p of copy)
          insertAssignment(
            tx,
            { week: w.week, day: addDays(w.week, p.dayIndex), templateId: p.templateId, volunteerId: p.volunteerId, isLead: p.isLead, override: '' },
            at,
            ctx.session.actor
          )
      })
    }
    return { ...loadWeek(ctx.store, w.week), copied: copy.length, skipped }
  },

  'roster.today': (args, ctx) => {
    liveCheckpoint(ctx.store, args.checkpointId)
    const today = localIsoDate(ctx.now())
    const templates = new Map(liveTemplates(ctx.store, args.checkpointId).map((t) => [t.id, t]))
    const people = new Map(rosterPeople(ctx.store).map((p) => [p.id, p]))
    return assignmentsBetween(ctx.store, today, today).flatMap((a) => {
      const t = templates.get(a.templateId)
      const p = people.get(a.volunteerId)
      if (!t || !p) return []
      return [{ shift: t.name, start: hhmm(t.startMinute), end: hhmm(t.endMinute), name: p.name, phone: maskPhone(p.phone), isLead: a.isLead === 1 }]
    })
  },

  'roster.attend': (args, ctx) => attend(ctx, args),

  'roster.undoAttend': (args, ctx) => undoAttend(ctx, args.id),

  'roster.print': (args, ctx) => printWeek(ctx, args.week),

  'roster.settings': (_args, ctx) => readRosterSettings(ctx.store),

  'roster.saveSettings': (args, ctx) => {
    const before = readRosterSettings(ctx.store)
    ctx.write(
      { summary: `修改排班设置：每周上限 ${before.weeklyHourCap} → ${args.weeklyHourCap} 小时，两班间休息 ${before.minRestHours} → ${args.minRestHours} 小时` },
      (tx) => saveRosterSettings(tx, args)
    )
    return readRosterSettings(ctx.store)
  },

  'roster.export': (args, ctx) => runExport(ctx, rosterExport, args)
} satisfies Handlers<RosterApi>
