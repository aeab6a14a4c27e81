import type { ReportSection } from '../../../shared/domain/report'
import type { Db } from './db'

/**
 * A domain's part of the 每日疫情防控报表 (see report/contributors.ts for the list). It lives in kit,
 * the house every domain may use, so a domain names the type it satisfies without importing the
 * report domain that lists it (which would make the two import each other).
 */
export interface ReportContributor {
  /** The day's figures, from the domain's records by their own dates (any past day, not only today). */
  section(db: Db, day: string): ReportSection
}
