import type { SystemInfo, TableCount } from '../../../shared/contract'
import type { Store } from '../store/store'
import { countRows } from './system.repo'

/** Chinese names of the tables, for the home page. Domains add theirs as they land. */
export const TABLE_LABELS: Record<string, string> = {
  checkpoints: '卡口',
  gate_entries: '出入登记',
  gate_passes: '出入证',
  gate_corrections: '出入登记更正',
  help_requests: '居民求助',
  help_steps: '求助办理经过',
  help_money: '代购垫付与还款',
  care_plans: '重点人群关爱计划',
  care_contacts: '关爱联系记录',
  units: '商铺单位',
  unit_workers: '从业人员',
  unit_checks: '从业人员体温登记',
  unit_status_history: '单位状态变更记录',
  unit_reopenings: '复工申请与审批',
  unit_inspections: '单位巡查记录',
  notices: '通知公告',
  notice_targets: '通知告知范围',
  notice_posts: '通知发布记录',
  notice_households: '入户告知清单',
  notice_units: '商铺单位告知清单',
  settings: '设置项',
  audit_log: '操作日志',
  schema_migrations: '数据结构版本',
  grids: '网格',
  grid_staff: '网格长与网格员',
  compounds: '小区',
  buildings: '楼栋',
  households: '住户',
  residents: '居民',
  resident_phones: '居民电话',
  resident_tags: '重点人群标记',
  accounts: '账号',
  account_grids: '账号所辖网格',
  auth_keys: '登录密钥',
  supply_items: '物资',
  supply_batches: '物资批次',
  supply_ledger: '物资台账',
  supply_month_totals: '物资月度汇总',
  supply_campaigns: '物资发放活动',
  supply_campaign_receipts: '住户领取记录',
  disinfection_places: '消杀场所',
  disinfection_logs: '消杀记录',
  excel_mappings: 'Excel 列对应方案',
  excel_templates: '报表模板',
  returnee_trips: '返程登记',
  returnee_companions: '同行人员',
  observation_episodes: '居家观察',
  observation_events: '观察期变更记录',
  daily_checks: '每日体温',
  volunteers: '志愿者',
  shift_templates: '班次模板',
  roster_assignments: '排班',
  roster_attendance: '志愿者签到签退',
  roster_settings: '排班设置',
  report_settings: '报表设置',
  report_submissions: '已报送的每日报表',
  returnee_province_days: '每日报表累计返程（按日、省份）',
  observation_closing_days: '每日报表累计解除与失联（按日）',
  gate_day_tallies: '每日报表卡口人次（按日）',
  devices: '局域网设备'
}

export function systemInfo(store: Store, appVersion: string): SystemInfo {
  const tables: TableCount[] = store.tableNames().map((name) => ({
    name,
    label: TABLE_LABELS[name] ?? '',
    rows: countRows(store, name)
  }))
  return { appVersion, ...store.info(), tables }
}
