import type { ReportContributor } from '../kit/report-contributor'
import { helpReport } from '../help/help.report'
import { noticesReport } from '../notices/notices.report'
import { unitsReport } from '../units/units.report'

/**
 * The later domains' parts of the 每日疫情防控报表 (ReportContributor, in kit). The fixed groups (返程, 观察, 卡口, 志愿者, 消杀, 物资) are
 * computed in report.service; each later domain adds its figures by writing one of these in its own
 * folder (electron/backend/<domain>/<domain>.report.ts, SQL in its repo) and one line in the list
 * below, so the report, its frozen submissions, the differences after a change, the Excel layout,
 * the print view and the WeChat text all carry it without the report knowing the domain.
 */

/** In the report's order, after the fixed groups. */
export const REPORT_CONTRIBUTORS: readonly ReportContributor[] = [helpReport, unitsReport, noticesReport]
