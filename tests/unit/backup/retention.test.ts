import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { applyRetention } from '../../../electron/backend/backup/backup.service'
import { backupFileName, backupsToKeep, dailyBackupDue, isBackupStale } from '../../../shared/domain/backup'
import { tempDir } from '../support/temp'

/** One backup a day at 18:00 local time for 120 days, ending 2026-12-05 (a Saturday). */
function dailyFor(days: number) {
  return Array.from({ length: days }, (_, i) => {
    const at = new Date(2026, 11, 5 - i, 18, 0, 0)
    return { name: backupFileName('auto', '幸福里社区', at), at }
  })
}

describe('retention keeps exactly the policy’s set', () => {
  it('7 daily, 4 weekly, 12 monthly over 120 daily backups', () => {
    const backups = dailyFor(120)
    const kept = [...backupsToKeep(backups, { daily: 7, weekly: 4, monthly: 12 })].map((b) => b.at)
    const day = (d: Date) => `${d.getMonth() + 1}-${d.getDate()}`
    // Days: 12-5 … 11-29. Weeks (Mon–Sun): newest of the weeks starting 11-30, 11-23, 11-16, 11-09 = 12-5, 11-29, 11-22, 11-15.
    // Months: the newest of December, November, October, September, August (and no more data before 8-8).
    expect(new Set(kept.map(day))).toEqual(
      new Set(['12-5', '12-4', '12-3', '12-2', '12-1', '11-30', '11-29', '11-22', '11-15', '11-30', '10-31', '9-30', '8-31'])
    )
  })

  it('several backups in a day: only the newest of the day counts for the day', () => {
    const at = (h: number) => ({ name: `b${h}`, at: new Date(2026, 11, 5, h) })
    const kept = backupsToKeep([at(9), at(12), at(18)], { daily: 1, weekly: 0, monthly: 0 })
    expect([...kept].map((b) => b.name)).toEqual(['b18'])
  })

  it('deletes on disk only our automatic/manual backups outside the set; safety backups and other files stay', async () => {
    const folder = tempDir()
    const { encodeBackup, deriveKey } = await import('../../../electron/backend/backup/backup-file')
    const key = deriveKey('beifen#2026')
    for (const entry of dailyFor(10)) {
      const bytes = encodeBackup(
        new Uint8Array(16),
        { kind: 'auto', appVersion: '1', schemaVersion: 1, communityName: '幸福里社区', createdAt: entry.at.toISOString(), counts: {} },
        key
      )
      fs.writeFileSync(path.join(folder, entry.name), bytes)
    }
    fs.writeFileSync(path.join(folder, backupFileName('safety', '幸福里社区', new Date(2026, 0, 1))), 'x')
    fs.writeFileSync(path.join(folder, '别的文件.xlsx'), 'x')
    const removed = applyRetention(folder, { daily: 3, weekly: 0, monthly: 0 })
    expect(removed).toHaveLength(7)
    expect(fs.readdirSync(folder).sort()).toEqual(
      [...dailyFor(3).map((b) => b.name), backupFileName('safety', '幸福里社区', new Date(2026, 0, 1)), '别的文件.xlsx'].sort()
    )
  })
})

describe('when the daily backup is due, and when it is too old', () => {
  it('due after the chosen time once a day', () => {
    const now = new Date(2026, 11, 5, 18, 30)
    expect(dailyBackupDue(now, '18:00', null)).toBe(true)
    expect(dailyBackupDue(now, '19:00', null)).toBe(false)
    expect(dailyBackupDue(now, '18:00', new Date(2026, 11, 5, 18, 1))).toBe(false)
    expect(dailyBackupDue(now, '18:00', new Date(2026, 11, 4, 18, 1))).toBe(true)
  })

  it('red after two days without a good backup', () => {
    const now = new Date(2026, 11, 5, 12)
    expect(isBackupStale(null, now)).toBe(true)
    expect(isBackupStale(new Date(2026, 11, 3, 13), now)).toBe(false)
    expect(isBackupStale(new Date(2026, 11, 3, 11), now)).toBe(true)
  })
})
