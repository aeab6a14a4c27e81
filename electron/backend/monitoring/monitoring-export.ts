import { EPISODE_KIND_LABELS, EPISODE_STATUS_LABELS } from '../../../shared/schemas/monitoring'
import type { Ctx } from '../context'
import { scopeSql } from '../register/register.repo'
import { excelDate, ledgerWorkbook } from '../returnees/xlsx'
import { loadSettings } from '../settings/settings.service'
import { todayOf } from './monitoring.service'
import { toEpisodeView } from './monitoring.view'
import { ledgerRows } from './worklist.repo'

const COLUMNS = [
  { header: '序号', key: 'no', width: 6, kind: 'number' },
  { header: '姓名', key: 'name', width: 10 },
  { header: '证件号码', key: 'id', width: 21 },
  { header: '联系电话', key: 'phone', width: 14 },
  { header: '现住址', key: 'address', width: 26 },
  { header: '网格', key: 'grid', width: 10 },
  { header: '责任网格员', key: 'worker', width: 10 },
  { header: '观察类型', key: 'kind', width: 10 },
  { header: '开始日期', key: 'start', width: 12, kind: 'date' },
  { header: '天数', key: 'days', width: 6, kind: 'number' },
  { header: '期满日期', key: 'end', width: 12, kind: 'date' },
  { header: '状态', key: 'status', width: 9 },
  { header: '解除/变更日期', key: 'statusDate', width: 13, kind: 'date' },
  { header: '原因', key: 'reason', width: 16 },
  { header: '最近测温', key: 'lastCheck', width: 12, kind: 'date' },
  { header: '体温情况', key: 'health', width: 9 }
] as const

/** 居家观察台账: one row per episode, masked numbers, abnormal people in red. */
export async function ledgerExport(ctx: Ctx, includeClosed: boolean): Promise<{ bytes: Uint8Array; count: number }> {
  const now = ctx.now()
  const views = ledgerRows(ctx.store, includeClosed, scopeSql('e.grid_id', ctx.session.gridScope)).map(toEpisodeView)
  const rows = views.map((v, index) => ({
    no: index + 1,
    name: v.name,
    id: v.idMasked,
    phone: v.phoneMasked,
    address: v.address,
    grid: v.gridName,
    worker: v.worker,
    kind: EPISODE_KIND_LABELS[v.kind],
    start: excelDate(v.startDate),
    days: v.days,
    end: excelDate(v.endDate),
    status: EPISODE_STATUS_LABELS[v.status],
    statusDate: excelDate(v.statusDate),
    reason: v.statusReason,
    lastCheck: excelDate(v.lastCheckDay),
    health: v.abnormal ? '异常' : v.lastCheckDay ? '正常' : '',
    abnormal: v.abnormal ? 1 : 0
  }))
  const bytes = await ledgerWorkbook(
    { title: '居家观察台账', communityName: loadSettings(ctx.store).communityName, actor: ctx.session.actor, at: now, day: todayOf(now) },
    COLUMNS,
    rows,
    (row) => row.abnormal === 1
  )
  return { bytes, count: rows.length }
}
