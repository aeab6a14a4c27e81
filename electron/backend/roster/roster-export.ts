import ExcelJS from 'exceljs'
import type { RosterWeek } from '../../../shared/contract'
import { formatZhDate } from '../../../shared/domain/dates'
import { exportNotice } from '../../../shared/domain/export-notice'
import { WEEKDAY_LABELS, hhmm } from '../../../shared/domain/roster-rules'
import type { RosterSettings } from '../../../shared/schemas/roster'

/** Excel refuses sheet names over 31 characters, with []:*?/\ or used twice. */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 28) || '卡口'
  let candidate = base
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base}(${n})`
  taken.add(candidate.toLowerCase())
  return candidate
}

/**
 * 值班排班表: one sheet per checkpoint, days across and shifts down; each cell lists the people
 * (★ for the lead) with masked phones; title with the date range, the notice line and the
 * 值班负责人 / phone footer.
 */
export async function rosterWorkbook(
  w: RosterWeek,
  meta: { communityName: string; settings: RosterSettings; actor: string; at: Date }
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '守望'
  const people = new Map(w.people.map((p) => [p.id, p]))
  const range = `${formatZhDate(w.days[0])} 至 ${formatZhDate(w.days[w.days.length - 1])}`
  const last = String.fromCharCode(65 + w.days.length)
  const taken = new Set<string>()
  const checkpoints = w.checkpoints.length > 0 ? w.checkpoints : [{ id: 0, name: '值班排班表' }]
  for (const cp of checkpoints) {
    const sheet = workbook.addWorksheet(sheetName(cp.name, taken), { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } })
    sheet.columns = [{ width: 16 }, ...w.days.map(() => ({ width: 17 }))]
    sheet.mergeCells(`A1:${last}1`)
    sheet.getCell('A1').value = `${meta.communityName}${cp.id === 0 ? '' : cp.name}值班排班表（${range}）`
    sheet.getCell('A1').font = { bold: true, size: 14 }
    sheet.getCell('A1').alignment = { horizontal: 'center' }
    sheet.mergeCells(`A2:${last}2`)
    sheet.getCell('A2').value = `填报单位：${meta.communityName}    卡口：${cp.id === 0 ? '（本周没有班次）' : cp.name}    带班人以“★”标出`
    sheet.mergeCells(`A3:${last}3`)
    sheet.getCell('A3').value = exportNotice(meta.actor, meta.at)
    sheet.getCell('A3').font = { color: { argb: 'FFC00000' } }
    const header = sheet.getRow(4)
    header.values = ['班次', ...w.days.map((day, i) => `${WEEKDAY_LABELS[i] ?? ''} ${day.slice(5)}`)]
    header.font = { bold: true }
    header.alignment = { horizontal: 'center' }
    for (const t of w.templates.filter((x) => x.checkpointId === cp.id)) {
      const row = sheet.addRow([
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
      ])
      row.alignment = { vertical: 'top', wrapText: true }
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.numFmt = '@'
        cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } }
      })
    }
    sheet.addRow([])
    const footer = sheet.addRow([`值班负责人：${meta.settings.dutyOfficer || '____________'}    联系电话：${meta.settings.dutyPhone || '____________'}`])
    footer.getCell(1).numFmt = '@'
    sheet.mergeCells(`A${footer.number}:${last}${footer.number}`)
  }
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer)
}
