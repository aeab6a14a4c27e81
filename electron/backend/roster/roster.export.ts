import type { MethodArgs } from '../../../shared/contract'
import { formatZhDate } from '../../../shared/domain/dates'
import { WEEKDAY_LABELS, hhmm } from '../../../shared/domain/roster-rules'
import type { ExportColumn, ExportSheet, ExportSource } from '../kit/export-source'
import { readRosterSettings } from './roster.repo'
import { loadWeek } from './roster.service'

/**
 * 值班排班表: one sheet per checkpoint, a grid of shifts down and days across; each cell lists
 * the people (★ for the lead) with masked phones, the date range in the title and the
 * 值班负责人 / phone line under the grid. The roster is masked only: it goes on a wall.
 */
export const rosterExport: ExportSource<MethodArgs<'roster.export'>> = {
  key: 'roster',
  label: '值班排班表',
  permission: 'volunteers.view',
  build(args, { db }) {
    const w = loadWeek(db, args.week)
    const settings = readRosterSettings(db)
    const people = new Map(w.people.map((p) => [p.id, p]))
    const range = `${formatZhDate(w.days[0])} 至 ${formatZhDate(w.days[w.days.length - 1])}`
    const columns: ExportColumn[] = [
      { header: '班次', kind: 'text', width: 16, wrap: true },
      ...w.days.map((day, i): ExportColumn => ({ header: `${WEEKDAY_LABELS[i] ?? ''} ${day.slice(5)}`, kind: 'text', width: 17, wrap: true }))
    ]
    const foot = [`值班负责人：${settings.dutyOfficer || '____________'}    联系电话：${settings.dutyPhone || '____________'}`]
    const checkpoints = w.checkpoints.length > 0 ? w.checkpoints : [{ id: 0, name: '值班排班表' }]
    const sheets = checkpoints.map((cp): ExportSheet => ({
      name: cp.name,
      title: `${cp.id === 0 ? '' : cp.name}值班排班表（${range}）`,
      facts: [`卡口：${cp.id === 0 ? '（本周没有班次）' : cp.name}`, '带班人以“★”标出'],
      columns,
      landscape: true,
      foot,
      rows: w.templates
        .filter((t) => t.checkpointId === cp.id)
        .map((t) => ({
          cells: [
            `${t.name}\n${hhmm(t.startMinute)}-${hhmm(t.endMinute)}`,
            ...w.days.map((_, dayIndex) =>
              w.placements
                .filter((p) => p.dayIndex === dayIndex && p.templateId === t.id)
                .sort((a, b) => Number(b.isLead) - Number(a.isLead) || a.id - b.id)
                .map((p) => {
                  const person = people.get(p.volunteerId)
                  return `${p.isLead ? '★' : ''}${person?.name ?? `#${p.volunteerId}`}${person?.phone ? ` ${person.phone}` : ''}`
                })
                .join('\n')
            )
          ]
        }))
    }))
    return {
      fileName: `值班排班表-${w.week.replaceAll('-', '')}`,
      summary: () => `导出值班排班表 ${w.week} 起一周，${w.checkpoints.length} 个卡口，${w.placements.length} 人次`,
      sheets
    }
  }
}
