import type { MethodArgs } from '../../../shared/contract'
import { localIsoDate } from '../../../shared/domain/dates'
import { PERIODS, PERIOD_LABELS, WEEKDAY_LABELS } from '../../../shared/domain/roster-rules'
import { sexLabel } from '../../../shared/domain/person'
import type { VolunteersListArgs } from '../../../shared/schemas/volunteers'
import { POLITICS_LABELS, VOLUNTEER_KIND_LABELS, VOLUNTEER_STATUS_LABELS } from '../../../shared/schemas/volunteers'
import type { ExportColumn, ExportSource } from '../kit/export-source'
import { gridName, listVolunteerRows } from './volunteers.repo'

const COLUMNS: ExportColumn[] = [
  { header: '序号', kind: 'number', width: 6 },
  { header: '姓名', kind: 'text', width: 12 },
  { header: '性别', kind: 'text', width: 6 },
  { header: '联系电话', kind: 'masked-phone', width: 15 },
  { header: '类别', kind: 'text', width: 11 },
  { header: '政治面貌', kind: 'text', width: 9 },
  { header: '技能', kind: 'text', width: 22 },
  { header: '楼栋', kind: 'text', width: 14 },
  { header: '网格', kind: 'text', width: 12 },
  { header: '可值班时间', kind: 'text', width: 34 },
  { header: '带班', kind: 'text', width: 6 },
  { header: '状态', kind: 'text', width: 7 },
  { header: '开始服务', kind: 'date', width: 12 },
  { header: '备注', kind: 'text', width: 24 }
]

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

/** 志愿者花名册: the list as it is filtered, one row per person, the filters in words; phones masked. */
export const volunteersExport: ExportSource<MethodArgs<'volunteers.export'>> = {
  key: 'volunteers',
  label: '志愿者花名册',
  permission: 'volunteers.view',
  build(args, { db, now }) {
    const rows = listVolunteerRows(db, args)
    const filter = filterText(args, args.gridId ? gridName(db, args.gridId) : null)
    return {
      fileName: `志愿者花名册-${localIsoDate(now).replaceAll('-', '')}`,
      summary: (n) => `导出志愿者花名册，${n} 人${filter ? `（${filter}）` : ''}`,
      sheets: [
        {
          name: '志愿者花名册',
          title: '志愿者花名册',
          facts: [`共 ${rows.length} 人`, ...(filter ? [`筛选：${filter}`] : [])],
          columns: COLUMNS,
          landscape: true,
          rows: rows.map((v, i) => ({
            cells: [
              i + 1,
              v.name,
              sexLabel(v.sex),
              v.phone,
              VOLUNTEER_KIND_LABELS[v.kind],
              POLITICS_LABELS[v.politics],
              (JSON.parse(v.skills) as string[]).join('、'),
              v.building,
              v.gridName ?? '',
              availabilityText(v.availability),
              v.canLead ? '可' : '',
              VOLUNTEER_STATUS_LABELS[v.status],
              v.startDate,
              v.notes
            ]
          }))
        }
      ]
    }
  }
}
