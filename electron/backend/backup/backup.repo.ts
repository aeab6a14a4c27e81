import type { Row, Store, Tx } from '../store/store'

/**
 * Backup settings live in the settings table under backup.* keys (settings.get never returns them:
 * it reads only its own keys). They belong to this PC, so a restore carries them over.
 */
export const BACKUP_KEYS = [
  'backup.folder',
  'backup.dailyAt',
  'backup.atQuit',
  'backup.retention',
  'backup.key',
  'backup.last',
  'backup.lastGoodAt',
  'backup.lastAutoAt'
] as const
export type BackupKey = (typeof BACKUP_KEYS)[number]

export function readBackupValues(db: Pick<Store, 'all'> | Tx): Partial<Record<BackupKey, unknown>> {
  const rows = db.all<{ key: string; value: string } & Row>("SELECT key, value FROM settings WHERE key LIKE 'backup.%'")
  const values: Partial<Record<BackupKey, unknown>> = {}
  for (const row of rows) {
    if ((BACKUP_KEYS as readonly string[]).includes(row.key)) values[row.key as BackupKey] = JSON.parse(row.value) as unknown
  }
  return values
}

export function writeBackupValue(tx: Tx, key: BackupKey, value: unknown, at: string, by: string): void {
  tx.run(
    `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    [key, JSON.stringify(value), at, by]
  )
}

export function readCommunityName(db: Pick<Store, 'get'>): string {
  const row = db.get<{ value: string }>("SELECT value FROM settings WHERE key = 'communityName'")
  return row ? String(JSON.parse(row.value)) : ''
}
