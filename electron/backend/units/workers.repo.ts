import type { Db, SqlPart } from '../kit/db'
import type { Row, SqlValue, Tx } from '../store/store'

export interface WorkerRecord {
  id: number
  unitId: number
  residentId: number
  name: string
  idNumber: string | null
  /** The person's first phone, full: masked by the view. */
  phone: string
  role: string
  address: string
  fromElsewhere: number
  leftAt: string | null
}

const WORKER_SELECT = `SELECT w.id, w.unit_id AS unitId, w.resident_id AS residentId, r.name, r.id_number AS idNumber,
    COALESCE(json_extract(r.phones, '$[0]'), '') AS phone, w.role,
    CASE WHEN w.from_elsewhere = 1 THEN w.home_address ELSE COALESCE(h.address, w.home_address) END AS address,
    w.from_elsewhere AS fromElsewhere, w.left_at AS leftAt
  FROM unit_workers w JOIN residents r ON r.id = w.resident_id LEFT JOIN households h ON h.id = r.household_id`

export function workersOf(db: Db, unitId: number): WorkerRecord[] {
  return db.all<WorkerRecord & Row>(`${WORKER_SELECT} WHERE w.unit_id = ? AND w.left_at IS NULL ORDER BY w.id`, [unitId])
}

export function getWorker(db: Db, id: number): WorkerRecord | undefined {
  return db.get<WorkerRecord & Row>(`${WORKER_SELECT} WHERE w.id = ?`, [id])
}

export function workerInUnit(db: Db, unitId: number, residentId: number): { id: number } | undefined {
  return db.get<{ id: number } & Row>('SELECT id FROM unit_workers WHERE unit_id = ? AND resident_id = ? AND left_at IS NULL', [unitId, residentId])
}

export interface WorkerWrite {
  unitId: number
  residentId: number
  role: string
  homeAddress: string
  fromElsewhere: boolean
}

export function insertWorker(tx: Tx, w: WorkerWrite, day: string, by: string, at: string): number {
  return tx.run(
    'INSERT INTO unit_workers (unit_id, resident_id, role, home_address, from_elsewhere, joined_day, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    [w.unitId, w.residentId, w.role, w.homeAddress, w.fromElsewhere ? 1 : 0, day, at, by]
  ).lastInsertRowid
}

export function markLeft(tx: Tx, id: number, at: string): void {
  tx.run('UPDATE unit_workers SET left_at = ? WHERE id = ?', [at, id])
}

/** Each person's latest live trip (returnees' rows, read, never copied). */
export function latestTrips(db: Db, residentIds: number[]): Map<number, { id: number; province: string; city: string; returnDate: string }> {
  if (residentIds.length === 0) return new Map()
  const rows = db.all<{ residentId: number; id: number; province: string; city: string; returnDate: string } & Row>(
    `SELECT t.resident_id AS residentId, t.id, t.origin_province AS province, t.origin_city AS city, t.return_date AS returnDate
       FROM returnee_trips t WHERE t.resident_id IN (${residentIds.map(() => '?').join(', ')}) AND t.status = 'active'
      ORDER BY t.return_date, t.id`,
    residentIds
  )
  return new Map(rows.map((r) => [r.residentId, r] as const))
}

export interface EpisodeBrief {
  residentId: number
  id: number
  kind: string
  status: string
  startDate: string
  endDate: string
}

/** Each person's latest observation episode (monitoring's rows). */
export function latestEpisodes(db: Db, residentIds: number[]): Map<number, EpisodeBrief> {
  if (residentIds.length === 0) return new Map()
  const rows = db.all<EpisodeBrief & Row>(
    `SELECT e.resident_id AS residentId, e.id, e.kind, e.status, e.start_date AS startDate, e.end_date AS endDate
       FROM observation_episodes e WHERE e.resident_id IN (${residentIds.map(() => '?').join(', ')}) ORDER BY e.start_date, e.id`,
    residentIds
  )
  return new Map(rows.map((r) => [r.residentId, r] as const))
}

export interface CheckRecord {
  workerId: number
  amTenths: number | null
  pmTenths: number | null
  reportedBy: string
}

export function checksOn(db: Db, unitId: number, day: string): Map<number, CheckRecord> {
  const rows = db.all<CheckRecord & Row>(
    'SELECT worker_id AS workerId, am_tenths AS amTenths, pm_tenths AS pmTenths, reported_by AS reportedBy FROM unit_checks WHERE unit_id = ? AND day = ?',
    [unitId, day]
  )
  return new Map(rows.map((r) => [r.workerId, r] as const))
}

export interface CheckWrite {
  workerId: number
  unitId: number
  day: string
  am: number | null
  pm: number | null
  abnormal: boolean
  threshold: number
  reportedBy: string
  by: string
  at: string
}

/** One row a worker and day: a second report of the day replaces the first (the latest readings stand). */
export function upsertUnitCheck(tx: Tx, w: CheckWrite): void {
  tx.run(
    `INSERT INTO unit_checks (worker_id, unit_id, day, am_tenths, pm_tenths, abnormal, threshold_tenths, reported_by, recorded_by, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (worker_id, day) DO UPDATE SET am_tenths = excluded.am_tenths, pm_tenths = excluded.pm_tenths, abnormal = excluded.abnormal,
       threshold_tenths = excluded.threshold_tenths, reported_by = excluded.reported_by, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
    [w.workerId, w.unitId, w.day, w.am, w.pm, w.abnormal ? 1 : 0, w.threshold, w.reportedBy, w.by, w.at]
  )
}

export interface WorkerHitRecord {
  workerId: number
  unitId: number
  unitName: string
  name: string
  phone: string
  role: string
  fromElsewhere: number
}

/** A broad search counts no further than this: "超过 500 人" tells the clerk to type more. */
export const WORKER_HITS_CAP = 500

/**
 * Workers across units by the start of a name, pinyin initials or the last digits of a phone.
 * Names and initials walk the register's index in the order shown (name; initials then name, so
 * the people whose initials are exactly those typed come first) joined to unit_workers by its
 * resident index, and stop at the page: "zyg" among 50,000 workers matches 15,000 and neither
 * sorts nor counts them all. The count stops past WORKER_HITS_CAP (capped: the total reads
 * "more than"), and no page lies beyond it.
 */
export function workerHits(
  db: Db,
  q: string,
  scope: SqlPart,
  gridId: number | undefined,
  limit: number,
  offset: number
): { rows: WorkerHitRecord[]; total: number; capped: boolean } {
  const where = ['w.left_at IS NULL', 'u.deleted_at IS NULL', scope.sql]
  const params: SqlValue[] = [...scope.params]
  let order = 'r.name, w.id'
  const text = q.trim()
  if (/^\d{3,}$/.test(text)) {
    const rev = Array.from(text).reverse().join('')
    where.push("w.resident_id IN (SELECT resident_id FROM resident_phones WHERE digits_rev >= ? AND digits_rev < ? || '~')")
    params.push(rev, rev)
  } else if (/^[a-z]+$/i.test(text)) {
    const initials = text.toLowerCase()
    where.push("r.name_initials >= ? AND r.name_initials < ? || '~'")
    params.push(initials, initials)
    order = 'r.name_initials, r.name, w.id'
  } else if (text !== '') {
    where.push("r.name >= ? AND r.name < ? || '\uffff'")
    params.push(text, text)
  }
  if (gridId) {
    where.push('u.grid_id = ?')
    params.push(gridId)
  }
  const base = `FROM residents r JOIN unit_workers w ON w.resident_id = r.id JOIN units u ON u.id = w.unit_id WHERE ${where.join(' AND ')}`
  const counted = Number(db.get<{ n: number } & Row>(`SELECT COUNT(*) AS n FROM (SELECT 1 ${base} LIMIT ?)`, [...params, WORKER_HITS_CAP + 1])?.n ?? 0)
  const total = Math.min(counted, WORKER_HITS_CAP)
  const take = Math.max(0, Math.min(limit, total - offset))
  const rows =
    take === 0
      ? []
      : db.all<WorkerHitRecord & Row>(
          `SELECT w.id AS workerId, u.id AS unitId, u.name AS unitName, r.name, COALESCE(json_extract(r.phones, '$[0]'), '') AS phone, w.role,
              w.from_elsewhere AS fromElsewhere ${base} ORDER BY ${order} LIMIT ? OFFSET ?`,
          [...params, take, offset]
        )
  return { rows, total, capped: counted > WORKER_HITS_CAP }
}
