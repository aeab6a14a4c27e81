import fs from 'node:fs'
import path from 'node:path'

/**
 * Residents' records are readable by this user only: files 0600, the folder 0700 (POSIX). An office
 * PC is shared; another login on it must not read the data folder. On Windows, modes are ignored and
 * the data folder's protection is the user profile's ACL (README: 数据文件的权限).
 */
export const PRIVATE_FILE = 0o600
export const PRIVATE_DIR = 0o700

/** Tightens a folder made by an older version (0755 with 0644 files) at open; quietly does nothing on Windows. */
export function keepPrivate(dir: string): void {
  if (process.platform === 'win32') return
  fs.chmodSync(dir, PRIVATE_DIR)
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile()) fs.chmodSync(path.join(dir, entry.name), PRIVATE_FILE)
  }
}
