import type { Db } from '../kit/db'
import type { Tx } from '../store/store'

/* The report's own records: its remembered settings and the submissions, frozen as sent. */

/** The report's own remembered settings; 联系电话 is not among them: it lives in 设置 (migration 0019). */
export interface ReportSettingsRow {
  reporter: string
  reviewer: string
  keyProvinces: string
  notObservedDays: number
}

export function readReportSettings(db: Db): ReportSettingsRow {
  const row = db.get<ReportSettingsRow>(
    'SELECT reporter, reviewer, key_provinces AS keyProvinces, not_observed_days AS notObservedDays FROM report_settings WHERE id = 1'
  )
  return row ?? { reporter: '', reviewer: '', keyProvinces: '[]', notObservedDays: 14 }
}

export function writeReportSettings(tx: Tx, s: ReportSettingsRow): void {
  tx.run('UPDATE report_settings SET reporter = ?, reviewer = ?, key_provinces = ?, not_observed_days = ? WHERE id = 1', [
    s.reporter,
    s.reviewer,
    s.keyProvinces,
    s.notObservedDays
  ])
}

export interface SubmissionRow {
  id: number
  day: string
  kind: 'report' | 'correction'
  content: string
  hash: string
  submittedBy: string
  submittedAt: string
}

const SUBMISSION = 'SELECT id, day, kind, content, hash, submitted_by AS submittedBy, submitted_at AS submittedAt FROM report_submissions'

export function submissionsOf(db: Db, day: string): SubmissionRow[] {
  return db.all(`${SUBMISSION} WHERE day = ? ORDER BY id`, [day])
}

export function getSubmission(db: Db, id: number): SubmissionRow | undefined {
  return db.get(`${SUBMISSION} WHERE id = ?`, [id])
}

export function insertSubmission(tx: Tx, s: Omit<SubmissionRow, 'id'>): number {
  return tx.run('INSERT INTO report_submissions (day, kind, content, hash, submitted_by, submitted_at) VALUES (?, ?, ?, ?, ?, ?)', [
    s.day,
    s.kind,
    s.content,
    s.hash,
    s.submittedBy,
    s.submittedAt
  ]).lastInsertRowid
}
