import { numberedFileName } from '../../../../shared/domain/export-name'
import type { Db } from '../../kit/db'
import { countHandedOut } from './file-names.repo'

/**
 * The name a file is handed out under: its base name, or the next number of it when a file of
 * that name was already exported today (on this desk, by anyone), so the second never replaces
 * the first in the clerk's folder. "Today" is the office's local day, as every date in the app.
 */
export function handOutName(db: Db, fileBase: string, now: Date): string {
  const dayStart = new Date(now.getFullYear(), now.getMonth(), now.getDate())
  return numberedFileName(fileBase, countHandedOut(db, fileBase, dayStart.toISOString()) + 1)
}
