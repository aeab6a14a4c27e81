import type { MethodArgs } from '../../../shared/contract'
import type { ReportHeader, ReportSection } from '../../../shared/domain/report'
import { dayText } from '../../../shared/domain/report'
import { AppError } from '../../../shared/errors'
import { wallClock } from '../disinfection/schedule'
import type { ExportColumn, ExportRow, ExportSource } from '../kit/export-source'
import { notFound } from '../kit/errors'
import { getSubmission } from './report-submissions.repo'
import { computeSections, currentHeader, reportSettingsOf, toSubmission } from './report.service'

const COLUMNS: ExportColumn[] = [
  { header: '类别', kind: 'text', width: 10 },
  { header: '项目', kind: 'text', width: 30 },
  { header: '数值', kind: 'number', width: 9 },
  { header: '单位', kind: 'text', width: 6 },
  { header: '说明', kind: 'text', width: 48, wrap: true }
]

function rowsOf(sections: readonly ReportSection[]): ExportRow[] {
  return sections.flatMap((s) => [
    ...s.lines.map((l) => ({ cells: [s.title, l.label, l.value, l.unit, l.definition], ...(l.alert ? { red: true } : {}) })),
    ...s.notes.map((n) => ({ cells: [s.title, n, null, '', ''] }))
  ])
}

/**
 * The built-in 每日疫情防控报表: A4, the community as 填报单位 and the day in the head, one row a
 * figure with its definition, and the signature block under it. With a submission, the report
 * exactly as it was sent (its figures, people, note, time and seal); without, the day as the
 * records stand now, marked as not sent.
 */
export const reportExport: ExportSource<MethodArgs<'report.export'>> = {
  key: 'report',
  label: '每日疫情防控报表',
  permission: 'report.view',
  build(args, { db, session }) {
    let sections: ReportSection[]
    let header: ReportHeader
    let facts: string[]
    let foot: string[]
    if (args.submissionId !== undefined) {
      const row = getSubmission(db, args.submissionId)
      if (!row || row.day !== args.day) throw notFound('报送记录', args.submissionId)
      const sent = toSubmission(row)
      if (!sent.hashOk) throw new AppError('CONFLICT', '这份报送记录与报送时的校验值不符，可能被改动过，不能按原样导出。')
      sections = sent.sections
      header = sent.header
      facts = [`填报日期：${args.day}`, `${sent.kind === 'correction' ? '更正' : '报送'}时间：${wallClock(new Date(sent.submittedAt))}`]
      foot = [...(sent.note ? [`备注：${sent.note}`] : []), `报送人：${sent.submittedBy}    校验值（SHA-256）：${sent.hash}`]
    } else {
      const settings = reportSettingsOf(db)
      sections = computeSections(db, args.day, settings)
      header = currentHeader(db, settings, session)
      facts = [`填报日期：${args.day}`, '（按当前记录生成，尚未报送）']
      foot = []
    }
    const people = `填报人：${header.reporter || '________'}    联系电话：${header.phone || '________'}    审核人（签字）：${header.reviewer || ''}________`
    return {
      fileName: `每日疫情防控报表-${args.day}${args.submissionId !== undefined ? `-报送${args.submissionId}` : ''}`,
      summary: () => `导出每日疫情防控报表 ${args.day}${args.submissionId !== undefined ? `（报送记录 ${args.submissionId}）` : ''}`,
      sheets: [
        {
          name: '每日疫情防控报表',
          title: `每日疫情防控报表（${dayText(args.day)}）`,
          facts,
          columns: COLUMNS,
          rows: rowsOf(sections),
          foot: [people, ...foot]
        }
      ]
    }
  }
}
