import type { Db } from '../kit/db'
import type { Row, Tx } from '../store/store'

export function readSettingRows(store: Db): { key: string; value: string }[] {
  return store.all<{ key: string; value: string } & Row>('SELECT key, value FROM settings')
}

export function upsertSetting(tx: Tx, key: string, value: string, at: string, by: string): void {
  tx.run(
    `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    [key, value, at, by]
  )
}
