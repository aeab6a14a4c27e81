import fs from 'node:fs'
import { AppError } from '../../../shared/errors'
import { loadSqlJs } from '../store/sql-engine'
import { TABLE_LABELS } from '../system/system.service'
import { decodeBackup, readBackupHeader } from './backup-file'
import type { BackupHeader, KeyMaterial } from './backup-file'

/**
 * Opens an image apart from the live database and checks it: SQLite's own check and every table's
 * row count equal to what the header promises. A backup counts as done only after this.
 */
export async function verifyImage(image: Uint8Array, counts: Record<string, number>): Promise<void> {
  const SQL = await loadSqlJs()
  const db = new SQL.Database(image)
  try {
    const check = String(db.exec('PRAGMA quick_check')[0]?.values[0]?.[0] ?? '')
    if (check !== 'ok') throw new AppError('RULE_VIOLATION', `备份校验没有通过（${check.slice(0, 80)}）。`)
    for (const [table, rows] of Object.entries(counts)) {
      const found = Number(db.exec(`SELECT COUNT(*) FROM "${table.replace(/"/g, '""')}"`)[0]?.values[0]?.[0] ?? -1)
      if (found !== rows) throw new AppError('RULE_VIOLATION', `备份校验没有通过（${TABLE_LABELS[table] ?? table}：应有 ${rows} 行，读出 ${found} 行）。`)
    }
  } finally {
    db.close()
  }
}

/** Reads a file back from the disk and checks it end to end (checksum, decryption, database, counts). */
export async function verifyBackupFile(file: string, key: KeyMaterial): Promise<BackupHeader> {
  const { header, payload } = readBackupHeader(fs.readFileSync(file))
  const image = await decodeBackup(header, payload, key)
  await verifyImage(image, header.counts)
  return header
}
