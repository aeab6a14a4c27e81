import ExcelJS from 'exceljs'
import type { VolunteerView } from '../../../shared/contract'
import { exportNotice } from '../../../shared/domain/export-notice'
import { PERIODS, PERIOD_LABELS, WEEKDAY_LABELS } from '../../../shared/domain/roster-rules'
import type { VolunteersListArgs } from '../../../shared/schemas/volunteers'
import { POLITICS_LABELS, VOLUNTEER_KIND_LABELS, VOLUNTEER_STATUS_LABELS } from '../../../shared/schemas/volunteers'

const COLUMNS = [
  { header: '序号', key: 'no', width: 6 },
  { header: '姓名', key: 'name', width: 12 },
  { header: '性别', key: 'sex', width: 6 },
  { header: '联系电话', key: 'phone', width: 15 },
  { header: '类别', key: 'kind', width: 11 },
  { header: '政治面貌', key: 'politics', width: 9 },
  { header: '技能', key: 'skills', width: 22 },
  { header: '楼栋', key: 'building', width: 14 },
  { header: '网格', key: 'grid', width: 12 },
  { header: '可值班时间', key: 'availability', width: 34 },
  { header: '带班', key: 'lead', width: 6 },
  { header: '状态', key: 'status', width: 7 },
  { header: '开始服务', key: 'start', width: 12 },
  { header: '备注', key: 'notes', width: 24 }
] as const

const TEXT_KEYS = ['name', 'phone', 'skills', 'building', 'grid', 'availability', 'notes'] as const

/** 7 x 上午/下午/晚上 as words: 全周, or 周一上午下午 周三晚上. */
export function availabilityText(mask: string): string {
  if (/^1+$/.test(mask)) return '全周'
  if (!mask.includes('1')) return '无'
  return WEEKDAY_LABELS.flatMap((day, d) => {
    const periods = PERIODS.filter((_, i) => mask[d * PERIODS.length + i] === '1').map((p) => PERIOD_LABELS[p])
    return periods.length === 0 ? [] : [`${day}${periods.length === PERIODS.length ? '全天' : periods.join('')}`]
  }).join(' ')
}

/** The filters of the list, in words, for the header line (empty when none). */
export function filterText(f: VolunteersListArgs, gridName: string | null): string {
  const parts: string[] = []
  if (f.q) parts.push(`查找“${f.q}”`)
  if (f.kind) parts.push(`类别 ${VOLUNTEER_KIND_LABELS[f.kind]}`)
  if (f.skill) parts.push(`技能 ${f.skill}`)
  if (f.gridId) parts.push(`网格 ${gridName ?? `#${f.gridId}`}`)
  if (f.available !== undefined) {
    const day = WEEKDAY_LABELS[Math.floor(f.available / PERIODS.length)] ?? ''
    const period = PERIODS[f.available % PERIODS.length]
    parts.push(`可值班 ${day}${period ? PERIOD_LABELS[period] : ''}`)
  }
  if (f.status) parts.push(`状态 ${VOLUNTEER_STATUS_LABELS[f.status]}`)
  return parts.join('，')
}

/** 志愿者花名册: header block (填报单位 / 筛选), the notice line, one row per person; phones stay masked. */
export async function volunteersWorkbook(
  rows: VolunteerView[],
  meta: { communityName: string; filter: string; actor: string; at: Date }
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '守望'
  const sheet = workbook.addWorksheet('志愿者花名册', { views: [{ state: 'frozen', ySplit: 4 }], pageSetup: { orientation: 'landscape', paperSize: 9 } })
  sheet.columns = COLUMNS.map((column) => ({ key: column.key, width: column.width }))
  const last = String.fromCharCode(64 + COLUMNS.length)
  sheet.mergeCells(`A1:${last}1`)
  sheet.getCell('A1').value = `${meta.communityName}志愿者花名册`
  sheet.getCell('A1').font = { bold: true, size: 14 }
  sheet.getCell('A1').alignment = { horizontal: 'center' }
  sheet.mergeCells(`A2:${last}2`)
  sheet.getCell('A2').value = `填报单位：${meta.communityName}    共 ${rows.length} 人${meta.filter ? `    筛选：${meta.filter}` : ''}`
  sheet.mergeCells(`A3:${last}3`)
  sheet.getCell('A3').value = exportNotice(meta.actor, meta.at)
  sheet.getCell('A3').font = { color: { argb: 'FFC00000' } }
  const header = sheet.getRow(4)
  header.values = COLUMNS.map((column) => column.header)
  header.font = { bold: true }
  rows.forEach((v, i) => {
    const added = sheet.addRow({
      no: i + 1,
      name: v.name,
      sex: v.sex === 'M' ? '男' : v.sex === 'F' ? '女' : '',
      phone: v.phone,
      kind: VOLUNTEER_KIND_LABELS[v.kind],
      politics: POLITICS_LABELS[v.politics],
      skills: v.skills.join('、'),
      building: v.building,
      grid: v.gridName ?? '',
      availability: availabilityText(v.availability),
      lead: v.canLead ? '可' : '',
      status: VOLUNTEER_STATUS_LABELS[v.status],
      start: v.startDate ?? '',
      notes: v.notes
    })
    // Whatever a clerk typed stays text: never a formula.
    for (const key of TEXT_KEYS) added.getCell(key).numFmt = '@'
  })
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer)
}
