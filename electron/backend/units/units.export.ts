import { localIsoDate } from '../../../shared/domain/dates'
import { maskId, maskPhone } from '../../../shared/domain/mask'
import { EPISODE_KIND_LABELS } from '../../../shared/domain/observation'
import { formatOrigin } from '../../../shared/domain/regions'
import { REOPEN_ITEM_LABELS, UNIT_KIND_LABELS, UNIT_STATUS_LABELS, WORKER_HEALTH_LABELS, healthOf } from '../../../shared/domain/units'
import type { ReopenCheckItem } from '../../../shared/domain/units'
import type { ExportFilter } from '../../../shared/schemas/excel'
import type { Session } from '../context'
import type { Db } from '../kit/db'
import type { ListSource } from '../kit/export-source'
import { scopeSql } from '../kit/scope'
import { settingsOf } from '../monitoring/monitoring.service'
import { reopeningsOf } from './care.repo'
import { checklistOf } from './care.service'
import type { UnitListRecord } from './units.repo'
import { unitPage } from './units.repo'
import { checksOn, latestEpisodes, latestTrips, workersOf } from './workers.repo'

const PAGE = 500

/** The 单位台账's units (its filters, the caller's grids), oldest first, a page at a time. */
function* unitsOf(db: Db, session: Session, filter: ExportFilter, today: string): Generator<UnitListRecord> {
  const args = {
    ...(filter.unitKind ? { kind: filter.unitKind } : {}),
    ...(filter.unitStatus ? { status: filter.unitStatus } : {}),
    ...(filter.gridId ? { gridId: filter.gridId } : {}),
    ...(filter.q ? { q: filter.q } : {})
  }
  const scope = scopeSql('u.grid_id', session.gridScope)
  const total = unitPage(db, args, scope, today, 1, 0).total
  // The list is newest first; the register reads oldest first, so pages are taken from the end.
  for (let end = total; end > 0; end -= PAGE) {
    const offset = Math.max(0, end - PAGE)
    yield* unitPage(db, args, scope, today, end - offset, offset).rows.reverse()
  }
}

const phoneOf = (phone: string, full: boolean) => (full ? phone : maskPhone(phone))

/** 沿街商铺（单位）登记表: one row a unit. */
export const unitsExport: ListSource = {
  key: 'units',
  title: '沿街商铺（单位）登记表',
  columns: [
    { key: 'name', label: '单位名称', kind: 'text', width: 22 },
    { key: 'kind', label: '类别', kind: 'text', width: 10 },
    { key: 'address', label: '地址', kind: 'text', width: 26 },
    { key: 'grid', label: '网格', kind: 'text', width: 10 },
    { key: 'manager', label: '负责人', kind: 'text', width: 10 },
    { key: 'phone', label: '联系电话', kind: 'code', width: 14 },
    { key: 'creditCode', label: '统一社会信用代码', kind: 'code', width: 21 },
    { key: 'status', label: '营业状态', kind: 'text', width: 10 },
    { key: 'pledge', label: '承诺书签订日期', kind: 'date', width: 14 },
    { key: 'workers', label: '从业人员数', kind: 'number', width: 10 },
    { key: 'abnormal', label: '今日体温异常', kind: 'number', width: 12 }
  ],
  alert: (row) => Number(row.abnormal ?? 0) > 0,
  *rows(db, session, filter, today, full) {
    for (const u of unitsOf(db, session, filter, localIsoDate(today))) {
      yield {
        name: u.name,
        kind: UNIT_KIND_LABELS[u.kind],
        address: u.address,
        grid: u.gridName ?? '',
        manager: u.managerName,
        phone: phoneOf(u.managerPhone, full),
        creditCode: u.creditCode ?? '',
        status: UNIT_STATUS_LABELS[u.status],
        pledge: u.pledgeSignedOn,
        workers: Number(u.workers),
        abnormal: Number(u.abnormalToday)
      }
    }
  }
}

/** 从业人员登记表: one row a worker on the roll, with their unit, trip, observation and today's readings. */
export const unitWorkersExport: ListSource = {
  key: 'unitWorkers',
  title: '从业人员登记表',
  columns: [
    { key: 'unit', label: '单位名称', kind: 'text', width: 20 },
    { key: 'name', label: '姓名', kind: 'text', width: 10 },
    { key: 'idNumber', label: '身份证号', kind: 'code', width: 20 },
    { key: 'phone', label: '联系电话', kind: 'code', width: 14 },
    { key: 'role', label: '岗位', kind: 'text', width: 8 },
    { key: 'address', label: '住址', kind: 'text', width: 26 },
    { key: 'elsewhere', label: '是否外地', kind: 'text', width: 8 },
    { key: 'returnDate', label: '返程日期', kind: 'date', width: 12 },
    { key: 'origin', label: '返回前所在地', kind: 'text', width: 16 },
    { key: 'observation', label: '观察情况', kind: 'text', width: 24 },
    { key: 'am', label: '上午体温', kind: 'number', width: 9 },
    { key: 'pm', label: '下午体温', kind: 'number', width: 9 },
    { key: 'health', label: '健康状况', kind: 'text', width: 9 }
  ],
  alert: (row) => row.health === WORKER_HEALTH_LABELS.abnormal,
  *rows(db, session, filter, today, full) {
    const day = localIsoDate(today)
    const threshold = settingsOf(db).temperatureThreshold
    for (const unit of unitsOf(db, session, filter, day)) {
      const workers = workersOf(db, unit.id)
      const ids = workers.map((w) => w.residentId)
      const trips = latestTrips(db, ids)
      const episodes = latestEpisodes(db, ids)
      const checks = checksOn(db, unit.id, day)
      for (const w of workers) {
        const trip = trips.get(w.residentId)
        const e = episodes.get(w.residentId)
        const c = checks.get(w.id)
        const am = c?.amTenths ?? null
        const pm = c?.pmTenths ?? null
        const kind = e ? (EPISODE_KIND_LABELS[e.kind as keyof typeof EPISODE_KIND_LABELS] ?? e.kind) : ''
        yield {
          unit: unit.name,
          name: w.name,
          idNumber: full ? (w.idNumber ?? '') : maskId(w.idNumber),
          phone: phoneOf(w.phone, full),
          role: w.role,
          address: w.address ?? '',
          elsewhere: w.fromElsewhere === 1 ? '是' : '否',
          returnDate: trip?.returnDate ?? null,
          origin: trip ? formatOrigin({ province: trip.province, city: trip.city, district: '' }) : '',
          observation: e ? `${kind} ${e.startDate} 至 ${e.endDate}${e.status === 'observing' ? '' : '（已结束）'}` : '',
          am: am === null ? null : am / 10,
          pm: pm === null ? null : pm / 10,
          health: WORKER_HEALTH_LABELS[healthOf(am, pm, threshold)]
        }
      }
    }
  }
}

/** 复工单位名单: each unit's latest 复工 application (pending or approved) and what it still lacks. */
export const unitReopeningsExport: ListSource = {
  key: 'unitReopenings',
  title: '复工单位名单',
  columns: [
    { key: 'name', label: '单位名称', kind: 'text', width: 22 },
    { key: 'kind', label: '类别', kind: 'text', width: 10 },
    { key: 'address', label: '地址', kind: 'text', width: 26 },
    { key: 'manager', label: '负责人', kind: 'text', width: 10 },
    { key: 'phone', label: '联系电话', kind: 'code', width: 14 },
    { key: 'workers', label: '从业人员数', kind: 'number', width: 10 },
    { key: 'appliedOn', label: '申请日期', kind: 'date', width: 12 },
    { key: 'state', label: '状态', kind: 'text', width: 10 },
    { key: 'approvedOn', label: '批准日期', kind: 'date', width: 12 },
    { key: 'approvedBy', label: '批准人', kind: 'text', width: 10 },
    { key: 'missing', label: '未满足的条件', kind: 'text', width: 30 }
  ],
  *rows(db, session, filter, today, full) {
    for (const u of unitsOf(db, session, filter, localIsoDate(today))) {
      const r = reopeningsOf(db, u.id).find((x) => x.decision !== 'withdrawn')
      if (!r) continue
      const items: ReopenCheckItem[] = r.checklist ? (JSON.parse(r.checklist) as ReopenCheckItem[]) : checklistOf(db, u, r)
      yield {
        name: u.name,
        kind: UNIT_KIND_LABELS[u.kind],
        address: u.address,
        manager: u.managerName,
        phone: phoneOf(u.managerPhone, full),
        workers: Number(u.workers),
        appliedOn: r.appliedOn,
        state: r.decision === 'approved' ? '已复工' : '待批准',
        approvedOn: r.approvedOn,
        approvedBy: r.approvedBy ?? '',
        missing: items
          .filter((x) => !x.ok)
          .map((x) => REOPEN_ITEM_LABELS[x.item])
          .join('、')
      }
    }
  }
}
