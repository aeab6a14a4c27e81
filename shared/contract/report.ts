import type { ReportDifference, ReportHeader, ReportSection } from '../domain/report'
import type { ReportTrend } from '../domain/report-trend'
import type {
  ReportDayArgs,
  ReportExportArgs,
  ReportFillTemplateArgs,
  ReportTrendArgs,
  ReportSettings,
  ReportSubmissionArgs,
  ReportSubmitArgs
} from '../schemas/report'
import {
  reportDayArgs,
  reportExportArgs,
  reportFillTemplateArgs,
  reportTrendArgs,
  reportSettingsArgs,
  reportSubmissionArgs,
  reportSubmitArgs
} from '../schemas/report'
import type { EmptyArgs } from '../schemas/system'
import { emptyArgs } from '../schemas/system'
import type { ExportedFile } from './audit'
import { defineModule, type MethodTable } from './types'

/** A report as sent (报送) or corrected (更正): frozen, with who, when and the SHA-256 of what was sent. */
export interface ReportSubmission {
  id: number
  day: string
  kind: 'report' | 'correction'
  sections: ReportSection[]
  header: ReportHeader
  note: string
  submittedBy: string
  /** ISO instant. */
  submittedAt: string
  hash: string
  /** The stored content still hashes to the stored hash. */
  hashOk: boolean
  /** 复制为文字 of the report as sent. */
  text: string
}

export interface ReportSubmissionSummary {
  id: number
  kind: 'report' | 'correction'
  submittedBy: string
  submittedAt: string
  hash: string
}

/** One day's 每日疫情防控报表 as the records stand now, with what was sent for it. */
export interface ReportDay {
  day: string
  today: string
  sections: ReportSection[]
  /** The remembered 填报人 / 联系电话 / 审核人 and the community as 填报单位. */
  header: ReportHeader
  /** SHA-256 of the figures: submit sends it back so a report that changed meanwhile is not sent unseen. */
  digest: string
  text: string
  submissions: ReportSubmissionSummary[]
  /** Figures that differ from the latest submission of the day ([] when none was sent or nothing changed). */
  differences: ReportDifference[]
}

export type ReportApi = {
  'report.day': (args: ReportDayArgs) => Promise<ReportDay>
  'report.trend': (args: ReportTrendArgs) => Promise<ReportTrend>
  'report.submit': (args: ReportSubmitArgs) => Promise<ReportSubmission>
  'report.submission': (args: ReportSubmissionArgs) => Promise<ReportSubmission>
  'report.export': (args: ReportExportArgs) => Promise<ExportedFile>
  'report.fillTemplate': (args: ReportFillTemplateArgs) => Promise<ExportedFile>
  'report.settings': (args: EmptyArgs) => Promise<ReportSettings>
  'report.saveSettings': (args: ReportSettings) => Promise<ReportSettings>
}

export const reportMethods = {
  'report.day': { args: reportDayArgs, kind: 'query', permission: 'report.view', title: '查看每日疫情防控报表' },
  'report.trend': { args: reportTrendArgs, kind: 'query', permission: 'report.view', title: '查看报表趋势' },
  'report.submit': { args: reportSubmitArgs, kind: 'mutation', permission: 'report.submit', title: '报送每日疫情防控报表' },
  'report.submission': { args: reportSubmissionArgs, kind: 'query', permission: 'report.view', title: '查看已报送的报表' },
  'report.export': { args: reportExportArgs, kind: 'export', permission: 'report.view', title: '导出每日疫情防控报表' },
  'report.fillTemplate': { args: reportFillTemplateArgs, kind: 'export', permission: 'report.view', title: '按街道模板导出每日报表' },
  'report.settings': { args: emptyArgs, kind: 'query', permission: 'report.view', title: '查看报表设置' },
  'report.saveSettings': { args: reportSettingsArgs, kind: 'mutation', permission: 'report.submit', title: '保存报表设置' }
} satisfies MethodTable<ReportApi>

/**
 * The report is the whole community's, sent upward under the committee's name: a grid worker's
 * share of it would read as the community's figures, so grid workers are not granted it (their
 * own grids' worklists are on 健康监测). 只读 views and prints it; 工作人员 also submits.
 */
export const reportModule = defineModule<ReportApi>({
  name: 'report',
  methods: reportMethods,
  grants: { 'report.view': ['staff', 'readonly'], 'report.submit': ['staff'] },
  pages: [
    { path: '/report', name: 'report', title: '每日报表', permission: 'report.view', group: 'daily' },
    { path: '/report/print', name: 'report-print', title: '打印每日报表', permission: 'report.view', parent: '/report' }
  ]
})
