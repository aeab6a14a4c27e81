import type { CareFrequency, CareMethod, CareOutcome } from '../../../shared/schemas/care'
import type { Db, SqlPart } from '../kit/db'
import type { Row, SqlValue, Tx } from '../store/store'

export interface CarePlanRecord {
  id: number
  residentId: number
  name: string
  address: string
  /** The person's first phone, whole: masked by the view, whole only on an audited print. */
  phone: string
  gridId: number | null
  gridName: string | null
  /** Comma-joined key-group codes from the register. */
  tags: string | null
  frequency: CareFrequency
  anchorDay: string
  accountId: number | null
  volunteerId: number | null
  workerName: string
  notes: string
  active: number
}

export interface CareContactRecord {
  id: number
  planId: number
  day: string
  method: CareMethod
  outcome: CareOutcome
  note: string
  helpRequestId: number | null
  actor: string
  at: string
}

// Name, address, grid and key groups are the register's, read live: a move or a changed tag shows
// at once. A person sent to the recycle bin takes their plan off every list.
const FROM = `FROM care_plans p JOIN residents r ON r.id = p.resident_id AND p.live = 1`
const SELECT = `SELECT p.id, p.resident_id AS residentId, r.name, COALESCE(h.address, '') AS address,
    COALESCE(json_extract(r.phones, '$[0]'), '') AS phone, r.grid_id AS gridId, g.name AS gridName,
    (SELECT group_concat(t.tag) FROM resident_tags t WHERE t.resident_id = r.id) AS tags,
    p.frequency, p.anchor_day AS anchorDay, p.account_id AS accountId, p.volunteer_id AS volunteerId,
    COALESCE(a.display_name, CASE WHEN v.resident_id IS NULL THEN v.name ELSE vr.name END, '') AS workerName,
    p.notes, p.active
  ${FROM}
  LEFT JOIN households h ON h.id = r.household_id
  LEFT JOIN grids g ON g.id = r.grid_id
  LEFT JOIN accounts a ON a.id = p.account_id
  LEFT JOIN volunteers v ON v.id = p.volunteer_id
  LEFT JOIN residents vr ON vr.id = v.resident_id`

const CONTACT = `SELECT c.id, c.plan_id AS planId, c.day, c.method, c.outcome, c.note, c.help_request_id AS helpRequestId, c.actor, c.at FROM care_contacts c`

export interface CareFilter {
  gridId?: number | undefined
  keyGroup?: string | undefined
  accountId?: number | undefined
  volunteerId?: number | undefined
  activeOnly?: boolean | undefined
}

export function planFilter(f: CareFilter, scope: SqlPart): SqlPart {
  const where: string[] = [scope.sql]
  const params: SqlValue[] = [...scope.params]
  const add = (sql: string, value?: SqlValue) => {
    where.push(sql)
    if (value !== undefined) params.push(value)
  }
  if (f.gridId) add('p.grid_id = ?', f.gridId)
  if (f.keyGroup) add('EXISTS (SELECT 1 FROM resident_tags t WHERE t.resident_id = p.resident_id AND t.tag = ?)', f.keyGroup)
  if (f.accountId) add('p.account_id = ?', f.accountId)
  if (f.volunteerId) add('p.volunteer_id = ?', f.volunteerId)
  if (f.activeOnly) add('p.active = 1')
  return { sql: where.join(' AND '), params }
}

export interface PlanKey {
  id: number
  frequency: CareFrequency
  anchorDay: string
  active: number
}

/**
 * The few columns the due rule needs, of every live plan the filter lets through, in address order:
 * read off the plan's own copy of the person's grid and address order (0031), one covering index.
 */
export function planKeys(db: Db, where: SqlPart): PlanKey[] {
  return db.all<PlanKey & Row>(
    `SELECT p.id, p.frequency, p.anchor_day AS anchorDay, p.active FROM care_plans p WHERE p.live = 1 AND ${where.sql} ORDER BY p.sort_key, p.id`,
    where.params
  )
}

export function plansPage(db: Db, where: SqlPart, limit: number, offset: number): { rows: CarePlanRecord[]; total: number } {
  // Counted and ordered off the plan's own columns (0033's index); the register is joined for the page only.
  const total = Number(db.get<{ n: number } & Row>(`SELECT COUNT(*) AS n FROM care_plans p WHERE p.live = 1 AND ${where.sql}`, where.params)?.n ?? 0)
  const rows = db.all<CarePlanRecord & Row>(`${SELECT} WHERE ${where.sql} ORDER BY p.sort_key, p.id LIMIT ? OFFSET ?`, [...where.params, limit, offset])
  return { rows, total }
}

/** Plans by id, in the order of the ids given. */
export function plansByIds(db: Db, ids: number[]): CarePlanRecord[] {
  if (ids.length === 0) return []
  const rows = db.all<CarePlanRecord & Row>(`${SELECT} WHERE p.id IN (${ids.map(() => '?').join(', ')})`, ids)
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

export function getPlan(db: Db, id: number): CarePlanRecord | undefined {
  return db.get<CarePlanRecord & Row>(`${SELECT} WHERE p.id = ?`, [id])
}

export function planOfResident(db: Db, residentId: number): CarePlanRecord | undefined {
  return db.get<CarePlanRecord & Row>(`${SELECT} WHERE p.resident_id = ?`, [residentId])
}

/** Which plans were contacted on a day and the day before, and how it went: two columns, one read. */
export function contactMarks(db: Db, day: string, dayBefore: string): { today: Map<number, CareOutcome>; before: Set<number> } {
  const rows = db.all<{ planId: number; day: string; outcome: CareOutcome } & Row>(
    'SELECT plan_id AS planId, day, outcome FROM care_contacts WHERE day IN (?, ?)',
    [day, dayBefore]
  )
  const today = new Map<number, CareOutcome>()
  const before = new Set<number>()
  for (const r of rows) {
    if (r.day === day) today.set(r.planId, r.outcome)
    else before.add(r.planId)
  }
  return { today, before }
}

/** The contacts of some plans on one day (a page's worth). */
export function contactsFor(db: Db, planIds: number[], day: string): CareContactRecord[] {
  if (planIds.length === 0) return []
  return db.all<CareContactRecord & Row>(`${CONTACT} WHERE c.day = ? AND c.plan_id IN (${planIds.map(() => '?').join(', ')})`, [day, ...planIds])
}

export function contactOf(db: Db, planId: number, day: string): CareContactRecord | undefined {
  return db.get<CareContactRecord & Row>(`${CONTACT} WHERE c.plan_id = ? AND c.day = ?`, [planId, day])
}

/** Each plan's latest contact before `day` (the print's and list's 上次联系). */
export function lastContactsBefore(db: Db, planIds: number[], day: string): CareContactRecord[] {
  if (planIds.length === 0) return []
  return db.all<CareContactRecord & Row>(
    `${CONTACT} JOIN (SELECT plan_id, MAX(day) AS d FROM care_contacts WHERE plan_id IN (${planIds.map(() => '?').join(', ')}) AND day < ? GROUP BY plan_id) m
       ON m.plan_id = c.plan_id AND m.d = c.day`,
    [...planIds, day]
  )
}

export function contactsOfPlan(db: Db, planId: number, limit: number): CareContactRecord[] {
  return db.all<CareContactRecord & Row>(`${CONTACT} WHERE c.plan_id = ? ORDER BY c.day DESC LIMIT ?`, [planId, limit])
}

/** Any plan of this person, a deleted person's too (one plan a person, whatever happened since). */
export function planIdOfResident(db: Db, residentId: number): number | null {
  return db.get<{ id: number } & Row>('SELECT id FROM care_plans WHERE resident_id = ?', [residentId])?.id ?? null
}

/** People of a key group in a grid who have no plan yet (live ones only). */
export function unplannedOfGroup(db: Db, gridId: number, keyGroup: string): number[] {
  return db
    .all<{ id: number } & Row>(
      `SELECT r.id FROM resident_tags t JOIN residents r ON r.id = t.resident_id AND r.deleted_at IS NULL
        WHERE t.tag = ? AND r.grid_id = ? AND NOT EXISTS (SELECT 1 FROM care_plans p WHERE p.resident_id = r.id) ORDER BY r.sort_key, r.id`,
      [keyGroup, gridId]
    )
    .map((r) => r.id)
}

export function plannedOfGroupCount(db: Db, gridId: number, keyGroup: string): number {
  return Number(
    db.get<{ n: number } & Row>(
      `SELECT COUNT(*) AS n FROM resident_tags t JOIN residents r ON r.id = t.resident_id AND r.deleted_at IS NULL
        WHERE t.tag = ? AND r.grid_id = ? AND EXISTS (SELECT 1 FROM care_plans p WHERE p.resident_id = r.id)`,
      [keyGroup, gridId]
    )?.n ?? 0
  )
}

export interface PlanWrite {
  frequency: CareFrequency
  anchorDay: string
  accountId: number | null
  volunteerId: number | null
  notes: string
  active: boolean
}

export function insertPlan(tx: Tx, residentId: number, w: PlanWrite, by: string, at: string): number {
  return tx.run(
    `INSERT INTO care_plans (resident_id, frequency, anchor_day, account_id, volunteer_id, notes, active, created_at, created_by, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [residentId, w.frequency, w.anchorDay, w.accountId, w.volunteerId, w.notes, w.active ? 1 : 0, at, by, at]
  ).lastInsertRowid
}

export function updatePlan(tx: Tx, id: number, w: PlanWrite, at: string): void {
  tx.run('UPDATE care_plans SET frequency = ?, anchor_day = ?, account_id = ?, volunteer_id = ?, notes = ?, active = ?, updated_at = ? WHERE id = ?', [
    w.frequency,
    w.anchorDay,
    w.accountId,
    w.volunteerId,
    w.notes,
    w.active ? 1 : 0,
    at,
    id
  ])
}

export interface ContactWrite {
  planId: number
  day: string
  method: CareMethod
  outcome: CareOutcome
  note: string
  helpRequestId: number | null
}

export function insertContact(tx: Tx, w: ContactWrite, actor: string, at: string): number {
  return tx.run('INSERT INTO care_contacts (plan_id, day, method, outcome, note, help_request_id, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
    w.planId,
    w.day,
    w.method,
    w.outcome,
    w.note,
    w.helpRequestId,
    actor,
    at
  ]).lastInsertRowid
}

/** A grid worker's account (active) with its grids; undefined for any other account. */
export function gridWorkerAccount(db: Db, id: number): { id: number; name: string; gridIds: string | null } | undefined {
  return db.get<{ id: number; name: string; gridIds: string | null } & Row>(
    `SELECT a.id, a.display_name AS name, (SELECT group_concat(ag.grid_id) FROM account_grids ag WHERE ag.account_id = a.id) AS gridIds
       FROM accounts a WHERE a.id = ? AND a.role = 'grid_worker' AND a.active = 1`,
    [id]
  )
}

/** Grid workers' accounts that cover at least one grid of the scope. */
export function gridWorkerAccounts(db: Db, scope: SqlPart): { id: number; name: string; grids: string }[] {
  return db.all<{ id: number; name: string; grids: string } & Row>(
    `SELECT a.id, a.display_name AS name,
        COALESCE((SELECT group_concat(g.name, '、') FROM account_grids ag JOIN grids g ON g.id = ag.grid_id WHERE ag.account_id = a.id), '') AS grids
       FROM accounts a WHERE a.role = 'grid_worker' AND a.active = 1
        AND (${scope.sql === '1 = 1' ? '1 = 1' : `EXISTS (SELECT 1 FROM account_grids ag WHERE ag.account_id = a.id AND ${scope.sql})`})
      ORDER BY a.display_name`,
    scope.params
  )
}
