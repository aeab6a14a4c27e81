import type { ReportApi } from '../../../shared/contract'
import { reportDifferences, reportText } from '../../../shared/domain/report'
import { AppError } from '../../../shared/errors'
import type { Handlers } from '../context'
import { runExport } from '../excel/export/engine'
import { fillTemplateForReport } from '../excel/templates.service'
import { reportFields } from '../../../shared/domain/template-fields'
import { notFound } from '../kit/errors'
import { todayOf } from '../monitoring/monitoring.service'
import { reportExport } from './report.export'
import { trendOf } from './report-trend.service'
import { getSubmission, insertSubmission, submissionsOf } from './report-submissions.repo'
import type { SubmissionContent } from './report.service'
import {
  assertNotFuture,
  computeSections,
  currentHeader,
  digestOf,
  headerOf,
  reportSettingsOf,
  saveReportSettings,
  submissionHash,
  toSubmission,
  toSummary
} from './report.service'

export const reportHandlers = {
  'report.day': (args, ctx) => {
    const today = todayOf(ctx.now())
    const day = args.day ?? today
    const settings = reportSettingsOf(ctx.store)
    const sections = computeSections(ctx.store, day, settings)
    const header = currentHeader(ctx.store, settings, ctx.session)
    const sent = submissionsOf(ctx.store, day)
    const latest = sent.at(-1)
    return {
      day,
      today,
      sections,
      header,
      digest: digestOf(day, sections),
      text: reportText({ day, sections, header }),
      submissions: sent.map(toSummary),
      differences: latest ? reportDifferences(toSubmission(latest).sections, sections) : []
    }
  },

  'report.trend': (args, ctx) => trendOf(ctx.store, args.day ?? todayOf(ctx.now()), args.days),

  'report.submit': (args, ctx) => {
    const now = ctx.now()
    assertNotFuture(args.day, todayOf(now))
    const id = ctx.write(
      {
        summary: (newId: number) => `报送每日疫情防控报表 ${args.day}（报送记录 ${newId}）`,
        record: (newId: number) => `report_submission:${newId}`,
        detail: { day: args.day, note: args.note }
      },
      (tx) => {
        const settings = reportSettingsOf(tx)
        const sections = computeSections(tx, args.day, settings)
        if (digestOf(args.day, sections) !== args.digest) {
          throw new AppError('CONFLICT', '报表数字在您查看之后有了变化，请核对刷新后的数字再报送。')
        }
        const before = submissionsOf(tx, args.day).at(-1)
        if (before && reportDifferences(toSubmission(before).sections, sections).length === 0) {
          throw new AppError('CONFLICT', `${args.day} 的报表已经报送，数字没有变化，不需要更正。`)
        }
        const remembered = { ...settings, reporter: args.reporter, phone: args.phone, reviewer: args.reviewer }
        saveReportSettings(tx, remembered, now.toISOString(), ctx.session.actor)
        const content: SubmissionContent = { sections, header: headerOf(tx, remembered), note: args.note }
        const row = {
          day: args.day,
          kind: before ? ('correction' as const) : ('report' as const),
          content: JSON.stringify(content),
          submittedBy: ctx.session.actor,
          submittedAt: now.toISOString()
        }
        return insertSubmission(tx, { ...row, hash: submissionHash(row) })
      }
    )
    const row = getSubmission(ctx.store, id)
    if (!row) throw new AppError('INTERNAL', '报送记录保存后没有找到。')
    return toSubmission(row)
  },

  'report.submission': (args, ctx) => {
    const row = getSubmission(ctx.store, args.id)
    if (!row) throw notFound('报送记录', args.id)
    return toSubmission(row)
  },

  'report.export': (args, ctx) => runExport(ctx, reportExport, args),

  'report.fillTemplate': (args, ctx) => {
    assertNotFuture(args.day, todayOf(ctx.now()))
    const settings = reportSettingsOf(ctx.store)
    const sections = computeSections(ctx.store, args.day, settings)
    const header = currentHeader(ctx.store, settings, ctx.session)
    return fillTemplateForReport(ctx, args.templateId, args.day, (office) => reportFields(sections, header, office.street, args.day))
  },

  'report.settings': (_args, ctx) => reportSettingsOf(ctx.store),

  'report.saveSettings': (args, ctx) => {
    ctx.write({ summary: (changed: string) => (changed ? `保存报表设置；${changed}` : '保存报表设置'), detail: args }, (tx) =>
      saveReportSettings(tx, args, ctx.now().toISOString(), ctx.session.actor)
    )
    return reportSettingsOf(ctx.store)
  }
} satisfies Handlers<ReportApi>
