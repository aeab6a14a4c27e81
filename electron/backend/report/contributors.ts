import type { ReportSection } from '../../../shared/domain/report'
import type { Db } from '../kit/db'
import { helpReport } from '../help/help.report'
import { noticesReport } from '../notices/notices.report'
import { unitsReport } from '../units/units.report'

/**
 * A domain's part of the 每日疫情防控报表. The fixed groups (返程, 观察, 卡口, 志愿者, 消杀, 物资) are
 * computed in report.service; each later domain adds its figures by writing one of these in its own
 * folder (electron/backend/<domain>/<domain>.report.ts, SQL in its repo) and one line in the list
 * below, so the report, its frozen submissions, the differences after a change, the Excel layout,
 * the print view and the WeChat text all carry it without the report knowing the domain.
 */
export interface ReportContributor {
  /** The day's figures, from the domain's records by their own dates (any past day, not only today). */
  section(db: Db, day: string): ReportSection
}

/** In the report's order, after the fixed groups. */
export const REPORT_CONTRIBUTORS: readonly ReportContributor[] = [helpReport, unitsReport, noticesReport]
