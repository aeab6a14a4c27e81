import type { Database } from 'sql.js'
import { AppError } from '../../../shared/errors'

export interface Migration {
  version: number
  name: string
  sql: string
}

function appliedVersions(db: Database): Map<number, string> {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`)
  const rows = db.exec('SELECT version, name FROM schema_migrations ORDER BY version')
  const applied = new Map<number, string>()
  for (const [version, name] of rows[0]?.values ?? []) applied.set(Number(version), String(name))
  return applied
}

export function assertMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`migration ${migration.name} must be number ${index + 1}: migrations are numbered without gaps`)
    }
  })
}

/**
 * Applies the migrations this build has and the database lacks, each in its own
 * transaction. A database that lists a migration this build does not know was written
 * by a newer version: it is refused rather than "fixed", so no data is lost.
 * Returns how many were applied (the caller snapshots right after, so the journal
 * never has to carry schema changes).
 */
export function migrate(db: Database, migrations: readonly Migration[], now: Date): number {
  assertMigrationList(migrations)
  const applied = appliedVersions(db)
  const known = new Map(migrations.map((m) => [m.version, m.name]))
  for (const [version, name] of applied) {
    if (known.get(version) !== name) {
      throw new AppError(
        'STORE_TOO_NEW',
        `数据文件由更新版本的守望创建（包含本版本不认识的结构更新 ${String(version).padStart(4, '0')}_${name}），请安装最新版本后再打开。`,
        { version, name }
      )
    }
  }
  let count = 0
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue
    try {
      db.exec('BEGIN')
      db.exec(migration.sql)
      db.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [migration.version, migration.name, now.toISOString()])
      db.exec('COMMIT')
      count += 1
    } catch (error) {
      try {
        db.exec('ROLLBACK')
      } catch {
        /* already rolled back by the failing statement */
      }
      throw new AppError('STORE_MIGRATION_FAILED', `数据结构升级失败（${migration.name}），数据文件未被改动。`, {
        migration: migration.name,
        cause: String(error)
      })
    }
  }
  return count
}

export function schemaVersion(db: Database): number {
  const rows = db.exec('SELECT COALESCE(MAX(version), 0) FROM schema_migrations')
  return Number(rows[0]?.values[0]?.[0] ?? 0)
}
